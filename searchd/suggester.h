// Autocomplete: completions of what is being typed, from the index's words and the gazetteers.
#pragma once

#include <string>
#include <vector>

#include "core/gazetteer.h"
#include "searchd/index_pool.h"
#include "searchd/search_request.h"

namespace caravan {

struct SuggestRequest {
  std::string query;          // what has been typed so far
  int size = 8;               // <= 20
  std::vector<std::string> langs;  // count only items in these languages (repeatable "lang")
  std::string ui_lang = "en";
};

struct Suggestion {
  std::string text;   // the whole query to search, or a facet label
  std::string kind;   // "query", "country" or "organization"
  std::string value;  // the facet value for country/organization ("KZ"), empty for queries
  unsigned count = 0; // documents: with the completed word, or with the facet value
};

// Throws ApiError(kBadParameter) for an empty or too long q, or a bad size.
SuggestRequest parse_suggest_request(const QueryParams& params);

class Suggester {
 public:
  Suggester(IndexPool& pool, const Gazetteers& gazetteers) : pool_(pool), gazetteers_(gazetteers) {}

  // First up to two countries and two organizations whose name in any language starts with
  // what was typed and that some item has (they become filters in the UI; a label starting with
  // it first, then the most frequent); then the last, partial word completed from the index's
  // words, after the words typed before it (kept as typed), ranked by how many items have the
  // completion along with those words (and one of langs). Bounded: at most 5,000 terms are
  // scanned, in alphabetical order (a very short prefix of a large index sees only part of its
  // completions), and only the 60 most frequent are counted, exactly up to 1,000 items.
  std::vector<Suggestion> suggest(const SuggestRequest& request);

 private:
  std::vector<Suggestion> suggest_on(const Xapian::Database& db, const SuggestRequest& request) const;

  IndexPool& pool_;
  const Gazetteers& gazetteers_;
};

}  // namespace caravan
