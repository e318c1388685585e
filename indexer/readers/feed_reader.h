// Reader for RSS 2.0 and Atom feeds: one item or entry = one news item.
#pragma once

#include <string>
#include <string_view>

#include "indexer/readers/reader.h"

namespace caravan {

// True when the content is an RSS or Atom document (an <rss> or <feed> root element).
bool looks_like_feed(std::string_view content);

// RSS: title, link, guid (id), pubDate or dc:date, content:encoded or description (HTML turned to
// text), the channel's or item's language. Atom: title, link (alternate), id, published or
// updated, content or summary, xml:lang. Items without text are reported with their line and
// skipped; a document that is not XML is one problem.
void read_feed(std::string_view content, const std::string& file_name, const ReaderSink& sink);

}  // namespace caravan
