// Reader for one HTML article page per file.
#pragma once

#include <string>
#include <string_view>

#include "indexer/readers/reader.h"

namespace caravan {

// True when the content starts like an HTML page (a doctype or an <html> tag).
bool looks_like_html_page(std::string_view content);

// One item from an article page: title from og:title, else the longest <h1> or <h2> that <title>
// repeats (not a logo's <h1>), else the first <h1>, else <title>; date
// from page_publication_date() (metadata, JSON-LD, the byline by the title), else, in the
// document builder, the URL's path and the first date of the text; language from <html lang>; body from extract_main_text() (a known CMS container,
// else the densest text; a heading repeating the title left out); url from the canonical link,
// else og:url, each resolved against the page's <base href> or own_url, else own_url (the file's
// public URL from --base-url; "" when unknown). A refused url is a warning and the next is tried.
// A page without text is reported and skipped.
void read_html_page(std::string_view content, const std::string& file_name, const ReaderSink& sink,
                    const std::string& own_url = "");

}  // namespace caravan
