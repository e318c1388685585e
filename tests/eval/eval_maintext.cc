// eval_maintext: token-level precision and recall of the main text of HTML pages against the
// expected text written beside each page (NAME.html, NAME.txt), per page and in total, for each
// directory given: the development set first, then held-out sets, reported apart.
// Usage: eval_maintext DEV_DIR [HELDOUT_DIR...]; exits 1 when the development set's total
// precision or recall is below 0.95 (held-out sets are measured, not targets: tuning to them
// would make them development pages).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "indexer/html_text.h"
#include "indexer/main_text.h"
#include "indexer/readers/html_reader.h"
#include "indexer/readers/input_files.h"
#include "indexer/word_tokens.h"

using namespace caravan;
namespace fs = std::filesystem;

namespace {

constexpr double kTarget = 0.95;

using Bag = std::map<std::string, int>;

Bag token_bag(const std::string& text) {
  Bag bag;
  for (const auto& token : split_words(text)) ++bag[token.normalized];
  return bag;
}

struct Counts {
  long matched = 0, extracted = 0, expected = 0;
  double precision() const { return extracted ? double(matched) / extracted : 1.0; }
  double recall() const { return expected ? double(matched) / expected : 1.0; }
};

// Words of `from` beyond what `than` has, as "word word ..." (the first few).
std::string surplus(const Bag& from, const Bag& than) {
  std::string out;
  int shown = 0;
  for (const auto& [word, count] : from) {
    const auto other = than.find(word);
    if (count > (other == than.end() ? 0 : other->second) && shown++ < 8) out += " " + word;
  }
  return out;
}

std::string extracted_body(const fs::path& page) {
  std::string body;
  read_html_page(read_file_content(page), page.string(), {[&](NewsItem&& item) { body = item.body; }, [](const ReadProblem&) {}});
  return body;
}

std::string method_of(const fs::path& page) {
  const HtmlDocument doc = parse_html(read_file_content(page));
  return extract_main_text(doc ? xmlDocGetRootElement(doc.get()) : nullptr, "").method;
}

Counts score_page(const fs::path& page) {
  const Bag got = token_bag(extracted_body(page));
  const Bag want = token_bag(read_file_content(fs::path(page).replace_extension(".txt")));
  Counts counts;
  for (const auto& [word, count] : got) {
    counts.extracted += count;
    if (const auto it = want.find(word); it != want.end()) counts.matched += std::min(count, it->second);
  }
  for (const auto& [word, count] : want) counts.expected += count;
  std::printf("  %-32s %-12s P %.3f  R %.3f", page.stem().c_str(), method_of(page).c_str(), counts.precision(), counts.recall());
  if (counts.precision() < 1.0) std::printf("  extra:%s", surplus(got, want).c_str());
  if (counts.recall() < 1.0) std::printf("  missing:%s", surplus(want, got).c_str());
  std::printf("\n");
  return counts;
}

bool score_directory(const fs::path& dir) {
  std::vector<fs::path> pages;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".html") pages.push_back(entry.path());
  std::sort(pages.begin(), pages.end());
  std::printf("%s: %zu pages\n", dir.c_str(), pages.size());
  Counts total;
  for (const auto& page : pages) {
    const Counts counts = score_page(page);
    total.matched += counts.matched;
    total.extracted += counts.extracted;
    total.expected += counts.expected;
  }
  std::printf("  total: %ld expected tokens, %ld extracted, %ld matched: precision %.3f, recall %.3f\n\n",
              total.expected, total.extracted, total.matched, total.precision(), total.recall());
  return !pages.empty() && total.precision() >= kTarget && total.recall() >= kTarget;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: eval_maintext DEV_DIR [HELDOUT_DIR...]\n");
    return 2;
  }
  const bool met = score_directory(argv[1]);
  for (int i = 2; i < argc; ++i) score_directory(argv[i]);
  if (!met) std::printf("target missed: precision and recall must be at least %.2f on %s\n", kTarget, argv[1]);
  return met ? 0 : 1;
}
