// eval_crossscript: what cross-script name matching finds and what it costs, on a bilingual index
// of the shared bench corpora (English Reuters + Russian news).
// Usage: eval_crossscript SHARED_DATA_DIR [DOCS_PER_LANGUAGE]
// First, with no index: which name pairs of tests/fixtures/crossscript/names.tsv meet, i.e. the
// query-side skeleton of one spelling is among the skeletons the indexer stores for the other.
#include <xapian.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "core/analyzer.h"
#include "core/normalize.h"
#include "core/transliteration.h"
#include "indexer/index_builder.h"
#include "indexer/readers/input_files.h"
#include "searchd/query_builder.h"
#include "tests/test_paths.h"

using namespace caravan;

namespace {

// The first n lines of a gzip JSON Lines file appended to out.
void copy_lines(const std::string& gz_path, size_t n, std::ofstream& out) {
  const std::string content = read_file_content(gz_path);
  size_t start = 0;
  for (size_t i = 0; i < n && start < content.size(); ++i) {
    size_t end = content.find('\n', start);
    if (end == std::string::npos) end = content.size();
    out << content.substr(start, end - start) << '\n';
    start = end + 1;
  }
}

Xapian::doccount count(Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

Xapian::MSet matches(Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  return enquire.get_mset(0, db.get_doccount());
}

struct NamePair {
  const char* latin;
  const char* cyrillic;
};

// Share of the documents the other-script spelling finds that the query now finds too.
double cross_recall(Xapian::Database& db, QueryBuilder& with, QueryBuilder& without, const char* query, const char* other) {
  const Xapian::MSet target = matches(db, without.parse(other).text);
  if (target.empty()) return -1;
  const Xapian::MSet found = matches(db, with.parse(query).text);
  size_t hit = 0;
  for (auto it = target.begin(); it != target.end(); ++it)
    for (auto f = found.begin(); f != found.end(); ++f)
      if (*f == *it) { ++hit; break; }
  return double(hit) / target.size();
}

// The pairs "latin<TAB>cyrillic" of a fixture file.
std::vector<std::pair<std::string, std::string>> read_pairs(const std::filesystem::path& path) {
  std::vector<std::pair<std::string, std::string>> pairs;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const auto tab = line.find('\t');
    if (line.empty() || line[0] == '#' || tab == std::string::npos) continue;
    pairs.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  return pairs;
}

bool meets(const NameSkeleton& skeleton, const std::string& query, const std::string& stored) {
  const std::string key = skeleton(normalize_text(query));
  const auto keys = skeleton.variants(normalize_text(stored));
  return !key.empty() && std::find(keys.begin(), keys.end(), key) != keys.end();
}

// Prints the pairs whose skeletons do not meet; returns the share of directions that do.
void report_pairs(const NameSkeleton& skeleton) {
  const auto pairs = read_pairs(test::fixtures() / "crossscript" / "names.tsv");
  int met = 0, total = 0;
  std::printf("name pairs (tests/fixtures/crossscript/names.tsv), skeletons that do not meet:\n");
  for (const auto& [latin, cyrillic] : pairs) {
    const bool to_cyrillic = meets(skeleton, latin, cyrillic), to_latin = meets(skeleton, cyrillic, latin);
    met += to_cyrillic + to_latin;
    total += 2;
    if (!to_cyrillic || !to_latin)
      std::printf("  %-16s %-16s %-14s %-14s%s%s\n", latin.c_str(), cyrillic.c_str(),
                  skeleton(normalize_text(latin)).c_str(), skeleton(normalize_text(cyrillic)).c_str(),
                  to_cyrillic ? "" : " latin->cyrillic", to_latin ? "" : " cyrillic->latin");
  }
  std::printf("name pairs: %d of %d directions meet (%.0f%%) over %zu pairs\n\n", met, total,
              total ? 100.0 * met / total : 0.0, pairs.size());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: eval_crossscript SHARED_DATA_DIR|--names-only [DOCS_PER_LANGUAGE]\n");
    return 2;
  }
  const std::string shared = argv[1];
  report_pairs(NameSkeleton());
  if (shared == "--names-only") return 0;
  const size_t per_language = argc > 2 ? std::stoul(argv[2]) : 3000;
  test::TempDir dir;
  const auto input = dir.path() / "bilingual.jsonl";
  {
    std::ofstream out(input);
    copy_lines(shared + "/bench/reuters-21578.jsonl.gz", per_language, out);
    copy_lines(shared + "/bench/ru-news-rt-ng.jsonl.gz", per_language, out);
  }
  BuildConfig config;
  config.live_path = dir.path() / "index";
  config.inputs = {input.string()};
  config.gazetteers_dir = test::gazetteers_dir();
  config.stopwords_dir = test::stopwords_dir();
  build_index(config, [](const ReadProblem&) {});
  Xapian::Database db(config.live_path.string());
  const Analyzer analyzer(test::stopwords_dir());
  const NameSkeleton skeleton;
  QueryBuilder with(analyzer, {"en", "ru"}, &skeleton), without(analyzer, {"en", "ru"});

  const std::vector<NamePair> names = {
      {"Putin", "Путин"}, {"Poroshenko", "Порошенко"}, {"Saakashvili", "Саакашвили"}, {"Clinton", "Клинтон"},
      {"Erdogan", "Эрдоган"}, {"Merkel", "Меркель"}, {"Macron", "Макрон"}, {"Obama", "Обама"},
      {"Tillerson", "Тиллерсон"}, {"Lavrov", "Лавров"}, {"Navalny", "Навальный"}, {"Washington", "Вашингтон"},
      {"Kiev", "Киев"}, {"Trump", "Трамп"}, {"Moscow", "Москва"}, {"Tokyo", "Токио"}, {"Brazil", "Бразилия"},
      {"Chicago", "Чикаго"}, {"Texas", "Техас"}, {"Kuwait", "Кувейт"}, {"Reagan", "Рейган"}, {"Baker", "Бейкер"}};
  std::printf("%u documents (%zu English + %zu Russian)\n\n", db.get_doccount(), per_language, per_language);
  std::printf("name pair              latin->cyrillic docs found   cyrillic->latin docs found\n");
  double sum = 0;
  int n = 0;
  for (const auto& pair : names) {
    const double lc = cross_recall(db, with, without, pair.latin, pair.cyrillic);
    const double cl = cross_recall(db, with, without, pair.cyrillic, pair.latin);
    std::printf("%-10s %-12s %10s %28s\n", pair.latin, pair.cyrillic,
                lc < 0 ? "-" : std::to_string(int(lc * 100 + 0.5)).append("%").c_str(),
                cl < 0 ? "-" : std::to_string(int(cl * 100 + 0.5)).append("%").c_str());
    for (double r : {lc, cl})
      if (r >= 0) { sum += r; ++n; }
  }
  std::printf("mean over measured directions: %.0f%%\n\n", n ? 100 * sum / n : 0);

  // Flooding: the most frequent words of the index, queried with and without skeletons.
  std::vector<std::pair<Xapian::doccount, std::string>> frequent;
  for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) {
    const std::string term = *it;
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z') || term.size() < 4) continue;
    frequent.emplace_back(it.get_termfreq(), term);
  }
  std::sort(frequent.rbegin(), frequent.rend());
  frequent.resize(std::min<size_t>(frequent.size(), 200));
  double extra_sum = 0, worst = 0;
  std::string worst_word;
  for (const auto& [freq, word] : frequent) {
    const double base = count(db, without.parse(word).text);
    const double more = count(db, with.parse(word).text);
    const double extra = base > 0 ? (more - base) / base : 0;
    extra_sum += extra;
    if (extra > worst) { worst = extra; worst_word = word; }
  }
  std::printf("flooding on the %zu most frequent words (en + ru): mean %.2f%% more matches, worst %.1f%% ('%s')\n",
              frequent.size(), 100 * extra_sum / frequent.size(), 100 * worst, worst_word.c_str());
  return 0;
}
