// Plain text out of HTML with libxml2's forgiving HTML parser.
#pragma once

#include <libxml/tree.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace caravan {

// A parsed HTML document, freed with the object.
using HtmlDocument = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

// How deep a parsed tree goes: elements and text nested deeper are dropped (a real page is a
// few dozen levels deep; a hostile one could be nested millions deep).
constexpr int kMaxHtmlDepth = 1000;

// Parses any HTML, however broken (libxml2 recovers); never fetches anything. The tree is at
// most kMaxHtmlDepth nodes deep, counting the root element as 1. Null only when libxml2 has
// nothing at all to return.
HtmlDocument parse_html(std::string_view html);

// The visible text under a node, as html_to_text() renders it.
std::string node_text(xmlNode* node);

// An attribute's value, or "" when the element does not have it (HTML and XML trees alike).
std::string xml_attribute(xmlNode* node, const char* name);

// Whether the node is an element of that tag name (any case).
bool is_element(xmlNode* node, const char* name);

// The first element at or after node (its following siblings and, depth first, their
// descendants), in document order, for which the predicate holds; null when none does.
xmlNode* find_first(xmlNode* node, const std::function<bool(xmlNode*)>& predicate);

// True when the text contains markup worth parsing (a tag such as <p>, <br>, <div>, an entity).
bool looks_like_html(std::string_view text);

// The visible text of an HTML fragment or page: scripts, styles, navigation, headers, footers
// and forms dropped; block elements become paragraph breaks; entities decoded. Never throws.
std::string html_to_text(std::string_view html);

}  // namespace caravan
