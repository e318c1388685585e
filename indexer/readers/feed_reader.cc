// The feed reader: RSS 2.0 items and Atom entries through libxml2 (no network, no entities).
#include "indexer/readers/feed_reader.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>

#include "indexer/date_extractor.h"
#include "indexer/html_text.h"
#include "indexer/readers/field_checks.h"

namespace caravan {
namespace {

using XmlDocument = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

bool named(xmlNode* node, const char* local_name) {
  return node && node->type == XML_ELEMENT_NODE && xmlStrcmp(node->name, reinterpret_cast<const xmlChar*>(local_name)) == 0;
}

bool has_prefix(xmlNode* node, const char* prefix) {
  return node->ns && node->ns->prefix && xmlStrcmp(node->ns->prefix, reinterpret_cast<const xmlChar*>(prefix)) == 0;
}

std::string text_of(xmlNode* node) {
  if (!node) return "";
  xmlChar* content = xmlNodeGetContent(node);
  std::string text = content ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  return text;
}

// The first child element with the local name (and, when given, the namespace prefix).
xmlNode* child(xmlNode* parent, const char* local_name, const char* prefix = nullptr) {
  for (xmlNode* node = parent ? parent->children : nullptr; node; node = node->next)
    if (named(node, local_name) && (!prefix || has_prefix(node, prefix))) return node;
  return nullptr;
}

std::string as_text(const std::string& maybe_html) {
  return looks_like_html(maybe_html) ? html_to_text(maybe_html) : maybe_html;
}

NewsItem rss_item(xmlNode* item, const std::string& channel_lang) {
  NewsItem news;
  news.title = as_text(text_of(child(item, "title")));
  news.url = text_of(child(item, "link"));
  news.id = text_of(child(item, "guid"));
  const std::string encoded = text_of(child(item, "encoded", "content"));
  news.body = as_text(encoded.empty() ? text_of(child(item, "description")) : encoded);
  std::string date = text_of(child(item, "pubDate"));
  if (date.empty()) date = text_of(child(item, "date", "dc"));
  news.date = parse_date(date).value_or("");
  const std::string lang = text_of(child(item, "language", "dc"));
  news.lang = lang.empty() ? channel_lang : lang;
  return news;
}

NewsItem atom_entry(xmlNode* entry, const std::string& feed_lang) {
  NewsItem news;
  news.title = as_text(text_of(child(entry, "title")));
  news.id = text_of(child(entry, "id"));
  for (xmlNode* node = entry->children; node; node = node->next)
    if (named(node, "link") && (xml_attribute(node, "rel").empty() || xml_attribute(node, "rel") == "alternate")) {
      news.url = xml_attribute(node, "href");
      break;
    }
  xmlNode* content = child(entry, "content");
  news.body = as_text(text_of(content ? content : child(entry, "summary")));
  xmlNode* published = child(entry, "published");
  news.date = parse_date(text_of(published ? published : child(entry, "updated"))).value_or("");
  xmlChar* lang = xmlNodeGetLang(entry);
  news.lang = lang ? reinterpret_cast<const char*>(lang) : feed_lang;
  xmlFree(lang);
  return news;
}

void emit(NewsItem&& item, xmlNode* node, const std::string& file_name, const ReaderSink& sink) {
  const std::string where = file_name + ":" + std::to_string(xmlGetLineNo(node));
  if (item.body.find_first_not_of(" \t\r\n") == std::string::npos) item.body = item.title;
  if (item.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    sink.on_problem({where, "feed item without title or text", true, "empty_feed_item"});
    return;
  }
  if (!item.url.empty()) item.url = kept_value(check_url(item.url), where, sink);
  if (item.id.empty()) item.id = default_item_id(item);
  item.source = where;
  sink.on_item(std::move(item));
}

}  // namespace

bool looks_like_feed(std::string_view content) {
  const std::string_view head = content.substr(0, 1024);
  return head.find("<rss") != std::string_view::npos || head.find("<feed") != std::string_view::npos;
}

void read_feed(std::string_view content, const std::string& file_name, const ReaderSink& sink) {
  const int options = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  XmlDocument doc(xmlReadMemory(content.data(), static_cast<int>(content.size()), nullptr, nullptr, options), xmlFreeDoc);
  xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (named(root, "rss")) {
    xmlNode* channel = child(root, "channel");
    const std::string lang = text_of(child(channel, "language"));
    for (xmlNode* node = channel ? channel->children : nullptr; node; node = node->next)
      if (named(node, "item")) emit(rss_item(node, lang), node, file_name, sink);
  } else if (named(root, "feed")) {
    xmlChar* lang = xmlNodeGetLang(root);
    const std::string feed_lang = lang ? reinterpret_cast<const char*>(lang) : "";
    xmlFree(lang);
    for (xmlNode* node = root->children; node; node = node->next)
      if (named(node, "entry")) emit(atom_entry(node, feed_lang), node, file_name, sink);
  } else {
    sink.on_problem({file_name + ":1", "not an RSS or Atom feed", true, "not_feed"});
  }
}

}  // namespace caravan
