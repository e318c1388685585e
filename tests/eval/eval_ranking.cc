// eval_ranking: retrieval quality of Caravan's query building and ranking on the shared test
// collections (Cranfield, CISI, Medline: nDCG@10, MAP@100; Russian known-item: MRR@10, hits@10).
// Every row is read against plain Xapian BM25 (OP_OR of the words' stems, Xapian's QueryParser);
// beside it all words (AND) and any word (OR) as QueryBuilder makes them, and searchd's ranking
// itself (a Searcher over the same index, no recency: the collections are undated), whole and
// with each of its RankingSettings switches off; with EVAL_TITLE_WEIGHTS set, also searchd's ranking on
// indexes with other title weights; with EVAL_PER_QUERY set, every query's nDCG@10 as well.
// Usage: eval_ranking SHARED_DATA_DIR [ru-known-item docs limit]
#include <xapian.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <functional>

#include "core/analyzer.h"
#include "core/gazetteer.h"
#include "core/schema.h"
#include "core/stored_item.h"
#include "core/transliteration.h"
#include "indexer/index_builder.h"
#include "indexer/readers/input_files.h"
#include "searchd/index_pool.h"
#include "searchd/query_builder.h"
#include "searchd/searcher.h"
#include "tests/test_paths.h"

using namespace caravan;
using nlohmann::json;

namespace {

using Qrels = std::map<std::string, std::map<std::string, int>>;  // query -> doc -> grade

struct Query {
  std::string id, text;
};

std::vector<Query> read_queries(const std::string& path) {
  std::vector<Query> queries;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) {
      const auto j = json::parse(line);
      queries.push_back({j.value("id", ""), j.value("text", "")});
    }
  return queries;
}

Qrels read_qrels(const std::string& path) {
  Qrels qrels;
  std::ifstream in(path);
  std::string qid, zero, doc;
  int grade;
  while (in >> qid >> zero >> doc >> grade) qrels[qid][doc] = grade;
  return qrels;
}

// Indexes a JSON Lines file (optionally with titles emptied and at most `limit` items); returns its path.
std::filesystem::path build(const test::TempDir& dir, const std::string& name, const std::string& gz, bool drop_titles,
                       size_t limit, unsigned title_weight = schema::kTitleWdfInc) {
  const auto input = dir.path() / (name + ".jsonl");
  {
    std::ofstream out(input);
    std::istringstream lines(read_file_content(gz));
    std::string line;
    for (size_t n = 0; n < limit && std::getline(lines, line); ++n) {
      auto j = json::parse(line);
      if (drop_titles) j["title"] = "";
      out << j.dump() << '\n';
    }
  }
  BuildConfig config;
  config.live_path = dir.path() / name;
  config.inputs = {input.string()};
  config.gazetteers_dir = test::gazetteers_dir();
  config.stopwords_dir = test::stopwords_dir();
  config.options.title_weight = title_weight;
  build_index(config, [](const ReadProblem&) {});
  return config.live_path;
}

using Ranker = std::function<std::vector<std::string>(const std::string& text, Xapian::doccount depth)>;

std::vector<std::string> ids_of(const Xapian::MSet& mset) {
  std::vector<std::string> ids;
  for (auto it = mset.begin(); it != mset.end(); ++it)
    ids.push_back(caravan::decode_stored_item(it.get_document().get_data(), false).id);
  return ids;
}

