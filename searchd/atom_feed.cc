// Atom 1.0 feeds of searches, written with libxml2.
#include "searchd/atom_feed.h"

#include <algorithm>
#include <cctype>

#include "searchd/escaping.h"
#include "searchd/xml_writer.h"

namespace caravan {
namespace {

// The HTML page of one item (searchd's /doc/{id}); an entry without a URL of its own links there.
constexpr const char* kDocumentPagePath = "/doc/";

// Snippets are HTML with <mark> around matches and &amp; &lt; &gt; &quot; &#39; escapes; a feed
// summary is plain text (libxml2 escapes it again for XML).
std::string snippet_text(const std::string& html) {
  std::string out;
  out.reserve(html.size());
  for (size_t i = 0; i < html.size();) {
    if (html[i] == '<') {
      const size_t close = html.find('>', i);
      if (close == std::string::npos) break;
      i = close + 1;
      continue;
    }
    if (html[i] == '&') {
      static const std::pair<const char*, const char*> entities[] = {
          {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&#x27;", "'"}, {"&apos;", "'"}};
      bool replaced = false;
      for (const auto& [entity, text] : entities) {
        if (html.compare(i, std::char_traits<char>::length(entity), entity) == 0) {
          out += text;
          i += std::char_traits<char>::length(entity);
          replaced = true;
          break;
        }
      }
      if (replaced) continue;
    }
    out += html[i++];
  }
  return out;
}

bool is_iso_day(const std::string& date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(date[i]))) return false;
  return true;
}

std::string query_string(const QueryParams& params) {
  std::string out;
  for (const auto& [name, value] : params) out += (out.empty() ? "" : "&") + url_component(name) + "=" + url_component(value);
  return out;
}

}  // namespace

std::string rfc3339(std::time_t time) {
  std::tm parts{};
  gmtime_r(&time, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

SearchRequest parse_feed_request(const QueryParams& params) {
  QueryParams search_params;
  for (const auto& [name, value] : params)
    if (name != "page" && name != "size" && name != "sort" && name != "facets") search_params.emplace(name, value);
  SearchRequest request = parse_search_request(search_params);
  request.sort = SortOrder::kDate;
  request.page = 1;
  request.size = kFeedEntries;
  request.facets.clear();
  return request;
}

std::string atom_feed(const SearchResult& result, const std::string& base_url, const QueryParams& params,
                      std::time_t index_time) {
  const std::string query = query_string(params);
  const std::string self = base_url + "/feed.atom" + (query.empty() ? "" : "?" + query);
  const std::string index_updated = rfc3339(index_time);
  std::string updated;  // the newest entry's; items are newest first, but an undated one uses the index time
  std::vector<std::string> entry_updated;
  for (const auto& hit : result.hits) {
    entry_updated.push_back(is_iso_day(hit.date) ? hit.date + "T00:00:00Z" : index_updated);
    updated = std::max(updated, entry_updated.back());
  }
  if (updated.empty()) updated = index_updated;

  XmlWriter xml;
  xml.start("feed");
  xml.attribute("xmlns", "http://www.w3.org/2005/Atom");
  xml.element("id", self);
  xml.element("title", result.query.empty() ? std::string("Caravan: latest news") : "Caravan: " + result.query);
  xml.element("updated", updated);
  xml.start("link");
  xml.attribute("rel", "self");
  xml.attribute("type", "application/atom+xml");
  xml.attribute("href", self);
  xml.end();
  xml.start("link");
  xml.attribute("rel", "alternate");
  xml.attribute("type", "text/html");
  xml.attribute("href", base_url + "/" + (query.empty() ? "" : "?" + query));
  xml.end();
  xml.start("author");
  xml.element("name", "Caravan");
  xml.end();
  xml.element("generator", "Caravan");
  for (size_t i = 0; i < result.hits.size(); ++i) {
    const Hit& hit = result.hits[i];
    xml.start("entry");
    if (!hit.lang.empty()) xml.attribute("xml:lang", hit.lang);
    xml.element("id", "tag:caravan,2026:doc/" + url_component(hit.id));
    xml.element("title", hit.title.empty() ? hit.id : hit.title);
    xml.element("updated", entry_updated[i]);
    xml.start("link");
    xml.attribute("rel", "alternate");
    xml.attribute("href", hit.url.empty() ? base_url + kDocumentPagePath + url_component(hit.id) : hit.url);
    xml.end();
    xml.start("summary");
    xml.attribute("type", "text");
    xml.text(snippet_text(hit.snippet));
    xml.end();
    xml.end();
  }
  return xml.finish();
}

}  // namespace caravan
