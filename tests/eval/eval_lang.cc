// eval_lang: language-identification accuracy per language on labelled fixtures and shared data.
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "core/langid.h"

namespace {

struct Sample {
  std::string lang;
  std::string text;
};

struct Result {
  std::map<std::string, std::pair<int, int>> per_lang;  // lang -> (correct, total)
  std::map<std::pair<std::string, std::string>, int> confusions;
  int correct = 0, total = 0;
};

std::vector<Sample> read_tsv(const std::string& path) {
  std::vector<Sample> samples;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    auto tab = line.find('\t');
    if (line.empty() || line[0] == '#' || tab == std::string::npos) continue;
    samples.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return samples;
}

// Lines of a gzip-compressed (or plain) file; nullopt when it cannot be opened.
std::optional<std::vector<std::string>> read_gz_lines(const std::string& path, size_t max_lines) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return std::nullopt;
  std::vector<std::string> lines;
  std::string line;
  char buf[65536];
  while (lines.size() < max_lines && gzgets(f, buf, sizeof buf) != nullptr) {
    line += buf;
    if (line.empty() || line.back() != '\n') continue;
    lines.push_back(std::move(line));
    line.clear();
  }
  gzclose(f);
  return lines;
}

std::string first_sentence(const std::string& text) {
  static const std::regex end_of_sentence(R"([.!?;:]\s)");
  std::smatch m;
  if (std::regex_search(text, m, end_of_sentence)) return text.substr(0, m.position(0) + 1);
  return text;
}

// Cut at a space near max_bytes so that no UTF-8 sequence is split.
std::string head(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  auto cut = text.rfind(' ', max_bytes);
  return text.substr(0, cut == std::string::npos ? max_bytes : cut);
}

// Paragraphs (bodies) and first sentences of a jsonl(.gz) file of news items.
bool read_jsonl(const std::string& path, size_t max_docs, std::vector<Sample>& bodies,
                std::vector<Sample>& sentences) {
  auto lines = read_gz_lines(path, max_docs);
  if (!lines) return false;
  for (const auto& line : *lines) {
    auto doc = nlohmann::json::parse(line, nullptr, false);
    if (doc.is_discarded() || !doc.contains("body") || !doc["body"].is_string()) continue;
    std::string body = doc["body"], lang = doc.value("lang", "");
    for (char& c : body) if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    if (lang.empty() || body.size() < 20) continue;
    bodies.push_back({lang, head(body, 2000)});
    sentences.push_back({lang, head(first_sentence(body), 400)});
  }
  return true;
}

Result evaluate(const std::vector<Sample>& samples) {
  Result r;
  for (const auto& s : samples) {
    std::string guess = caravan::identify_language(s.text).lang;
    auto& [correct, total] = r.per_lang[s.lang];
    ++total;
    ++r.total;
    if (guess == s.lang) ++correct, ++r.correct;
    else ++r.confusions[{s.lang, guess.empty() ? "(none)" : guess}];
  }
  return r;
}

// Prints the table; returns false if some language misses its target (target_for gives 0 for none).
template <class Target>
bool report(const std::string& title, const Result& r, Target target_for) {
  bool ok = true;
  std::printf("\n== %s\n%-9s %6s %8s %9s %7s\n", title.c_str(), "lang", "n", "correct", "accuracy", "target");
  for (const auto& [lang, counts] : r.per_lang) {
    double acc = 100.0 * counts.first / counts.second, target = target_for(lang);
    bool pass = acc + 1e-9 >= target;
    ok = ok && pass;
    std::printf("%-9s %6d %8d %8.1f%% ", lang.c_str(), counts.second, counts.first, acc);
    if (target > 0) std::printf("%6.0f%% %s\n", target, pass ? "ok" : "MISSED");
    else std::printf("%7s\n", "-");
  }
  if (r.total > 0)
    std::printf("%-9s %6d %8d %8.1f%%\n", "total", r.total, r.correct, 100.0 * r.correct / r.total);
  std::printf("confusions (gold -> guessed: count):%s\n", r.confusions.empty() ? " none" : "");
  for (const auto& [pair, n] : r.confusions) std::printf("  %s -> %s: %d\n", pair.first.c_str(), pair.second.c_str(), n);
  return ok;
}

