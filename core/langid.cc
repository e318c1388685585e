// Language identification: the dominant script, then letter/stopword/ending profiles fused with CLD2.
#include "core/langid.h"

#include <cstdio>  // compact_lang_det.h uses FILE without including <cstdio>
#include <cld2/public/compact_lang_det.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/languages.h"
#include "core/normalize.h"

namespace caravan {
namespace {

#include "core/langid_data/profiles.inc"

constexpr size_t kMaxBytes = 16 * 1024;  // a long document's head decides its language
constexpr double kWordWeight = 1.0;      // a function word of the language
constexpr double kEndingWeight = 0.5;    // a typical word ending
constexpr double kMarkerWeight = 1.0;    // a typical letter or letter group
constexpr double kForeignPenalty = 1.0;  // a letter outside the language's alphabet
constexpr double kCld2Weight = 0.6;      // CLD2's vote, per word of text, at 100% and reliable
constexpr double kScriptPrior = 0.75;    // head start of the script's usual language (en, ru, ...)

// Which profiles a feature (word, ending or letter group) speaks for, and how strongly.
using Votes = std::vector<std::pair<size_t, double>>;
struct U32Hash {
  using is_transparent = void;
  size_t operator()(std::u32string_view s) const { return std::hash<std::u32string_view>{}(s); }
};
using Index = std::unordered_map<std::u32string, Votes, U32Hash, std::equal_to<>>;

struct Model {
  std::vector<std::string> langs;  // profile i is kProfileData[i]
  std::vector<std::string> scripts;
  std::vector<std::u32string> alphabets;
  Index words, endings, markers;
  size_t longest_ending = 0;
  // The markers of two letters or more, in the order of `markers`, and each one's slot there:
  // the text's words are scanned once for all of them.
  std::vector<const Index::value_type*> groups;
  std::unordered_map<std::u32string, size_t, U32Hash, std::equal_to<>> group_slots;
  size_t longest_group = 0;
};

// The text as the scorers see it: case-folded words of its dominant script.
struct Analysed {
  std::string script;
  size_t letters = 0;
  std::vector<std::u32string> words;
  std::map<char32_t, size_t> histogram;  // letters of those words
  std::string clean;                     // valid UTF-8 for CLD2
};

std::u32string to_u32(std::string_view utf8) {
  std::u32string out;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c >= 0) out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

std::vector<std::u32string> split_spaces(const char* text) {
  std::vector<std::u32string> out;
  std::u32string word;
  for (char32_t c : to_u32(text) + U' ') {
    if (c != U' ') {
      word.push_back(c);
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  return out;
}

// Adds the profile's tokens to an index; each token's weight is later shared between its profiles.
void add_tokens(Index& index, size_t profile, const char* tokens) {
  for (auto& token : split_spaces(tokens)) {
    Votes& votes = index[token];
    if (votes.empty() || votes.back().first != profile) votes.emplace_back(profile, 0.0);
  }
}

void share_weights(Index& index, double weight) {
  for (auto& [token, votes] : index)
    for (auto& vote : votes) vote.second = weight / static_cast<double>(votes.size());
}

Model build_model() {
  Model m;
  for (size_t i = 0; i < std::size(kProfileData); ++i) {
    const ProfileData& data = kProfileData[i];
    m.langs.emplace_back(data.lang);
    m.scripts.emplace_back(data.script);
    m.alphabets.push_back(to_u32(data.alphabet));
    add_tokens(m.words, i, data.words);
    add_tokens(m.endings, i, data.endings);
    add_tokens(m.markers, i, data.markers);
  }
  share_weights(m.words, kWordWeight);
  share_weights(m.endings, kEndingWeight);
  share_weights(m.markers, kMarkerWeight);
  for (const auto& [ending, votes] : m.endings) m.longest_ending = std::max(m.longest_ending, ending.size());
  for (const auto& entry : m.markers) {
    if (entry.first.size() < 2) continue;
    m.group_slots.emplace(entry.first, m.groups.size());
    m.groups.push_back(&entry);
    m.longest_group = std::max(m.longest_group, entry.first.size());
  }
  return m;
}

const Model& model() {
  static const Model m = build_model();
  return m;
}

bool is_word_char(char32_t c) {
  return u_isalpha(static_cast<UChar32>(c)) ||
         (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0;
}

std::string script_of(const std::u32string& word) {
  for (char32_t c : word) {
    if (!u_isalpha(static_cast<UChar32>(c))) continue;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript(static_cast<UChar32>(c), &status);
    if (U_FAILURE(status) || code == USCRIPT_COMMON || code == USCRIPT_INHERITED) continue;
    return uscript_getName(code);
  }
  return "";
}

// Words are runs of letters and marks, with apostrophes kept inside them (o'zbek, ma'lum).
std::vector<std::u32string> split_words(const std::u32string& text) {
  std::vector<std::u32string> words;
  std::u32string word;
  for (char32_t c : text + U' ') {
    if (is_word_char(c) || (c == U'\'' && !word.empty())) {
      word.push_back(c);
      continue;
    }
    while (!word.empty() && word.back() == U'\'') word.pop_back();
    if (word.ends_with(U"'s")) word.resize(word.size() - 2);  // English possessive, not Uzbek o' g'
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  }
  return words;
}

Analysed analyse(std::string_view utf8_text) {
  Analysed out;
  out.clean = normalize_text(utf8_text.substr(0, std::min(utf8_text.size(), kMaxBytes)));
  std::map<std::string, size_t> letters;
  std::vector<std::pair<std::string, std::u32string>> words;
  for (auto& word : split_words(to_u32(out.clean))) {
    std::string script = script_of(word);
    if (script.empty()) continue;
    for (char32_t c : word) letters[script] += u_isalpha(static_cast<UChar32>(c)) ? 1 : 0;
    words.emplace_back(std::move(script), std::move(word));
  }
  for (const auto& [script, count] : letters) {
    if (count <= out.letters) continue;
    out.script = script;
    out.letters = count;
  }
  for (auto& [script, word] : words) {
    if (script != out.script) continue;
    for (char32_t c : word)
      if (u_isalpha(static_cast<UChar32>(c))) ++out.histogram[c];
    out.words.push_back(std::move(word));
  }
  return out;
}

void add_votes(const Index& index, std::u32string_view token, size_t times, std::vector<double>& scores) {
  auto it = index.find(token);
  if (it == index.end()) return;
  for (const auto& [profile, weight] : it->second) scores[profile] += weight * static_cast<double>(times);
}

// Letter groups (o', оо) are counted inside words, overlaps too; single letters come from the
// histogram. Votes are added in the order of the model's markers, as a scan marker by marker would.
void add_marker_votes(const Analysed& text, std::vector<double>& scores) {
  const Model& m = model();
  for (const auto& [c, n] : text.histogram) add_votes(m.markers, std::u32string_view(&c, 1), n, scores);
  std::vector<size_t> counts(m.groups.size(), 0);
  for (const auto& word : text.words)
    for (size_t start = 0; start + 2 <= word.size(); ++start)
      for (size_t len = 2; len <= m.longest_group && start + len <= word.size(); ++len)
        if (auto it = m.group_slots.find(std::u32string_view(word).substr(start, len)); it != m.group_slots.end())
          ++counts[it->second];
  for (size_t slot = 0; slot < m.groups.size(); ++slot)
    if (counts[slot] > 0) add_votes(m.markers, m.groups[slot]->first, counts[slot], scores);
}

// Letters of the text outside a profile's alphabet.
size_t foreign_letters(const Analysed& text, size_t profile) {
  size_t count = 0;
  for (const auto& [c, n] : text.histogram)
    if (model().alphabets[profile].find(c) == std::u32string::npos) count += n;
  return count;
}

// Profile scores: function words, the longest known ending of each word, markers, foreign letters.
std::vector<double> score_profiles(const Analysed& text) {
  const Model& m = model();
  std::vector<double> scores(m.langs.size(), 0.0);
  for (const auto& word : text.words) {
    add_votes(m.words, word, 1, scores);
    for (size_t len = std::min(m.longest_ending, word.size() - 1); len >= 2 && len < word.size(); --len) {
      auto it = m.endings.find(std::u32string_view(word).substr(word.size() - len));
      if (it == m.endings.end()) continue;
      for (const auto& [profile, weight] : it->second) scores[profile] += weight;
      break;
    }
  }
  add_marker_votes(text, scores);
  for (size_t i = 0; i < scores.size(); ++i)
    if (m.scripts[i] == text.script) scores[i] -= kForeignPenalty * static_cast<double>(foreign_letters(text, i));
  return scores;
}

// CLD2's code as our tags for text in `script`, each with its share of CLD2's vote. CLD2 has no
// Cyrillic Azerbaijani and calls it Turkmen, so its "tk" on Cyrillic text speaks for both.
std::vector<std::pair<std::string, double>> tags_for_cld2(std::string code, const std::string& script) {
  if (script == "Cyrillic" && code == "tk") return {{"tk-Cyrl", 0.5}, {"az-Cyrl", 0.5}};
  if (script == "Cyrillic" && (code == "uz" || code == "az")) code += "-Cyrl";
  if (script == "Latin" && code == "kk") code = "kk-Latn";
  if (code == "nb") code = "no";
  const LanguageInfo* info = find_language(code);
  if (info == nullptr || info->script != script) return {};
  return {{std::string(info->code), 1.0}};
}

// CLD2 votes only for languages whose alphabet (where we have a profile) covers the text:
// it takes short Russian for Serbian and short Kyrgyz for Tatar.
bool alphabet_allows(const Analysed& text, const std::string& tag) {
  const Model& m = model();
  for (size_t i = 0; i < m.langs.size(); ++i)
    if (m.langs[i] == tag) return foreign_letters(text, i) * 200 <= text.letters;  // 0.5%: names, typos
  return true;
}

void add_cld2_votes(const Analysed& text, std::map<std::string, double>& scores) {
  CLD2::Language lang3[3];
  int percent3[3] = {0, 0, 0};
  int text_bytes = 0;
  bool reliable = false;
  CLD2::ExtDetectLanguageSummary(text.clean.data(), static_cast<int>(text.clean.size()), true, lang3,
                                 percent3, &text_bytes, &reliable);
  const double words = static_cast<double>(text.words.size());
  for (int i = 0; i < 3; ++i) {
    if (percent3[i] <= 0) continue;
    const double vote = kCld2Weight * words * percent3[i] / 100.0 * (reliable ? 1.0 : 0.5);
    for (const auto& [tag, share] : tags_for_cld2(CLD2::LanguageCode(lang3[i]), text.script))
      if (alphabet_allows(text, tag)) scores[tag] += vote * share;
  }
}

// The language a script alone suggests, when nothing else decides.
std::string script_default(const std::string& script) {
  static const std::map<std::string, std::string, std::less<>> defaults = {
      {"Latin", "en"},   {"Cyrillic", "ru"},  {"Arabic", "ar"}, {"Armenian", "hy"},
      {"Greek", "el"},   {"Devanagari", "hi"}, {"Tamil", "ta"},  {"Hebrew", "yi"},
  };
  auto it = defaults.find(script);
  return it == defaults.end() ? "" : it->second;
}

LanguageGuess decide(const Analysed& text) {
  const std::string fallback = script_default(text.script);
  std::map<std::string, double> scores;
  const Model& m = model();
  std::vector<double> profile_scores = score_profiles(text);
  for (size_t i = 0; i < m.langs.size(); ++i)
    if (m.scripts[i] == text.script) scores[m.langs[i]] = profile_scores[i];
  add_cld2_votes(text, scores);
  if (!fallback.empty()) scores[fallback] += kScriptPrior;  // weak evidence keeps the usual language
  std::pair<std::string, double> best{"", 0}, second{"", 0};
  for (const auto& [lang, score] : scores) {
    if (best.first.empty() || score > best.second) {
      second = best;
      best = {lang, score};
    } else if (second.first.empty() || score > second.second) second = {lang, score};
  }
  if (best.first.empty()) return {"", 0, "unsupported-script:" + text.script};
  if (best.first == fallback && best.second <= kScriptPrior) return {fallback, 0.1, "script"};
  const double margin = best.second - (second.first.empty() ? 0.0 : std::max(0.0, second.second));
  return {best.first, 1.0 - std::exp(-margin / 2.0), "profile+cld2"};
}

}  // namespace

LanguageGuess identify_language(std::string_view utf8_text) {
  try {
    Analysed text = analyse(utf8_text);
    if (text.letters == 0) return {"", 0, "no-letters"};
    return decide(text);
  } catch (...) {
    return {"", 0, "error"};
  }
}

}  // namespace caravan
