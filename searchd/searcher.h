// The search engine behind the HTTP API: ranked hits, snippets and facet counts as plain structs.
#pragma once

#include <chrono>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "core/analyzer.h"
#include "core/gazetteer.h"
#include "core/labels.h"
#include "core/transliteration.h"
#include "searchd/entity_names.h"
#include "searchd/facet_columns.h"
#include "searchd/facet_counter.h"
#include "searchd/index_pool.h"
#include "searchd/query_builder.h"
#include "searchd/search_request.h"
#include "searchd/spelling.h"
#include "searchd/time_budget.h"

namespace caravan {

struct RankingSettings {
  double recency_weight = 1.0;         // added weight of the newest item; 0 disables the boost
  double recency_half_life_days = 365; // age at which the boost halves
  double time_budget_ms = 500;         // counting past the top hits stops here (0: no limit)
  // Switches for measuring each ranking feature (make eval-ranking, make eval-news):
  bool coordination = true;      // items with more of the query's concepts first, BM25 within
  double coordination_bonus = 1; // per concept matched, in ln(documents) (query_builder.h)
  bool entity_expansion = true;  // a named country or organization also matches its facet term
  bool cross_script = true;      // words also match names written in the other script
};

// Below this many items with every word of the query, items with some of them are ranked.
inline constexpr Xapian::doccount kRelaxBelow = 10;

struct Hit {
  std::string id, url, title, title_html, date, lang, snippet;  // *_html and snippet: escaped, <mark>
  std::string body;  // only for single-document requests
  std::vector<std::string> countries, organizations;
  double score = 0;
};

struct FacetValue {
  std::string value, label;
  unsigned count = 0;
  bool selected = false;
};

struct Facet {
  std::string name;
  std::vector<FacetValue> values;
};

struct SearchResult {
  std::string query;
  std::optional<std::string> corrected;
  unsigned total = 0;
  bool exact = true;
  bool relaxed = false;  // too few items had every word: these have some of them
  std::vector<std::string> missing_shards;  // --partial-results: the shards this answer lacks
  int page = 1, size = 10;
  double took_ms = 0;
  std::vector<Hit> hits;
  std::vector<Facet> facets;
};

// One document with its body and the items most like it (GET /doc/{id}, /api/doc/{id}).
struct DocumentView {
  Hit document;
  std::vector<Hit> related;  // best first, without bodies; score: how alike
};

struct IndexStats {
  unsigned documents = 0;
  std::vector<std::pair<std::string, unsigned>> languages;
  std::string generation;
  std::time_t modified = 0;  // when the index files last changed (0: unknown)
};

class Searcher {
 public:
  Searcher(IndexPool& pool, const Analyzer& analyzer, const Gazetteers& gazetteers, RankingSettings ranking);

  // Throws ApiError (kNoIndex when no index is open).
  SearchResult search(const SearchRequest& request);

  // One document by id, snippet empty; std::nullopt when there is no such id.
  std::optional<Hit> document(const std::string& id);

  // The document and up to `related` items like it (related_items.h); std::nullopt when there
  // is no such id.
  std::optional<DocumentView> document_view(const std::string& id, unsigned related = 5);

  IndexStats stats();

  // What the index holds now, as IndexPool::revision(): answers are bound to it.
  std::string revision() { return pool_.revision(); }

  // The display label of a facet value in the UI language.
  std::string label(const std::string& facet, const std::string& value, const std::string& ui_lang) const;

 private:
  struct Match {
    Xapian::MSet mset;
    FacetCounts counts;
    bool exact = true;  // totals and counts were not cut short by the time budget
  };
  SearchResult search_on(IndexPool::Lease& lease, const SearchRequest& request,
                         std::chrono::steady_clock::time_point started) const;
  IndexStats stats_on(IndexPool::Lease& lease) const;
  Match match(Xapian::Database& db, const Xapian::Query& text, const FacetFilters& filters, const std::string& from,
              const std::string& to, const SearchRequest& request, const TimeBudget& budget, bool remote,
              const Xapian::Query& boost) const;
  Match first_match(Xapian::Database& db, const ParsedQuery& parsed, const FacetFilters& filters, const std::string& from,
                    const std::string& to, const SearchRequest& request, const TimeBudget& budget, bool remote,
                    Xapian::doccount& all_words, bool& relaxed) const;
  Xapian::Query recency_query(const Xapian::Database& db, bool remote) const;
  std::optional<std::string> correction(Xapian::Database& db, const std::string& query, Xapian::doccount matches,
                                        const FacetFilters& filters, const std::string& from, const std::string& to,
                                        const TimeBudget& budget) const;

  IndexPool& pool_;
  const Analyzer& analyzer_;
  const Gazetteers& gazetteers_;
  RankingSettings ranking_;
  NameSkeleton skeleton_;
  EntityNames entity_names_;  // immutable: shared by every request
  LabelBook labels_{{"en", "ru"}};
  SpellingCorrector spelling_;
  mutable FacetColumnsCache facet_columns_;  // thread-safe; per index revision
};

}  // namespace caravan
