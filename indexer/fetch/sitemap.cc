// The sitemap parser: <loc> of each <url> or <sitemap> child of the root, through libxml2.
#include "indexer/fetch/sitemap.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>

namespace caravan {
namespace {

using XmlDocument = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

bool named(xmlNode* node, const char* local_name) {
  return node && node->type == XML_ELEMENT_NODE && xmlStrcmp(node->name, reinterpret_cast<const xmlChar*>(local_name)) == 0;
}

std::string trimmed_text(xmlNode* node) {
  xmlChar* content = xmlNodeGetContent(node);
  std::string text = content ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

std::optional<Sitemap> parse_sitemap(std::string_view content) {
  const std::string_view head = content.substr(0, 4096);
  if (head.find("<urlset") == std::string_view::npos && head.find("<sitemapindex") == std::string_view::npos &&
      head.find(":urlset") == std::string_view::npos && head.find(":sitemapindex") == std::string_view::npos)
    return std::nullopt;
  const int options = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  XmlDocument doc(xmlReadMemory(content.data(), static_cast<int>(content.size()), nullptr, nullptr, options), xmlFreeDoc);
  xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  Sitemap sitemap;
  if (named(root, "sitemapindex")) sitemap.is_index = true;
  else if (!named(root, "urlset")) return std::nullopt;
  const char* entry = sitemap.is_index ? "sitemap" : "url";
  for (xmlNode* node = root->children; node; node = node->next) {
    if (!named(node, entry)) continue;
    for (xmlNode* field = node->children; field; field = field->next)
      if (named(field, "loc"))
        if (std::string loc = trimmed_text(field); !loc.empty()) sitemap.locations.push_back(std::move(loc));
  }
  return sitemap;
}

}  // namespace caravan
