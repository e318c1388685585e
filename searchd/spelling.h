// "Did you mean": a query with its misspelled plain words replaced from the index's spelling table.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

namespace caravan {

// Each plain word of the query (not inside a phrase, negated, a field, a wildcard or an operator;
// at least 3 letters, no digits) that has a spelling suggestion (edit distance <= 2, the most
// frequent) is replaced by it, unless the index has the word itself and the suggestion is not
// 10 times as common; everything else is kept as typed. nullopt when nothing changed.
// The indexer records the words of titles (indexer/document_builder.cc).
std::optional<std::string> spelling_correction(const Xapian::Database& db, std::string_view user_query);

}  // namespace caravan
