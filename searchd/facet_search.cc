// Facet value search: prefix matching over codes and labels in every language, counts from a search.
#include "searchd/facet_search.h"

#include <algorithm>
#include <charconv>
#include <climits>

#include "core/normalize.h"
#include "searchd/api_error.h"

namespace caravan {
namespace {

constexpr const char* kUiLanguages[] = {"en", "ru"};

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

}  // namespace

FacetSearchRequest parse_facet_search_request(const std::string& facet, const QueryParams& params) {
  const auto& names = facet_names();
  if (std::find(names.begin(), names.end(), facet) == names.end())
    throw ApiError(ErrorCode::kNotFound, "no facet named '" + facet + "'; facets are country, organization, year, month, lang");
  FacetSearchRequest request;
  request.facet = facet;
  QueryParams search_params;
  for (const auto& [name, value] : params) {
    if (name == "prefix") {
      if (value.size() > kMaxFacetPrefixBytes) throw ApiError(ErrorCode::kBadParameter, "'prefix' is longer than 256 bytes");
      request.prefix = value;
    } else if (name == "size") {
      int size = 0;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), size);
      if (error != std::errc() || end != value.data() + value.size() || size < 1 || size > kMaxFacetSearchSize)
        throw ApiError(ErrorCode::kBadParameter, "'size' must be a whole number between 1 and 100");
      request.size = size;
    } else {
      search_params.emplace(name, value);
    }
  }
  request.search = parse_search_request(search_params);
  return request;
}

bool FacetSearch::matches(const std::string& facet, const std::string& value, const std::string& prefix,
                          const std::vector<std::string>& gazetteer_values) const {
  if (prefix.empty() || normalize_text(value).starts_with(prefix)) return true;
  if (facet == "country" || facet == "organization")
    return std::binary_search(gazetteer_values.begin(), gazetteer_values.end(), value);
  if (facet == "year") return false;
  for (const char* ui_lang : kUiLanguages)
    if (normalize_text(searcher_.label(facet, value, ui_lang)).starts_with(prefix)) return true;
  return false;
}

FacetSearchResult FacetSearch::search(const FacetSearchRequest& request) {
  SearchRequest counting = request.search;
  counting.page = 1;
  counting.size = 0;  // no hits: only the counts
  counting.facets = {request.facet};
  counting.facet_size = INT_MAX;  // every value; the prefix picks
  const SearchResult found = searcher_.search(counting);

  FacetSearchResult result;
  result.facet = request.facet;
  result.prefix = request.prefix;
  result.exact = found.exact;
  const std::string prefix = normalize_text(trimmed(request.prefix));
  std::vector<std::string> gazetteer_values;
  if (!prefix.empty() && request.facet == "country") gazetteer_values = gazetteers_.countries.values_with_prefix(prefix);
  if (!prefix.empty() && request.facet == "organization")
    gazetteer_values = gazetteers_.organizations.values_with_prefix(prefix);
  for (const auto& facet : found.facets) {
    if (facet.name != request.facet) continue;
    for (const auto& value : facet.values)
      if (value.count > 0 && matches(request.facet, value.value, prefix, gazetteer_values)) result.values.push_back(value);
  }
  std::sort(result.values.begin(), result.values.end(), [](const FacetValue& a, const FacetValue& b) {
    if (a.count != b.count) return a.count > b.count;
    return a.label != b.label ? a.label < b.label : a.value < b.value;
  });
  if (result.values.size() > static_cast<size_t>(request.size)) result.values.resize(static_cast<size_t>(request.size));
  return result;
}

}  // namespace caravan
