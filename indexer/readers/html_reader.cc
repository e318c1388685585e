// The HTML article reader: metadata from the head, main text from the article element.
#include "indexer/readers/html_reader.h"

#include <libxml/HTMLparser.h>

#include <cctype>
#include <functional>

#include "indexer/date_extractor.h"
#include "indexer/html_text.h"
#include "indexer/readers/field_checks.h"

namespace caravan {
namespace {

bool is_element(xmlNode* node, const char* name) {
  return node->type == XML_ELEMENT_NODE && xmlStrcasecmp(node->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

// The first element, in document order, for which the predicate holds.
xmlNode* find_first(xmlNode* node, const std::function<bool(xmlNode*)>& predicate) {
  for (; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (predicate(node)) return node;
    if (xmlNode* found = find_first(node->children, predicate)) return found;
  }
  return nullptr;
}

std::string meta_content(xmlNode* root, const char* key) {
  xmlNode* meta = find_first(root, [key](xmlNode* n) {
    return is_element(n, "meta") && (xml_attribute(n, "property") == key || xml_attribute(n, "name") == key);
  });
  return meta ? xml_attribute(meta, "content") : "";
}

std::string page_title(xmlNode* root) {
  if (std::string title = meta_content(root, "og:title"); !title.empty()) return title;
  for (const char* tag : {"h1", "title"})
    if (xmlNode* node = find_first(root, [tag](xmlNode* n) { return is_element(n, tag); }))
      if (std::string text = node_text(node); !text.empty()) return text;
  return "";
}

std::string page_date(xmlNode* root) {
  for (const char* key : {"article:published_time", "datePublished", "date", "dc.date"})
    if (auto date = parse_date(meta_content(root, key))) return *date;
  xmlNode* node = find_first(root, [](xmlNode* n) {
    return (is_element(n, "time") && !xml_attribute(n, "datetime").empty()) || xml_attribute(n, "itemprop") == "datePublished";
  });
  if (!node) return "";
  for (const char* name : {"datetime", "content"})
    if (auto date = parse_date(xml_attribute(node, name))) return *date;
  return parse_date(node_text(node)).value_or("");
}

std::string page_url(xmlNode* root) {
  if (std::string url = meta_content(root, "og:url"); !url.empty()) return url;
  xmlNode* link = find_first(root, [](xmlNode* n) { return is_element(n, "link") && xml_attribute(n, "rel") == "canonical"; });
  return link ? xml_attribute(link, "href") : "";
}

xmlNode* main_content(xmlNode* root) {
  for (const char* tag : {"article", "main", "body"})
    if (xmlNode* node = find_first(root, [tag](xmlNode* n) { return is_element(n, tag); })) return node;
  return root;
}

}  // namespace

bool looks_like_html_page(std::string_view content) {
  std::string head;
  for (char c : content.substr(0, 512)) head += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return head.find("<!doctype html") != std::string::npos || head.find("<html") != std::string::npos;
}

void read_html_page(std::string_view content, const std::string& file_name, const ReaderSink& sink) {
  const std::string where = file_name + ":1";
  const HtmlDocument doc = parse_html(content);
  xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (!root) {
    sink.on_problem({where, "not an HTML document", true, "not_html"});
    return;
  }
  NewsItem item;
  item.title = page_title(root);
  item.body = node_text(main_content(root));
  if (item.body.empty()) {
    sink.on_problem({where, "HTML page without text", true, "empty_page"});
    return;
  }
  item.date = page_date(root);
  item.lang = xml_attribute(root, "lang");
  if (std::string url = page_url(root); !url.empty()) item.url = kept_value(check_url(url), where, sink);
  item.id = default_item_id(item);
  item.source = where;
  sink.on_item(std::move(item));
}

}  // namespace caravan
