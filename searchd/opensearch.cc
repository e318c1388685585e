// OpenSearch 1.1 description document.
#include "searchd/opensearch.h"

#include "searchd/xml_writer.h"

namespace caravan {

std::string opensearch_description(const std::string& base_url) {
  XmlWriter xml;
  xml.start("OpenSearchDescription");
  xml.attribute("xmlns", "http://a9.com/-/spec/opensearch/1.1/");
  xml.element("ShortName", "Caravan");
  xml.element("Description", "Search Central Asian drug-control news in English, Russian and the region's languages");
  xml.element("InputEncoding", "UTF-8");
  xml.element("OutputEncoding", "UTF-8");
  xml.start("Image");
  xml.attribute("type", "image/svg+xml");
  xml.attribute("width", "16");
  xml.attribute("height", "16");
  xml.text(base_url + "/favicon.svg");
  xml.end();
  struct Template {
    const char* type;
    std::string path;
  };
  for (const Template& url : {Template{"text/html", "/?q={searchTerms}"},
                              Template{"application/x-suggestions+json", "/api/suggest?q={searchTerms}&format=opensearch"},
                              Template{"application/atom+xml", "/feed.atom?q={searchTerms}"}}) {
    xml.start("Url");
    xml.attribute("type", url.type);
    xml.attribute("method", "get");
    xml.attribute("template", base_url + url.path);
    xml.end();
  }
  return xml.finish();
}

}  // namespace caravan