double paragraph_target(const std::string& lang) {
  if (lang == "en" || lang == "ru") return 99;
  static const std::vector<std::string> region = {"kk", "kk-Latn", "ky", "uz", "uz-Cyrl", "tg", "tk", "az", "az-Cyrl"};
  for (const auto& l : region) if (l == lang) return 95;
  return 0;
}

double snippet_target(const std::string& lang) {
  static const std::vector<std::string> targeted = {"en", "ru", "kk", "ky", "uz", "uz-Cyrl", "tg",
                                                   "tk", "az", "az-Cyrl", "de", "fr", "es", "it",
                                                   "tr", "pt", "nl"};
  for (const auto& l : targeted) if (l == lang) return 90;
  return 0;
}

double no_target(const std::string&) { return 0; }

void report_speed(const std::vector<Sample>& paragraphs) {
  std::vector<std::string> texts;
  std::map<std::string, std::string> by_lang;
  for (const auto& p : paragraphs) by_lang[p.lang] += p.text + " ";
  for (const auto& [lang, text] : by_lang) texts.push_back(head(text, 2048));
  if (texts.empty()) return;
  const int rounds = 200;
  auto start = std::chrono::steady_clock::now();
  size_t n = 0;
  for (int i = 0; i < rounds; ++i)
    for (const auto& t : texts) n += caravan::identify_language(t).lang.size() > 0 ? 1 : 1;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("\n== speed: %zu identifications of ~2 KB texts in %.2f s: %.0f per second (one thread)\n", n,
              secs, n / secs);
}

void report_shared(const std::string& dir) {
  std::vector<Sample> udhr, udhr_sentences, bench, bench_sentences;
  if (read_jsonl(dir + "/multilingual/udhr.jsonl", 100000, udhr, udhr_sentences)) {
    report("udhr articles (" + dir + "/multilingual/udhr.jsonl, not gated)", evaluate(udhr), no_target);
    report("udhr first sentences (not gated)", evaluate(udhr_sentences), no_target);
  } else {
    std::printf("\n(udhr not readable under %s: skipped)\n", dir.c_str());
  }
  bool en = read_jsonl(dir + "/bench/reuters-21578.jsonl.gz", 1000, bench, bench_sentences);
  bool ru = read_jsonl(dir + "/bench/ru-news-rt-ng.jsonl.gz", 1000, bench, bench_sentences);
  if (!en && !ru) return;
  report("bench bodies, first 1000 docs per file, <= 2 KB each (not gated)", evaluate(bench), no_target);
  report("bench first sentences (not gated)", evaluate(bench_sentences), no_target);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string fixtures = argc > 1 ? argv[1] : "tests/fixtures/lang";
  auto paragraphs = read_tsv(fixtures + "/paragraphs.tsv");
  auto snippets = read_tsv(fixtures + "/snippets.tsv");
  if (paragraphs.empty() || snippets.empty()) {
    std::fprintf(stderr, "eval_lang: no fixtures under %s\n", fixtures.c_str());
    return 2;
  }
  const Result all = evaluate(paragraphs), short_ones = evaluate(snippets);
  bool ok = report("paragraphs (" + fixtures + "/paragraphs.tsv)", all, paragraph_target);
  ok = report("snippets (" + fixtures + "/snippets.tsv)", short_ones, snippet_target) && ok;
  auto heldout = read_tsv(fixtures + "/heldout.tsv");
  const Result heldout_result = evaluate(heldout);
  ok = report("held out (" + fixtures + "/heldout.tsv, never tuned on)", heldout_result, paragraph_target) && ok;
  const int correct = all.correct + short_ones.correct + heldout_result.correct;
  const int total = all.total + short_ones.total + heldout_result.total;
  const double overall = total > 0 ? static_cast<double>(correct) / total : 0.0;
  std::printf("\n== overall on the repo's fixtures: %d of %d, accuracy %.4f (target 0.995) %s\n", correct, total,
              overall, overall + 1e-9 >= 0.995 ? "ok" : "MISSED");
  ok = ok && overall + 1e-9 >= 0.995;
  if (argc > 2) report_shared(argv[2]);
  report_speed(paragraphs);
  std::printf("\n%s\n", ok ? "eval_lang: all targets met" : "eval_lang: TARGETS MISSED");
  return ok ? 0 : 1;
}
