// Reader for one HTML article page per file.
#pragma once

#include <string>
#include <string_view>

#include "indexer/readers/reader.h"

namespace caravan {

// True when the content starts like an HTML page (a doctype or an <html> tag).
bool looks_like_html_page(std::string_view content);

// One item from an article page: title from og:title, else the first <h1>, else <title>; date
// from article:published_time, <time datetime>, itemprop=datePublished, else the first date of
// the text; language from <html lang>; url from og:url or the canonical link; body from
// <article>, else <main>, else <body>, without navigation, scripts, styles, headers and footers.
// A page without text is reported and skipped.
void read_html_page(std::string_view content, const std::string& file_name, const ReaderSink& sink);

}  // namespace caravan
