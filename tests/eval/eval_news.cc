// eval_news: ranking quality on the team's judged news set (tests/fixtures/evalnews): nDCG@10 and
// MRR@10 on the dev and held-out queries, for plain BM25, Caravan as searchd ranks, and Caravan
// with each ranking feature switched off. Usage: eval_news FIXTURE_DIR [--per-query] [--check]
// (--check: exit 1 when Caravan's default scores below plain BM25 on either part).
#include <xapian.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/analyzer.h"
#include "core/gazetteer.h"
#include "core/normalize.h"
#include "core/schema.h"
#include "core/stored_item.h"
#include "core/terms.h"
#include "indexer/index_builder.h"
#include "searchd/index_pool.h"
#include "searchd/searcher.h"
#include "tests/test_paths.h"

using namespace caravan;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct JudgedQuery {
  std::string id, text, lang;
  std::map<std::string, int> grades;  // item id -> 1 or 2; unlisted items are 0
};

using Ranking = std::function<std::vector<std::string>(const std::string& query)>;  // top 10 ids

struct Scores {
  double ndcg = 0, mrr = 0;
};

std::vector<JudgedQuery> read_queries(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::vector<JudgedQuery> queries;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    const json j = json::parse(line);
    JudgedQuery query{j.at("id"), j.at("text"), j.at("lang"), j.at("grades").get<std::map<std::string, int>>()};
    if (query.grades.empty()) throw std::runtime_error(path.string() + ":" + std::to_string(number) + ": no grades");
    queries.push_back(std::move(query));
  }
  if (queries.empty()) throw std::runtime_error(path.string() + ": no queries");
  return queries;
}

// Every graded id must be an item of the index: a typo would silently lower every score.
void check_grades_name_items(const std::vector<JudgedQuery>& queries, Xapian::Database& db) {
  for (const auto& query : queries)
    for (const auto& [id, grade] : query.grades)
      if (!db.term_exists(schema::id_term(id)))
        throw std::runtime_error("query " + query.id + ": '" + id + "' is not an item of the judged set");
      else if (grade < 1 || grade > 2)
        throw std::runtime_error("query " + query.id + ": grade " + std::to_string(grade) + " for '" + id + "' is not 1 or 2");
}

double dcg(const std::vector<int>& gains) {
  double sum = 0;
  for (size_t i = 0; i < gains.size() && i < 10; ++i) sum += (std::pow(2.0, gains[i]) - 1) / std::log2(i + 2.0);
  return sum;
}

double ndcg_at_10(const std::vector<std::string>& ranked, const std::map<std::string, int>& grades) {
  std::vector<int> gains, ideal;
  for (const auto& id : ranked) {
    auto it = grades.find(id);
    gains.push_back(it == grades.end() ? 0 : it->second);
  }
  for (const auto& [id, grade] : grades) ideal.push_back(grade);
  std::sort(ideal.rbegin(), ideal.rend());
  return dcg(gains) / dcg(ideal);
}

// Reciprocal rank of the first item of the query's top grade (2, or 1 where nothing has 2).
double reciprocal_rank_at_10(const std::vector<std::string>& ranked, const std::map<std::string, int>& grades) {
  int top = 0;
  for (const auto& [id, grade] : grades) top = std::max(top, grade);
  for (size_t i = 0; i < ranked.size() && i < 10; ++i) {
    auto it = grades.find(ranked[i]);
    if (it != grades.end() && it->second == top) return 1.0 / (i + 1);
  }
  return 0;
}

Scores evaluate(const Ranking& rank, const std::vector<JudgedQuery>& queries, const char* row, bool per_query) {
  Scores total;
  for (const auto& query : queries) {
    const auto ranked = rank(query.text);
    const double ndcg = ndcg_at_10(ranked, query.grades), rr = reciprocal_rank_at_10(ranked, query.grades);
    if (per_query) std::printf("  %-22s %-4s %-8s nDCG@10 %.3f  RR %.3f  %s\n", row, query.id.c_str(),
                               query.lang.c_str(), ndcg, rr, query.text.c_str());
    total.ndcg += ndcg;
    total.mrr += rr;
  }
  total.ndcg /= queries.size();
  total.mrr /= queries.size();
  return total;
}

std::vector<std::string> index_languages(Xapian::Database& db) {
  std::vector<std::string> languages;
  const std::string prefix(schema::kPrefixLang);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it)
    languages.push_back((*it).substr(prefix.size()));
  return languages;
}

// Plain BM25, the baseline: Xapian's BM25Weight over OP_OR of the query's words stemmed in every
// language of the index (the Z terms the indexer writes), nothing else.
class PlainBm25 {
 public:
  PlainBm25(Xapian::Database& db, const Analyzer& analyzer) : db_(db) {
    for (const auto& lang : index_languages(db)) stemmers_.push_back(analyzer.make_stemmer(lang));
  }

  std::vector<std::string> operator()(const std::string& text) {
    std::set<std::string> terms;
    for (const auto& word : splitter_.split(normalize_text(text)))
      for (auto& stem : stemmers_) terms.insert(std::string(schema::kPrefixStem) + stem(word));
    Xapian::Enquire enquire(db_);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    std::vector<std::string> ids;
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    for (auto it = mset.begin(); it != mset.end(); ++it)
      ids.push_back(decode_stored_item(it.get_document().get_data(), false).id);
    return ids;
  }

