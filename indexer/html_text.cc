// HTML to text: walks libxml2's tree, skipping what a reader does not see as content.
#include "indexer/html_text.h"

#include <libxml/HTMLparser.h>

#include <array>
#include <regex>
#include <utility>
#include <vector>

namespace caravan {
namespace {

bool is_skipped(std::string_view name) {
  static const std::array<std::string_view, 12> skipped = {
      "script", "style", "nav", "header", "footer", "form", "noscript", "iframe", "svg", "aside",
      "button", "template"};
  for (auto s : skipped)
    if (name == s) return true;
  return false;
}

bool is_block(std::string_view name) {
  static const std::array<std::string_view, 17> blocks = {
      "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
      "section", "article", "blockquote"};
  for (auto b : blocks)
    if (name == b) return true;
  return false;
}

void append_break(std::string& out) {
  while (!out.empty() && (out.back() == ' ')) out.pop_back();
  if (out.empty()) return;
  if (out.size() >= 2 && out.compare(out.size() - 2, 2, "\n\n") == 0) return;
  out += out.back() == '\n' ? "\n" : "\n\n";
}

void append_text(std::string& out, const char* text) {
  for (const char* p = text; *p; ++p) {
    const bool space = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ' && out.back() != '\n') out += ' ';
    } else {
      out += *p;
    }
  }
}

void walk(xmlNode* node, std::string& out) {
  for (; node; node = node->next) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      append_text(out, reinterpret_cast<const char*>(node->content));
      continue;
    }
    if (node->type != XML_ELEMENT_NODE) continue;
    const std::string_view name = reinterpret_cast<const char*>(node->name);
    if (is_skipped(name)) continue;
    const bool block = is_block(name);
    if (block) append_break(out);
    walk(node->children, out);
    if (block) append_break(out);
  }
}

// Frees whatever is nested deeper than kMaxHtmlDepth, without recursion, so that the recursive
// walks over the tree (here and in the readers) stay shallow whatever the input.
void prune_deep_nodes(xmlNode* root) {
  std::vector<std::pair<xmlNode*, int>> pending = {{root, 1}};
  while (!pending.empty()) {
    const auto [node, depth] = pending.back();
    pending.pop_back();
    if (depth >= kMaxHtmlDepth) {
      xmlFreeNodeList(node->children);
      node->children = node->last = nullptr;
      continue;
    }
    for (xmlNode* child = node->children; child; child = child->next) pending.emplace_back(child, depth + 1);
  }
}

}  // namespace

bool looks_like_html(std::string_view text) {
  static const std::regex tag(
      R"(<(p|br|div|span|a|b|i|em|strong|li|ul|h[1-6]|html|body|table|img)[\s/>])",
      std::regex::icase);
  // A character reference: "&amp;", "&laquo;", "&#8212;", "&#x2014;" (not "AT&T" or "R&D").
  static const std::regex entity(R"(&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)");
  const std::string head(text.substr(0, 4096));
  return std::regex_search(head, tag) || std::regex_search(head, entity);
}

HtmlDocument parse_html(std::string_view html) {
  // XML_PARSE_HUGE lifts libxml2's depth limit of 256, beyond which it drops the whole page
  // (libxml2 2.9 has no HTML_PARSE_HUGE; its HTML parser honours the XML flag).
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                      HTML_PARSE_NONET | HTML_PARSE_NOBLANKS | XML_PARSE_HUGE;
  HtmlDocument doc(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", options),
                   xmlFreeDoc);
  if (xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr) prune_deep_nodes(root);
  return doc;
}

std::string node_text(xmlNode* node) {
  std::string out;
  if (node) walk(node->type == XML_ELEMENT_NODE ? node->children : node, out);
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  const auto first = out.find_first_not_of(" \n");
  return first == std::string::npos ? "" : out.substr(first);
}

std::string xml_attribute(xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  std::string out = value ? reinterpret_cast<const char*>(value) : "";
  xmlFree(value);
  return out;
}

std::string html_to_text(std::string_view html) {
  const HtmlDocument doc = parse_html(html);
  if (!doc) return std::string(html);
  return node_text(xmlDocGetRootElement(doc.get()));
}

bool is_element(xmlNode* node, const char* name) {
  return node->type == XML_ELEMENT_NODE && xmlStrcasecmp(node->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

xmlNode* find_first(xmlNode* node, const std::function<bool(xmlNode*)>& predicate) {
  for (; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (predicate(node)) return node;
    if (xmlNode* found = find_first(node->children, predicate)) return found;
  }
  return nullptr;
}

}  // namespace caravan
