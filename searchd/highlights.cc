// Extra <mark>s in snippets: synonym names of organizations and cross-script name matches.
#include "searchd/highlights.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "core/normalize.h"
#include "core/terms.h"

namespace caravan {
namespace {

// An alias word this long or longer also matches its inflected forms: itself less its last
// letter, plus at most kMaxEnding letters ("управление" ~ "управлением", "Управления").
constexpr size_t kMinInflectedLetters = 5;
constexpr size_t kMaxEnding = 3;

bool is_word_char(UChar32 c) {
  return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

// Drops the last code point of a UTF-8 word.
std::string without_last_letter(const std::string& word) {
  size_t end = word.size();
  while (end > 0 && (static_cast<unsigned char>(word[end - 1]) & 0xC0) == 0x80) --end;
  return word.substr(0, end > 0 ? end - 1 : 0);
}

bool word_matches(const std::string& alias, const std::string& text) {
  if (alias == text) return true;
  const size_t alias_letters = code_point_count(alias);
  if (alias_letters < kMinInflectedLetters) return false;
  const std::string stem = without_last_letter(alias);
  return text.starts_with(stem) && code_point_count(text) <= alias_letters - 1 + kMaxEnding;
}

}  // namespace

ExtraHighlights::ExtraHighlights(const ParsedQuery& parsed, const Gazetteer& organizations, const NameSkeleton& skeleton)
    : skeletons_(parsed.skeletons), skeleton_scripts_(parsed.skeleton_scripts), skeleton_(skeleton) {
  if (parsed.organizations.empty()) return;
  TermSplitter splitter;
  for (const Alias& alias : organizations.aliases()) {
    if (!parsed.organizations.contains(alias.value) || alias.kind == AliasKind::kSubBody) continue;
    auto words = splitter.split(normalize_text(alias.text));
    if (!words.empty()) names_.push_back(std::move(words));
  }
  // Longest names first, so that "УНП ООН" wins over a shorter name inside it.
  std::sort(names_.begin(), names_.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::vector<ExtraHighlights::Word> ExtraHighlights::words_of(const std::string& html) {
  std::vector<Word> words;
  bool in_mark = false;
  size_t i = 0;
  const size_t n = html.size();
  while (i < n) {
    if (html[i] == '<') {  // a tag: only <mark> and </mark> come from MSet::snippet
      const size_t close = html.find('>', i);
      const std::string tag = html.substr(i, close == std::string::npos ? std::string::npos : close - i + 1);
      if (tag == "<mark>") in_mark = true;
      if (tag == "</mark>") in_mark = false;
      i = close == std::string::npos ? n : close + 1;
      continue;
    }
    if (html[i] == '&') {  // a character reference separates words
      const size_t semicolon = html.find(';', i);
      i = semicolon == std::string::npos ? n : semicolon + 1;
      continue;
    }
    size_t next = i;
    UChar32 c;
    U8_NEXT(html.data(), next, n, c);
    if (c < 0 || !is_word_char(c)) {
      i = next;
      continue;
    }
    const size_t begin = i;
    const bool capitalized = u_isupper(c) || u_istitle(c);
    i = next;
    while (i < n && html[i] != '<' && html[i] != '&') {
      size_t after = i;
      U8_NEXT(html.data(), after, n, c);
      if (c < 0 || !is_word_char(c)) break;
      i = after;
    }
    words.push_back({begin, i, capitalized, in_mark});
  }
  return words;
}

// How many words from `at` make one of the organization names (0: none).
std::vector<std::string> ExtraHighlights::normalized_words(const std::string& html, const std::vector<Word>& words) const {
  std::vector<std::string> normalized;
  if (names_.empty()) return normalized;
  normalized.reserve(words.size());
  for (const Word& word : words) normalized.push_back(normalize_text(std::string_view(html).substr(word.begin, word.end - word.begin)));
  return normalized;
}

size_t ExtraHighlights::name_length_at(const std::vector<Word>& words, const std::vector<std::string>& normalized,
                                       size_t at) const {
  for (const auto& name : names_) {
    if (at + name.size() > words.size()) continue;
    bool all = true;
    for (size_t k = 0; k < name.size() && all; ++k)
      all = !words[at + k].marked && word_matches(name[k], normalized[at + k]);
    if (all) return name.size();
  }
  return 0;
}

bool ExtraHighlights::skeleton_matches(const std::string& word, const Xapian::Stem& stemmer) const {
  auto [known, fresh] = skeleton_match_.try_emplace(word, false);
  if (!fresh) return known->second;
  if (skeleton_scripts_.contains(word_script(word))) return false;  // same script: Xapian marked it
  const std::string normalized = normalize_text(word);
  const std::string stem = stemmer(normalized);
  known->second = skeletons_.contains(skeleton_(normalized)) || (stem != normalized && skeletons_.contains(skeleton_(stem)));
  return known->second;
}

std::vector<std::pair<size_t, size_t>> ExtraHighlights::spans_of(const std::string& html, const std::vector<Word>& words,
                                                                  const Xapian::Stem& stemmer, size_t max_spans) const {
  std::vector<std::pair<size_t, size_t>> spans;
  const std::vector<std::string> normalized = normalized_words(html, words);
  for (size_t i = 0; i < words.size() && spans.size() < max_spans;) {
    if (const size_t length = names_.empty() ? 0 : name_length_at(words, normalized, i)) {
      spans.emplace_back(words[i].begin, words[i + length - 1].end);
      i += length;
      continue;
    }
    const Word& word = words[i++];
    if (!word.capitalized || word.marked || skeletons_.empty()) continue;
    if (skeleton_matches(html.substr(word.begin, word.end - word.begin), stemmer)) spans.emplace_back(word.begin, word.end);
  }
  return spans;
}

std::string ExtraHighlights::mark(const std::string& html, const Xapian::Stem& stemmer) const {
  if (empty()) return html;
  const auto spans = spans_of(html, words_of(html), stemmer, std::string::npos);
  if (spans.empty()) return html;
  std::string out;
  out.reserve(html.size() + spans.size() * 13);
  size_t copied = 0;
  for (const auto& [begin, end] : spans) {
    out.append(html, copied, begin - copied);
    out += "<mark>";
    out.append(html, begin, end - begin);
    out += "</mark>";
    copied = end;
  }
  out.append(html, copied, std::string::npos);
  return out;
}

std::string ExtraHighlights::window(const std::string& html, size_t length, const Xapian::Stem& stemmer) const {
  if (empty()) return "";
  const auto first = spans_of(html, words_of(html), stemmer, 1);
  if (first.empty()) return "";
  // A third of the window before the match, the rest after; cut at spaces.
  size_t begin = first.front().first > length / 3 ? first.front().first - length / 3 : 0;
  size_t end = std::min(html.size(), begin + length);
  if (begin > 0) {
    const size_t space = html.find(' ', begin);
    begin = space != std::string::npos && space < first.front().first ? space + 1 : first.front().first;
  }
  if (end < html.size()) {
    const size_t space = html.rfind(' ', end);
    end = space != std::string::npos && space > first.front().second ? space : first.front().second;
  }
  return (begin > 0 ? "…" : "") + mark(html.substr(begin, end - begin), stemmer) + (end < html.size() ? "…" : "");
}

}  // namespace caravan
