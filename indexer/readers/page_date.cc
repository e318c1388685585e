// Page dates: metadata first, then the byline near the title, never the page's furniture.
#include "indexer/readers/page_date.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <set>
#include <string_view>

#include "indexer/date_extractor.h"
#include "indexer/html_text.h"
#include "indexer/text_blocks.h"

namespace caravan {
namespace {

std::string meta_date(xmlNode* root) {
  for (const char* key : {"article:published_time", "og:published_time", "datePublished", "date", "dc.date",
                          "DC.date.issued", "pubdate", "publishdate", "publish-date"}) {
    xmlNode* meta = find_first(root, [key](xmlNode* n) {
      return is_element(n, "meta") && (xml_attribute(n, "property") == key || xml_attribute(n, "name") == key);
    });
    if (!meta) continue;
    if (auto date = parse_date(xml_attribute(meta, "content"))) return *date;
  }
  return "";
}

// The first datePublished of a JSON-LD value (an object, an array, an @graph), depth first.
std::string json_ld_published(const nlohmann::json& value, int depth = 0) {
  if (depth > 8) return "";
  if (value.is_object()) {
    if (auto it = value.find("datePublished"); it != value.end() && it->is_string())
      if (auto date = parse_date(it->get<std::string>())) return *date;
    for (const auto& [key, member] : value.items())
      if (std::string date = json_ld_published(member, depth + 1); !date.empty()) return date;
  } else if (value.is_array()) {
    for (const auto& member : value)
      if (std::string date = json_ld_published(member, depth + 1); !date.empty()) return date;
  }
  return "";
}

std::string json_ld_date(xmlNode* root) {
  std::string found;
  find_first(root, [&](xmlNode* n) {
    if (!is_element(n, "script") || xml_attribute(n, "type") != "application/ld+json") return false;
    xmlChar* content = xmlNodeGetContent(n);
    if (!content) return false;
    const auto parsed = nlohmann::json::parse(reinterpret_cast<const char*>(content), nullptr, false);
    xmlFree(content);
    if (!parsed.is_discarded()) found = json_ld_published(parsed);
    return !found.empty();
  });
  return found;
}

std::string itemprop_date(xmlNode* root) {
  xmlNode* node = find_first(root, [](xmlNode* n) { return xml_attribute(n, "itemprop") == "datePublished"; });
  if (!node) return "";
  for (const char* name : {"datetime", "content"})
    if (auto date = parse_date(xml_attribute(node, name))) return *date;
  return parse_date(node_text(node)).value_or("");
}

std::string trimmed(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// The element that shows the title: the first <h1>-<h4> whose text is the title, else the first <h1>.
xmlNode* title_element(xmlNode* root, const std::string& title) {
  const std::string wanted = trimmed(title);
  if (!wanted.empty())
    if (xmlNode* shown = find_first(root, [&](xmlNode* n) {
          return (is_element(n, "h1") || is_element(n, "h2") || is_element(n, "h3") || is_element(n, "h4")) &&
                 trimmed(node_text(n)) == wanted;
        }))
      return shown;
  return find_first(root, [](xmlNode* n) { return is_element(n, "h1"); });
}

// Class and id words of what surrounds an article: other items' dates live there.
bool furniture_name(const std::string& value) {
  static const std::set<std::string> words = {
      "nav", "navbar", "navigation", "menu", "topmenu", "sidebar", "side", "aside", "widget", "widgets", "related",
      "latest", "recent", "last", "popular", "most", "trending", "ticker", "today", "top", "topbar", "header",
      "footer", "rail", "archive", "similar", "other", "more", "list", "rates", "currency", "weather", "right",
      "left", "col", "block", "tags", "comments", "comment", "banner", "breadcrumb", "breadcrumbs"};
  for (const auto& word : name_words(value))
    if (words.count(word)) return true;
  return false;
}

bool is_furniture(xmlNode* element) {
  for (const char* tag : {"nav", "aside", "footer", "header", "form", "script", "style", "noscript", "select"})
    if (is_element(element, tag)) return true;
  return furniture_name(xml_attribute(element, "class")) || furniture_name(xml_attribute(element, "id"));
}

// Paragraphs, quotes, list items and cells are the story's (a "<p class=date>" excepted).
bool is_story_element(xmlNode* element) {
  static const std::set<std::string> date_words = {"date", "time", "byline", "meta", "posted", "published",
                                                   "created", "pubdate", "dateline"};
  bool story = false;
  for (const char* tag : {"p", "blockquote", "li", "td", "figcaption"}) story = story || is_element(element, tag);
  if (!story) return false;
  for (const char* attribute : {"class", "id"})
    for (const auto& word : name_words(xml_attribute(element, attribute)))
      if (date_words.count(word)) return false;
  return true;
}

// A byline holds a date and little else ("By Staff | 5 May 2024, 10:12 | Updated 6 May 2024");
// longer elements are the story, whose dates are events.
constexpr int kMaxBylineWords = 16;
constexpr std::string_view kNoLaterThan = "9999-12-31";

std::string byline_date_of(xmlNode* element) {
  if (is_element(element, "time"))
    if (auto date = parse_date(xml_attribute(element, "datetime"))) return *date;
  const std::string text = node_text(element);
  if (count_words(text) > kMaxBylineWords) return "";
  return find_publication_date(text, kNoLaterThan).value_or("");
}

// The first byline date under node in document order, not entering furniture or the title;
// inside the story's own elements only a <time datetime> counts.
std::string byline_date_under(xmlNode* node, xmlNode* title, bool in_story = false) {
  for (xmlNode* child = node->children; child; child = child->next) {
    if (child->type != XML_ELEMENT_NODE || child == title || is_furniture(child)) continue;
    const bool story = in_story || is_story_element(child);
    if (!story || is_element(child, "time"))
      if (std::string date = byline_date_of(child); !date.empty()) return date;
    if (std::string date = byline_date_under(child, title, story); !date.empty()) return date;
  }
  return "";
}

// How many elements up from the title the byline is looked for: its parent, the article, the
// article's wrapper; farther up are the page's columns.
constexpr int kBylineLevels = 3;

std::string byline_date(xmlNode* root, const std::string& title) {
  xmlNode* shown = title_element(root, title);
  if (!shown) return "";
  xmlNode* around = shown;
  for (int level = 0; level < kBylineLevels; ++level) {
    around = around->parent;
    if (!around || around->type != XML_ELEMENT_NODE || is_element(around, "body") || is_element(around, "html"))
      break;
    if (std::string date = byline_date_under(around, shown); !date.empty()) return date;
  }
  return "";
}

}  // namespace

std::string page_publication_date(xmlNode* root, const std::string& title, const std::string& url) {
  for (const auto& from_metadata : {meta_date, json_ld_date, itemprop_date})
    if (std::string date = from_metadata(root); !date.empty()) return date;
  if (find_url_day(url)) return "";
  return byline_date(root, title);
}

}  // namespace caravan
