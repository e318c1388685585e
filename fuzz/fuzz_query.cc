// Fuzzes the query path on a small index: QueryBuilder::parse, Searcher::search and Suggester::suggest with the input as q.
#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "core/analyzer.h"
#include "core/gazetteer.h"
#include "core/schema.h"
#include "core/transliteration.h"
#include "fuzz/unexpected.h"
#include "indexer/index_builder.h"
#include "searchd/api_error.h"
#include "searchd/index_pool.h"
#include "searchd/json_output.h"
#include "searchd/query_builder.h"
#include "searchd/search_request.h"
#include "searchd/searcher.h"
#include "searchd/suggester.h"

namespace fs = std::filesystem;
using namespace caravan;

namespace {

const fs::path kSource = CARAVAN_SOURCE_DIR;

// tests/fixtures/news/mixed.jsonl and data/demo indexed by build_index into a temp directory,
// removed at exit; built on the first input.
struct SmallIndex {
  fs::path dir;
  Analyzer analyzer{kSource / "stopwords"};
  Gazetteers gazetteers = Gazetteers::load(kSource / "gazetteers");
  NameSkeleton skeleton;
  std::unique_ptr<IndexPool> pool;
  std::unique_ptr<Searcher> searcher;
  std::unique_ptr<Suggester> suggester;
  std::vector<std::string> languages;

  SmallIndex() {
    std::string pattern = (fs::temp_directory_path() / "caravan-fuzz-XXXXXX").string();
    if (!mkdtemp(pattern.data())) std::abort();
    dir = pattern;
    BuildConfig config;
    config.live_path = dir / "index";
    config.inputs = {(kSource / "tests/fixtures/news/mixed.jsonl").string(), (kSource / "data/demo").string()};
    config.gazetteers_dir = kSource / "gazetteers";
    config.stopwords_dir = kSource / "stopwords";
    const BuildSummary summary = build_index(config, [](const ReadProblem&) {});
    if (!summary.published) {
      std::fprintf(stderr, "fuzz_query: the index was not built: %s\n", summary.failure.c_str());
      std::abort();
    }
    pool = std::make_unique<IndexPool>(config.live_path);
    RankingSettings ranking;
    ranking.time_budget_ms = 0;  // the same work for the same input, however slow the sanitizers
    searcher = std::make_unique<Searcher>(*pool, analyzer, gazetteers, ranking);
    suggester = std::make_unique<Suggester>(*pool, gazetteers);
    auto lease = pool->acquire();
    const std::string prefix(schema::kPrefixLang);
    for (auto it = lease.db().allterms_begin(prefix); it != lease.db().allterms_end(prefix); ++it)
      languages.push_back((*it).substr(prefix.size()));
  }
  ~SmallIndex() {
    pool.reset();
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static SmallIndex index;
  const std::string q(reinterpret_cast<const char*>(data), size);
  return fuzz::run_checked([&] {
    if (q.size() <= kMaxQueryBytes) {  // searchd never parses a longer q (a 400 first)
      auto lease = index.pool->acquire();
      QueryBuilder builder(index.analyzer, index.languages, &index.skeleton, &lease.db());
      try {  // the one error parse may raise: a date field naming a day that does not exist
        const ParsedQuery parsed = builder.parse(q);
        (void)parsed.text.get_description();
        (void)parsed.relaxed.get_description();
      } catch (const ApiError& error) {
        if (error.code() != ErrorCode::kBadParameter) throw;
      }
    }
    try {  // as GET /api/search?q=... does it
      const SearchRequest request = parse_search_request({{"q", q}});
      (void)dump(search_result_json(index.searcher->search(request)));
    } catch (const ApiError&) {
    }
    try {  // as GET /api/suggest?q=... does it
      const SuggestRequest request = parse_suggest_request({{"q", q}});
      (void)dump(suggestions_json(request.query, index.suggester->suggest(request)));
    } catch (const ApiError&) {
    }
  });
}
