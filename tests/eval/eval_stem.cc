// eval_stem: recall, wrong merges and vocabulary reduction of the light stemmers, per language.
//
// Usage: eval_stem FIXTURE_DIR [SHARED_DATA_DIR]
//   FIXTURE_DIR holds <lang>.tsv (or stem/<lang>.tsv): "base<TAB>form,form,..." families that
//   should conflate and "!<TAB>word1,word2" pairs that must not; FIXTURE_DIR/heldout/<lang>.tsv,
//   written apart and never tuned on, is reported in a second table. SHARED_DATA_DIR, if given and
//   multilingual/udhr.jsonl (gzip) is readable there, adds distinct words vs distinct stems per
//   language. Prints a table and the failures; exits 0. CARAVAN_EVAL_VERBOSE=1 also prints the
//   largest UDHR stem groups, for eyeballing over-stemming.
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/light_stemmer.h"
#include "core/normalize.h"

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kLanguages = {"kk", "kk-Latn", "ky", "uz", "uz-Cyrl", "tg",
                                             "tk", "tk-Cyrl", "az", "az-Cyrl"};

struct FixtureResult {
  int families = 0, families_ok = 0, forms = 0, forms_ok = 0, pairs = 0, pairs_merged = 0;
  std::vector<std::string> failures;
};

struct VocabResult {
  size_t words = 0, stems = 0;
  std::map<std::string, std::set<std::string>> groups;  // stem -> words
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, sep))
    if (!part.empty()) parts.push_back(part);
  return parts;
}

void check_family(caravan::LightStemmer& stem, const std::string& base,
                  const std::vector<std::string>& forms, FixtureResult& r) {
  const std::string target = stem(caravan::normalize_text(base));
  bool all = true;
  for (const auto& form : forms) {
    const std::string got = stem(caravan::normalize_text(form));
    ++r.forms;
    if (got == target) {
      ++r.forms_ok;
    } else {
      all = false;
      r.failures.push_back("  missed: " + base + " -> " + target + "  but " + form + " -> " + got);
    }
  }
  ++r.families;
  if (all) ++r.families_ok;
}

void check_pair(caravan::LightStemmer& stem, const std::vector<std::string>& words,
                FixtureResult& r) {
  if (words.size() != 2) return;
  const std::string a = stem(caravan::normalize_text(words[0]));
  const std::string b = stem(caravan::normalize_text(words[1]));
  ++r.pairs;
  if (a == b) {
    ++r.pairs_merged;
    r.failures.push_back("  merged: " + words[0] + ", " + words[1] + " -> " + a);
  }
}

bool run_fixture(const fs::path& file, const std::string& lang, FixtureResult& r) {
  std::ifstream in(file);
  if (!in) return false;
  caravan::LightStemmer stem(lang);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const std::string head = line.substr(0, tab);
    const auto words = split(line.substr(tab + 1), ',');
    if (head == "!") check_pair(stem, words, r);
    else check_family(stem, head, words, r);
  }
  return true;
}

bool is_word_char(UChar32 c) {
  return c == '\'' || u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  const std::string norm = caravan::normalize_text(text);
  const auto* s = reinterpret_cast<const uint8_t*>(norm.data());
  const auto n = static_cast<int32_t>(norm.size());
  std::string word;
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c >= 0 && is_word_char(c) && !(c == '\'' && word.empty())) {
      word.append(norm, start, i - start);
      continue;
    }
    while (!word.empty() && word.back() == '\'') word.pop_back();
    if (!word.empty()) words.push_back(word);
    word.clear();
  }
  while (!word.empty() && word.back() == '\'') word.pop_back();
  if (!word.empty()) words.push_back(word);
  return words;
}

// Reads a whole gzip (or plain) file; empty when unreadable.
std::string read_gzip(const fs::path& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return {};
  std::string data;
  char buf[65536];
  int got;
  while ((got = gzread(f, buf, sizeof buf)) > 0) data.append(buf, got);
  gzclose(f);
  return data;
}