 private:
  Xapian::Database& db_;
  std::vector<Xapian::Stem> stemmers_;
  TermSplitter splitter_;
};

// Caravan as searchd answers /api/search?q=...: the real Searcher, relaxation and recency included.
Ranking caravan(IndexPool& pool, const Analyzer& analyzer, const Gazetteers& gazetteers, RankingSettings settings) {
  auto searcher = std::make_shared<Searcher>(pool, analyzer, gazetteers, settings);
  return [searcher](const std::string& text) {
    SearchRequest request;
    request.query = text;
    request.size = 10;
    request.facets = {};
    request.snippets = false;
    std::vector<std::string> ids;
    for (const auto& hit : searcher->search(request).hits) ids.push_back(hit.id);
    return ids;
  };
}

struct Row {
  std::string name;
  Ranking rank;
};

std::vector<Row> rows(IndexPool& pool, Xapian::Database& db, const Analyzer& analyzer, const Gazetteers& gazetteers) {
  auto bm25 = std::make_shared<PlainBm25>(db, analyzer);
  RankingSettings no_recency, no_coordination, no_entities, no_cross_script;
  no_recency.recency_weight = 0;
  no_coordination.coordination = false;
  no_entities.entity_expansion = false;
  no_cross_script.cross_script = false;
  std::vector<Row> all = {{"plain BM25 (OR)", [bm25](const std::string& text) { return (*bm25)(text); }},
                          {"Caravan default", caravan(pool, analyzer, gazetteers, RankingSettings{})},
                          {"- recency", caravan(pool, analyzer, gazetteers, no_recency)},
                          {"- coordination", caravan(pool, analyzer, gazetteers, no_coordination)},
                          {"- entity expansion", caravan(pool, analyzer, gazetteers, no_entities)},
                          {"- cross-script", caravan(pool, analyzer, gazetteers, no_cross_script)}};
  // EVAL_COORDINATION="0.5 2": also Caravan with those coordination strengths (as eval_ranking).
  std::istringstream strengths(std::getenv("EVAL_COORDINATION") ? std::getenv("EVAL_COORDINATION") : "");
  for (double strength; strengths >> strength;) {
    RankingSettings tuned;
    tuned.coordination_bonus = strength;
    all.push_back({"coordination " + std::to_string(strength).substr(0, 4), caravan(pool, analyzer, gazetteers, tuned)});
  }
  return all;
}

fs::path build(const fs::path& items, const test::TempDir& dir) {
  BuildConfig config;
  config.live_path = dir.path() / "index";
  config.inputs = {items.string()};
  config.gazetteers_dir = test::gazetteers_dir();
  config.stopwords_dir = test::stopwords_dir();
  config.strict = true;
  std::vector<std::string> problems;
  const BuildSummary summary =
      build_index(config, [&](const ReadProblem& problem) { problems.push_back(problem.where + ": " + problem.reason); });
  for (const auto& problem : problems) std::fprintf(stderr, "eval_news: %s\n", problem.c_str());
  if (!summary.published) throw std::runtime_error("the judged items did not index: " + summary.failure);
  return config.live_path;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: eval_news FIXTURE_DIR [--per-query] [--check]\n");
    return 2;
  }
  const fs::path fixtures = argv[1];
  bool per_query = false, check = false;
  for (int i = 2; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--per-query")) per_query = true;
    else if (!std::strcmp(argv[i], "--check")) check = true;
    else { std::fprintf(stderr, "eval_news: unknown option %s\n", argv[i]); return 2; }
  }
  try {
    const auto dev = read_queries(fixtures / "dev.jsonl"), heldout = read_queries(fixtures / "heldout.jsonl");
    test::TempDir dir;
    const fs::path index = build(fixtures / "items", dir);
    Xapian::Database db(index.string());
    check_grades_name_items(dev, db);
    check_grades_name_items(heldout, db);
    const Analyzer analyzer(test::stopwords_dir());
    const Gazetteers gazetteers = Gazetteers::load(test::gazetteers_dir());
    IndexPool pool(index);

    std::printf("%u items; %zu dev and %zu held-out queries\n\n", db.get_doccount(), dev.size(), heldout.size());
    std::printf("| ranking | dev nDCG@10 | dev MRR@10 | held-out nDCG@10 | held-out MRR@10 |\n|---|---|---|---|---|\n");
    std::map<std::string, std::pair<Scores, Scores>> table;
    for (const auto& row : rows(pool, db, analyzer, gazetteers)) {
      const Scores d = evaluate(row.rank, dev, row.name.c_str(), per_query), h = evaluate(row.rank, heldout, row.name.c_str(), per_query);
      std::printf("| %s | %.3f | %.3f | %.3f | %.3f |\n", row.name.c_str(), d.ndcg, d.mrr, h.ndcg, h.mrr);
      table[row.name] = {d, h};
    }
    const auto& [bm25_dev, bm25_held] = table["plain BM25 (OR)"];
    const auto& [caravan_dev, caravan_held] = table["Caravan default"];
    const bool below = caravan_dev.ndcg < bm25_dev.ndcg || caravan_dev.mrr < bm25_dev.mrr ||
                       caravan_held.ndcg < bm25_held.ndcg || caravan_held.mrr < bm25_held.mrr;
    if (below) std::printf("\nCaravan's default ranks below plain BM25 on a part of the judged news set\n");
    return check && below ? 1 : 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "eval_news: %s\n", e.what());
    return 1;
  }
}
