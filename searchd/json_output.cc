// Result structs to JSON.
#include "searchd/json_output.h"

namespace caravan {

using nlohmann::json;

json hit_json(const Hit& hit) {
  return {{"id", hit.id},
          {"url", hit.url},
          {"title", hit.title},
          {"title_html", hit.title_html},
          {"date", hit.date.empty() ? json(nullptr) : json(hit.date)},
          {"lang", hit.lang},
          {"snippet", hit.snippet},
          {"countries", hit.countries},
          {"organizations", hit.organizations},
          {"score", hit.score}};
}

json document_json(const Hit& hit) {
  json doc = hit_json(hit);
  doc.erase("snippet");
  doc.erase("title_html");
  doc.erase("score");
  doc["body"] = hit.body;
  return doc;
}

json document_view_json(const DocumentView& view) {
  json doc = document_json(view.document);
  json related = json::array();
  for (const auto& hit : view.related) {
    json item = hit_json(hit);
    item.erase("snippet");
    item.erase("title_html");
    related.push_back(std::move(item));
  }
  doc["related"] = std::move(related);
  return doc;
}

json search_result_json(const SearchResult& result) {
  json hits = json::array();
  for (const auto& hit : result.hits) hits.push_back(hit_json(hit));
  json facets = json::object();
  for (const auto& facet : result.facets) {
    json values = json::array();
    for (const auto& v : facet.values)
      values.push_back({{"value", v.value}, {"label", v.label}, {"count", v.count}, {"selected", v.selected}});
    facets[facet.name] = std::move(values);
  }
  return {{"query", result.query},
          {"corrected", result.corrected ? json(*result.corrected) : json(nullptr)},
          {"total", result.total},
          {"exact", result.exact},
          {"relaxed", result.relaxed},
          {"partial", !result.missing_shards.empty()},
          {"missing_shards", result.missing_shards},
          {"page", result.page},
          {"size", result.size},
          {"took_ms", result.took_ms},
          {"hits", std::move(hits)},
          {"facets", std::move(facets)}};
}

json stats_json(const IndexStats& stats) {
  json languages = json::object();
  for (const auto& [lang, count] : stats.languages) languages[lang] = count;
  return {{"documents", stats.documents}, {"languages", languages}, {"generation", stats.generation}};
}

json suggestions_json(const std::string& query, const std::vector<Suggestion>& suggestions) {
  json list = json::array();
  for (const auto& s : suggestions) {
    json entry = {{"text", s.text}, {"kind", s.kind}, {"count", s.count}};
    if (!s.value.empty()) entry["value"] = s.value;
    list.push_back(std::move(entry));
  }
  return {{"query", query}, {"suggestions", std::move(list)}};
}

json opensearch_suggestions_json(const std::string& query, const std::vector<Suggestion>& suggestions) {
  json texts = json::array();
  for (const auto& s : suggestions) texts.push_back(s.text);
  return json::array({query, std::move(texts)});
}

json facet_search_json(const FacetSearchResult& result) {
  json values = json::array();
  for (const auto& v : result.values)
    values.push_back({{"value", v.value}, {"label", v.label}, {"count", v.count}, {"selected", v.selected}});
  return {{"facet", result.facet}, {"prefix", result.prefix}, {"exact", result.exact}, {"values", std::move(values)}};
}

json error_json(const std::string& code, const std::string& message) {
  return {{"error", {{"code", code}, {"message", message}}}};
}

std::string dump(const json& json) { return json.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace caravan