// The baseline: Xapian's BM25Weight over OP_OR of the stemmed words (as "Z" terms, which the
// indexer writes for every word), with no stopwords, synonyms, skeletons or coordination.
Ranker plain_bm25(Xapian::Database& db, const std::string& lang) {
  return [&db, lang](const std::string& text, Xapian::doccount depth) {
    Xapian::QueryParser parser;
    parser.set_stemmer(Xapian::Stem(lang == "ru" ? "russian" : "english"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
    parser.set_default_op(Xapian::Query::OP_OR);
    Xapian::Enquire enquire(db);
    enquire.set_query(parser.parse_query(text, 0));
    return ids_of(enquire.get_mset(0, depth));
  };
}

// QueryBuilder's all-words (AND) or any-word (OR) query under BM25.
Ranker built_query(Xapian::Database& db, QueryBuilder& builder, bool any_word) {
  return [&db, &builder, any_word](const std::string& text, Xapian::doccount depth) {
    const ParsedQuery parsed = builder.parse(text);
    Xapian::Enquire enquire(db);
    enquire.set_query(any_word ? parsed.relaxed : parsed.text);
    return ids_of(enquire.get_mset(0, depth));
  };
}

// searchd's ranking: a Searcher over the index, without facets, snippets or a time budget.
Ranker searchd_ranking(Searcher& searcher) {
  return [&searcher](const std::string& text, Xapian::doccount depth) {
    SearchRequest request;
    request.query = text;
    request.size = static_cast<int>(depth);
    request.facets.clear();
    request.snippets = false;
    std::vector<std::string> ids;
    for (const auto& hit : searcher.search(request).hits) ids.push_back(hit.id);
    return ids;
  };
}

double ndcg_at_10(const std::vector<std::string>& ranked, const std::map<std::string, int>& grades) {
  double dcg = 0, ideal = 0;
  for (size_t i = 0; i < ranked.size() && i < 10; ++i) {
    auto it = grades.find(ranked[i]);
    if (it != grades.end()) dcg += (std::pow(2.0, it->second) - 1) / std::log2(i + 2.0);
  }
  std::vector<int> best;
  for (const auto& [doc, grade] : grades) best.push_back(grade);
  std::sort(best.rbegin(), best.rend());
  for (size_t i = 0; i < best.size() && i < 10; ++i) ideal += (std::pow(2.0, best[i]) - 1) / std::log2(i + 2.0);
  return ideal > 0 ? dcg / ideal : 0;
}

double average_precision(const std::vector<std::string>& ranked, const std::map<std::string, int>& grades) {
  double hits = 0, sum = 0;
  for (size_t i = 0; i < ranked.size(); ++i)
    if (grades.count(ranked[i])) sum += ++hits / (i + 1);
  return grades.empty() ? 0 : sum / grades.size();
}

struct Scores {
  double first = 0, second = 0;  // nDCG@10 and MAP@100, or MRR@10 and hits@10
  int queries = 0;
  double cpu_ms = 0;  // process CPU time per query (parsing, matching, reading the hits' data)
};

// With EVAL_PER_QUERY set, every query's score is printed too (to see where two rankings differ).
Scores score(const Ranker& ranker, const std::vector<Query>& queries, const Qrels& qrels, bool known_item,
             const char* row = "") {
  static const bool per_query = std::getenv("EVAL_PER_QUERY") != nullptr;
  Scores scores;
  const std::clock_t started = std::clock();
  for (const auto& query : queries) {
    auto grades = qrels.find(query.id);
    if (grades == qrels.end()) continue;
    const auto ranked = ranker(query.text, known_item ? 10 : 100);
    ++scores.queries;
    if (known_item) {
      for (size_t i = 0; i < ranked.size(); ++i)
        if (grades->second.count(ranked[i])) { scores.first += 1.0 / (i + 1); scores.second += 1; break; }
    } else {
      const double ndcg = ndcg_at_10(ranked, grades->second);
      scores.first += ndcg;
      scores.second += average_precision(ranked, grades->second);
      if (per_query) std::printf("  %-14s %-6s nDCG@10 %.3f\n", row, query.id.c_str(), ndcg);
    }
  }
  if (scores.queries > 0) scores.first /= scores.queries, scores.second /= scores.queries;
  if (scores.queries > 0) scores.cpu_ms = 1000.0 * (std::clock() - started) / CLOCKS_PER_SEC / scores.queries;
  return scores;
}

struct Shared {
  Analyzer analyzer{test::stopwords_dir()};
  Gazetteers gazetteers = Gazetteers::load(test::gazetteers_dir());
  NameSkeleton skeleton;
};

// One line per way of ranking, the first the BM25 baseline; "+" marks a score above it, "-" below.
void evaluate(const char* name, const std::string& lang, const std::filesystem::path& index,
              const std::vector<Query>& queries, const Qrels& qrels, bool known_item) {
  static const Shared shared;
  Xapian::Database db(index.string());
  QueryBuilder builder(shared.analyzer, {"en", "ru"}, &shared.skeleton, &db);
  IndexPool pool(index);
  const auto searcher_with = [&](auto change) {
    RankingSettings settings;
    settings.recency_weight = 0;
    settings.time_budget_ms = 0;
    change(settings);
    return std::make_unique<Searcher>(pool, shared.analyzer, shared.gazetteers, settings);
  };
  auto caravan = searcher_with([](RankingSettings&) {});
  auto no_coordination = searcher_with([](RankingSettings& s) { s.coordination = false; });
  auto no_entities = searcher_with([](RankingSettings& s) { s.entity_expansion = false; });
  auto no_cross_script = searcher_with([](RankingSettings& s) { s.cross_script = false; });
  const std::vector<std::pair<const char*, Ranker>> rankers = {
      {"BM25", plain_bm25(db, lang)},
      {"AND", built_query(db, builder, false)},
      {"OR", built_query(db, builder, true)},
      {"Caravan", searchd_ranking(*caravan)},
      {"-coordination", searchd_ranking(*no_coordination)},
      {"-entities", searchd_ranking(*no_entities)},
      {"-crossscript", searchd_ranking(*no_cross_script)},
  };
  // EVAL_COORDINATION="0.5 2": also searchd's ranking with those coordination bonuses.
  std::vector<std::unique_ptr<Searcher>> tuned;
  std::vector<std::string> tuned_names;
  std::istringstream strengths(std::getenv("EVAL_COORDINATION") ? std::getenv("EVAL_COORDINATION") : "");
  for (double strength; strengths >> strength;) {
    tuned.push_back(searcher_with([strength](RankingSettings& s) { s.coordination_bonus = strength; }));
    tuned_names.push_back("bonus " + std::to_string(strength).substr(0, 4));
  }
  std::vector<std::pair<const char*, Ranker>> all_rankers = rankers;
  for (size_t i = 0; i < tuned.size(); ++i) all_rankers.emplace_back(tuned_names[i].c_str(), searchd_ranking(*tuned[i]));
  Scores baseline;
  for (const auto& [ranker_name, ranker] : all_rankers) {
    const Scores scores = score(ranker, queries, qrels, known_item, ranker_name);
    if (&ranker == &all_rankers.front().second) baseline = scores;
    const auto mark = [](double value, double base) { return value > base + 5e-4 ? '+' : value < base - 5e-4 ? '-' : ' '; };
    std::printf("%-14s %-14s %5d queries   %s %.3f%c  %s %.3f%c   CPU %.2f ms/query\n", name, ranker_name,
                scores.queries, known_item ? "MRR@10" : "nDCG@10", scores.first, mark(scores.first, baseline.first),
                known_item ? "hits@10" : "MAP@100", scores.second, mark(scores.second, baseline.second), scores.cpu_ms);
    std::fflush(stdout);
  }
}

// searchd's ranking on indexes built with other title weights (the index's is schema::kTitleWdfInc).
void evaluate_title_weights(const test::TempDir& dir, const char* name, const std::string& gz,
                            const std::vector<Query>& queries, const Qrels& qrels) {
  static const Shared shared;
  for (unsigned weight : {1u, 2u, 5u}) {
    const auto index = build(dir, std::string(name) + "-title" + std::to_string(weight), gz, false, 100000, weight);
    IndexPool pool(index);
    RankingSettings settings;
    settings.recency_weight = 0;
    settings.time_budget_ms = 0;
    Searcher searcher(pool, shared.analyzer, shared.gazetteers, settings);
    const Scores scores = score(searchd_ranking(searcher), queries, qrels, false);
    std::printf("%-14s title x%-7u %5d queries   nDCG@10 %.3f   MAP@100 %.3f\n", name, weight, scores.queries,
                scores.first, scores.second);
    std::fflush(stdout);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: eval_ranking SHARED_DATA_DIR [ru-known-item docs limit]\n");
    return 2;
  }
  const std::string shared = std::string(argv[1]) + "/";
  const size_t ru_limit = argc > 2 ? std::stoul(argv[2]) : 100000;
  const bool title_weights = std::getenv("EVAL_TITLE_WEIGHTS") != nullptr;
  test::TempDir dir;
  for (const char* name : {"cran", "cisi", "med"}) {
    const std::string base = shared + "testcoll/" + name + "/";
    const auto index = build(dir, name, base + "docs.jsonl.gz", false, 100000);
    const auto queries = read_queries(base + "queries.jsonl");
    const auto qrels = read_qrels(base + "qrels.trec");
    evaluate(name, "en", index, queries, qrels, false);
    if (title_weights) evaluate_title_weights(dir, name, base + "docs.jsonl.gz", queries, qrels);
  }
  const auto ru = build(dir, "ru", shared + "bench/ru-news-rt-ng.jsonl.gz", true, ru_limit);
  evaluate("ru-known-item", "ru", ru, read_queries(shared + "testcoll/ru-known-item/queries.jsonl"),
           read_qrels(shared + "testcoll/ru-known-item/qrels.trec"), true);
  return 0;
}
