// eval_ranking: retrieval quality of Caravan's query building and ranking on the shared test
// collections (Cranfield, CISI, Medline: nDCG@10, MAP@100; Russian known-item: MRR@10, hits@10),
// for three ways of combining query words: all words (AND), any word (OR), and AND falling back
// to OR when AND finds nothing. Usage: eval_ranking SHARED_DATA_DIR [ru-known-item docs limit]
#include <xapian.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/analyzer.h"
#include "core/stored_item.h"
#include "core/transliteration.h"
#include "indexer/index_builder.h"
#include "indexer/readers/input_files.h"
#include "searchd/query_builder.h"
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

// Indexes a JSON Lines file (optionally with titles emptied and at most `limit` items).
Xapian::Database build(const test::TempDir& dir, const std::string& name, const std::string& gz, bool drop_titles,
                       size_t limit) {
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
  build_index(config, [](const ReadProblem&) {});
  return Xapian::Database(config.live_path.string());
}

enum class Mode { kAnd, kOr, kFallback, kFallback10, kHybrid };

std::vector<std::string> ranked_ids(Xapian::Database& db, QueryBuilder& builder, const std::string& text, Mode mode,
                                    Xapian::doccount depth) {
  const ParsedQuery parsed = builder.parse(text);
  Xapian::Enquire enquire(db);
  enquire.set_query(mode == Mode::kOr ? parsed.relaxed : parsed.text);
  if (mode == Mode::kHybrid && parsed.content_words >= 4) enquire.set_query(parsed.relaxed);
  Xapian::MSet mset = enquire.get_mset(0, depth, 10);
  const bool few = mset.get_matches_estimated() < 10;
  if ((mode == Mode::kFallback && mset.empty()) || ((mode == Mode::kFallback10 || mode == Mode::kHybrid) && few)) {
    enquire.set_query(parsed.relaxed);
    mset = enquire.get_mset(0, depth);
  }
  std::vector<std::string> ids;
  for (auto it = mset.begin(); it != mset.end(); ++it)
    ids.push_back(caravan::decode_stored_item(it.get_document().get_data(), false).id);
  return ids;
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

void evaluate(const char* name, Xapian::Database& db, const std::vector<Query>& queries, const Qrels& qrels,
              bool known_item) {
  const Analyzer analyzer(test::stopwords_dir());
  const NameSkeleton skeleton;
  for (auto [mode, mode_name] : {std::pair{Mode::kAnd, "AND"}, {Mode::kOr, "OR"}, {Mode::kFallback, "AND->OR"},
                                 {Mode::kFallback10, "AND<10"}, {Mode::kHybrid, "hybrid"}}) {
    QueryBuilder builder(analyzer, {"en", "ru"}, &skeleton, &db);
    double first = 0, second = 0;
    int counted = 0;
    for (const auto& query : queries) {
      auto grades = qrels.find(query.id);
      if (grades == qrels.end()) continue;
      const auto ranked = ranked_ids(db, builder, query.text, mode, known_item ? 10 : 100);
      ++counted;
      if (known_item) {
        for (size_t i = 0; i < ranked.size(); ++i)
          if (grades->second.count(ranked[i])) { first += 1.0 / (i + 1); second += 1; break; }
      } else {
        first += ndcg_at_10(ranked, grades->second);
        second += average_precision(ranked, grades->second);
      }
    }
    std::printf("%-14s %-8s %5d queries   %s %.3f   %s %.3f\n", name, mode_name, counted,
                known_item ? "MRR@10" : "nDCG@10", first / counted, known_item ? "hits@10" : "MAP@100", second / counted);
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
  test::TempDir dir;
  for (const char* name : {"cran", "cisi", "med"}) {
    const std::string base = shared + "testcoll/" + name + "/";
    Xapian::Database db = build(dir, name, base + "docs.jsonl.gz", false, 100000);
    evaluate(name, db, read_queries(base + "queries.jsonl"), read_qrels(base + "qrels.trec"), false);
  }
  Xapian::Database ru = build(dir, "ru", shared + "bench/ru-news-rt-ng.jsonl.gz", true, ru_limit);
  evaluate("ru-known-item", ru, read_queries(shared + "testcoll/ru-known-item/queries.jsonl"),
           read_qrels(shared + "testcoll/ru-known-item/qrels.trec"), true);
  return 0;
}
