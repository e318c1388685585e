// Reader for the portal's news listing text dump (items between "Rate this item" markers).
#pragma once

#include <string>
#include <string_view>

#include "indexer/readers/reader.h"

namespace caravan {

// True when the text looks like a listing dump (it has the rating marker lines).
bool looks_like_listing(std::string_view content);

// Splits the dump into items: the header before the first marker and the "Page N of M" footer
// are dropped; each item's title is its first sentence and its body the whole item text.
void read_listing(std::string_view content, const std::string& file_name, const ReaderSink& sink);

// The first sentence of a text: up to the first '.', '!' or '?' that ends a sentence (not
// "Mr." or "R." initials, not a decimal point), or the first line when there is none.
std::string first_sentence(std::string_view text);

}  // namespace caravan
