// The typed search request and its parsing from URL query parameters.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace caravan {

enum class SortOrder { kRelevance, kDate };

// Facet names as they appear in the API, in display order.
inline const std::vector<std::string>& facet_names() {
  static const std::vector<std::string> names = {"country", "organization", "year", "month", "lang"};
  return names;
}

struct SearchRequest {
  std::string query;
  int page = 1;                 // 1-based
  int size = 10;                // <= 100
  SortOrder sort = SortOrder::kRelevance;
  std::string from, to;         // "YYYY-MM-DD", inclusive; empty = open
  // Selected facet values by facet name ("country" -> {"KZ","UZ"}): OR within, AND across.
  std::map<std::string, std::set<std::string>> filters;
  std::vector<std::string> facets = facet_names();  // which facets to count
  int facet_size = 10;          // values per facet (year and month: all)
  std::string ui_lang = "en";
  bool snippets = true;         // snippets=0: no snippets nor highlighted titles (less work)
  bool relax = true;            // relax=0: all words strictly, no any-word fallback
  bool spell = true;            // spell=0: no "did you mean" lookup (less work)
};

inline constexpr std::size_t kMaxQueryBytes = 1024;
inline constexpr int kMaxPageSize = 100;
inline constexpr int kMaxResultWindow = 10000;

using QueryParams = std::multimap<std::string, std::string>;

// Parses /api/search parameters. Repeatable: country, org (= organization), lang, year, month.
// Throws ApiError(kBadParameter) with a message naming the parameter.
SearchRequest parse_search_request(const QueryParams& params);

}  // namespace caravan
