// The HTML article reader: metadata from the head, the main text, the item URL.
#include "indexer/readers/html_reader.h"

#include <libxml/HTMLparser.h>

#include <cctype>
#include <functional>
#include <vector>

#include "indexer/html_text.h"
#include "indexer/main_text.h"
#include "indexer/readers/field_checks.h"
#include "indexer/readers/page_date.h"
#include "indexer/readers/page_url.h"

namespace caravan {
namespace {

std::string meta_content(xmlNode* root, const char* key) {
  xmlNode* meta = find_first(root, [key](xmlNode* n) {
    return is_element(n, "meta") && (xml_attribute(n, "property") == key || xml_attribute(n, "name") == key);
  });
  return meta ? xml_attribute(meta, "content") : "";
}

// All elements named tag, in document order.
void collect(xmlNode* node, const char* tag, std::vector<xmlNode*>& out) {
  for (; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (is_element(node, tag)) out.push_back(node);
    collect(node->children, tag, out);
  }
}

// og:title, else the longest <h1> or <h2> that <title> repeats (a site's logo in an <h1> is a
// shorter part of it: "Customs get scanners — Central Asia News"), else the first <h1>, else <title>.
std::string page_title(xmlNode* root) {
  if (std::string title = meta_content(root, "og:title"); !title.empty()) return title;
  xmlNode* title_node = find_first(root, [](xmlNode* n) { return is_element(n, "title"); });
  const std::string title = title_node ? node_text(title_node) : "";
  std::string best;
  for (const char* tag : {"h1", "h2"}) {
    std::vector<xmlNode*> headings;
    collect(root, tag, headings);
    for (xmlNode* heading : headings)
      if (std::string text = node_text(heading); text.size() > best.size() && title.find(text) != std::string::npos)
        best = std::move(text);
  }
  if (!best.empty()) return best;
  if (xmlNode* h1 = find_first(root, [](xmlNode* n) { return is_element(n, "h1"); }))
    if (std::string text = node_text(h1); !text.empty()) return text;
  return title;
}

std::string link_href(xmlNode* root, const char* rel) {
  xmlNode* link = find_first(root, [rel](xmlNode* n) { return is_element(n, "link") && xml_attribute(n, "rel") == rel; });
  return link ? xml_attribute(link, "href") : "";
}

// What relative links of the page are resolved against: its <base href>, else its own URL.
std::string page_base(xmlNode* root, const std::string& own_url) {
  xmlNode* base = find_first(root, [](xmlNode* n) { return is_element(n, "base") && !xml_attribute(n, "href").empty(); });
  return base ? resolve_url(xml_attribute(base, "href"), own_url) : own_url;
}

// The canonical link, else og:url (each resolved against the page), else the page's own URL
// (from --base-url); each refused one is a warning and the next one is tried.
std::string page_url(xmlNode* root, const std::string& own_url, const std::string& where, const ReaderSink& sink) {
  const std::string base = page_base(root, own_url);
  for (const std::string& declared : {link_href(root, "canonical"), meta_content(root, "og:url")}) {
    if (declared.empty()) continue;
    if (std::string url = kept_value(check_url(resolve_url(declared, base)), where, sink); !url.empty()) return url;
  }
  return own_url.empty() ? "" : kept_value(check_url(own_url), where, sink);
}

}  // namespace

bool looks_like_html_page(std::string_view content) {
  std::string head;
  for (char c : content.substr(0, 512)) head += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return head.find("<!doctype html") != std::string::npos || head.find("<html") != std::string::npos;
}

void read_html_page(std::string_view content, const std::string& file_name, const ReaderSink& sink,
                    const std::string& own_url) {
  const std::string where = file_name + ":1";
  const HtmlDocument doc = parse_html(content);
  xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (!root) {
    sink.on_problem({where, "not an HTML document", true, "not_html"});
    return;
  }
  NewsItem item;
  item.title = page_title(root);
  item.body = extract_main_text(root, item.title).text;
  if (item.body.empty()) {
    sink.on_problem({where, "HTML page without text", true, "empty_page"});
    return;
  }
  item.lang = xml_attribute(root, "lang");
  item.url = page_url(root, own_url, where, sink);
  item.date = page_publication_date(root, item.title, item.url);
  item.id = default_item_id(item);
  item.source = where;
  sink.on_item(std::move(item));
}

}  // namespace caravan