std::map<std::string, VocabResult> udhr_vocab(const fs::path& shared_dir) {
  std::map<std::string, std::set<std::string>> vocab;
  std::istringstream lines(read_gzip(shared_dir / "multilingual" / "udhr.jsonl"));
  std::string line;
  while (std::getline(lines, line)) {
    const auto doc = nlohmann::json::parse(line, nullptr, false);
    if (doc.is_discarded() || !doc.contains("lang") || !doc.contains("body")) continue;
    const std::string lang = doc["lang"].get<std::string>();
    if (std::find(kLanguages.begin(), kLanguages.end(), lang) == kLanguages.end()) continue;
    for (auto& w : words_of(doc["body"].get<std::string>())) vocab[lang].insert(w);
  }
  std::map<std::string, VocabResult> out;
  for (const auto& [lang, words] : vocab) {
    caravan::LightStemmer stem(lang);
    VocabResult& r = out[lang];
    r.words = words.size();
    for (const auto& w : words) r.groups[stem(w)].insert(w);
    r.stems = r.groups.size();
  }
  return out;
}

std::string pct(int num, int den) {
  if (den == 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * num / den);
  return buf;
}

void print_groups(const std::string& lang, const VocabResult& v) {
  std::vector<std::pair<size_t, std::string>> sizes;
  for (const auto& [stem, words] : v.groups) sizes.emplace_back(words.size(), stem);
  std::sort(sizes.rbegin(), sizes.rend());
  std::cout << lang << " largest UDHR stem groups:\n";
  for (size_t i = 0; i < std::min<size_t>(8, sizes.size()); ++i) {
    std::cout << "  " << sizes[i].second << ":";
    for (const auto& w : v.groups.at(sizes[i].second)) std::cout << " " << w;
    std::cout << "\n";
  }
}

void print_row(const std::string& lang, const FixtureResult* f, const VocabResult* v) {
  std::printf("%-8s", lang.c_str());
  if (f) {
    std::printf(" %3d/%-3d %7s %7s %3d/%-3d %7s", f->families_ok, f->families,
                pct(f->families_ok, f->families).c_str(), pct(f->forms_ok, f->forms).c_str(),
                f->pairs_merged, f->pairs, pct(f->pairs_merged, f->pairs).c_str());
  } else {
    std::printf(" %7s %7s %7s %7s %7s", "-", "-", "-", "-", "-");
  }
  if (v) {
    std::printf(" %6zu %6zu %7s\n", v->words, v->stems,
                pct(static_cast<int>(v->words - v->stems), static_cast<int>(v->words)).c_str());
  } else {
    std::printf(" %6s %6s %7s\n", "-", "-", "-");
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: eval_stem FIXTURE_DIR [SHARED_DATA_DIR]\n";
    return 2;
  }
  fs::path fixtures = argv[1];
  if (fs::is_directory(fixtures / "stem")) fixtures /= "stem";
  const auto vocab = argc == 3 ? udhr_vocab(argv[2]) : std::map<std::string, VocabResult>{};
  std::map<std::string, FixtureResult> results;
  std::printf("%-8s %7s %7s %7s %7s %7s %6s %6s %7s\n", "lang", "fam", "recall", "forms",
              "merged", "wrong", "words", "stems", "reduct");
  for (const auto& lang : kLanguages) {
    FixtureResult& f = results[lang];
    const bool have = run_fixture(fixtures / (lang + ".tsv"), lang, f);
    const auto v = vocab.find(lang);
    print_row(lang, have ? &f : nullptr, v == vocab.end() ? nullptr : &v->second);
  }
  std::map<std::string, FixtureResult> heldout;
  if (fs::is_directory(fixtures / "heldout")) {
    std::printf("\nheld out (%s/heldout: stacked plural + possessive + case, never tuned on)\n",
                fixtures.c_str());
    for (const auto& lang : kLanguages) {
      FixtureResult f;
      if (!run_fixture(fixtures / "heldout" / (lang + ".tsv"), lang, f)) continue;
      print_row(lang, &f, nullptr);
      heldout.emplace(lang + " (held out)", std::move(f));
    }
  }
  results.merge(heldout);
  std::cout << "\nfam: families fully conflated; recall: their share; forms: share of inflected "
               "forms that meet their base;\nmerged/wrong: must-not pairs wrongly merged; words/"
               "stems/reduct: UDHR distinct words vs distinct stems.\n";
  for (const auto& [lang, f] : results) {
    if (f.failures.empty()) continue;
    std::cout << "\n" << lang << ":\n";
    for (const auto& line : f.failures) std::cout << line << "\n";
  }
  if (std::getenv("CARAVAN_EVAL_VERBOSE"))
    for (const auto& [lang, v] : vocab) print_groups(lang, v);
  return 0;
}
