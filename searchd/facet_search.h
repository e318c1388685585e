// Facet value search (GET /api/facets/{name}): the values of one facet whose label starts with a
// prefix, in any language and script, counted under the current query and filters.
#pragma once

#include <string>
#include <vector>

#include "core/gazetteer.h"
#include "searchd/search_request.h"
#include "searchd/searcher.h"

namespace caravan {

struct FacetSearchRequest {
  std::string facet;   // one of facet_names()
  std::string prefix;  // as typed; empty: every value
  int size = 20;       // <= 100
  SearchRequest search;  // q, filters, dates and ui_lang, as /api/search takes them
};

inline constexpr int kMaxFacetSearchSize = 100;
inline constexpr size_t kMaxFacetPrefixBytes = 256;

// Throws ApiError(kNotFound) for an unknown facet, ApiError(kBadParameter) for a bad prefix,
// size or any parameter /api/search would refuse.
FacetSearchRequest parse_facet_search_request(const std::string& facet, const QueryParams& params);

struct FacetSearchResult {
  std::string facet, prefix;
  bool exact = true;
  std::vector<FacetValue> values;  // count > 0, most items first, then by label
};

class FacetSearch {
 public:
  FacetSearch(Searcher& searcher, const Gazetteers& gazetteers) : searcher_(searcher), gazetteers_(gazetteers) {}

  // Counts come from Searcher::search (FacetCounter, disjunctive: the facet's own selection is
  // ignored), so they equal the sidebar's. A value matches when its code, or its label or name
  // in any language (countries, organizations: every gazetteer alias but adjectives; lang and
  // month: the labels of every UI language), starts with the prefix after normalize_text
  // (case folding, NFC), so "каз" and "kaz" both find KZ.
  FacetSearchResult search(const FacetSearchRequest& request);

 private:
  bool matches(const std::string& facet, const std::string& value, const std::string& prefix,
               const std::vector<std::string>& gazetteer_values) const;

  Searcher& searcher_;
  const Gazetteers& gazetteers_;
};

}  // namespace caravan
