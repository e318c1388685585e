// JSON bodies of the API, all built with nlohmann::json (never by string concatenation).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "searchd/facet_search.h"
#include "searchd/searcher.h"
#include "searchd/suggester.h"

namespace caravan {

nlohmann::json search_result_json(const SearchResult& result);
nlohmann::json hit_json(const Hit& hit);
nlohmann::json document_json(const Hit& hit);
// document_json plus related: [{id,url,title,date,lang,countries,organizations,score}].
nlohmann::json document_view_json(const DocumentView& view);
nlohmann::json stats_json(const IndexStats& stats);
nlohmann::json suggestions_json(const std::string& query, const std::vector<Suggestion>& suggestions);
// OpenSearch suggestions: [query, [completions]].
nlohmann::json opensearch_suggestions_json(const std::string& query, const std::vector<Suggestion>& suggestions);
nlohmann::json facet_search_json(const FacetSearchResult& result);
nlohmann::json error_json(const std::string& code, const std::string& message);

// Serializes with invalid UTF-8 replaced, so a bad byte in an item never breaks a response.
std::string dump(const nlohmann::json& json);

}  // namespace caravan
