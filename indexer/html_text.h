// Plain text out of HTML with libxml2's forgiving HTML parser.
#pragma once

#include <string>
#include <string_view>

namespace caravan {

// True when the text contains markup worth parsing (a tag such as <p>, <br>, <div>, an entity).
bool looks_like_html(std::string_view text);

// The visible text of an HTML fragment or page: scripts, styles, navigation, headers, footers
// and forms dropped; block elements become paragraph breaks; entities decoded. Never throws.
std::string html_to_text(std::string_view html);

}  // namespace caravan
