// Text made safe for HTML and for URLs: the one escaping of searchd's pages, feeds and answers.
#pragma once

#include <string>
#include <string_view>

namespace caravan {

// Text as HTML text or attribute value: & < > " ' escaped.
std::string html_escaped(std::string_view text);

// A URL component with everything but unreserved characters (A-Z a-z 0-9 - _ . ~) percent-encoded.
std::string url_component(std::string_view text);

}  // namespace caravan
