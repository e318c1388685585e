// Unicode-aware word splitting with ICU character properties.
#include "indexer/word_tokens.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "core/normalize.h"

namespace caravan {
namespace {

// A case ending after an acronym has at most this many letters ("ning", "дағы", "нун").
constexpr size_t kMaxAcronymEnding = 4;

bool is_word_char(UChar32 c) {
  return u_isalnum(c) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY_MASK) & U_GC_M_MASK ||
         c == 0x02BB || c == 0x02BC;
}

bool is_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC; }

bool is_hyphen(UChar32 c) { return c == '-' || c == 0x2010 || c == 0x2011; }

bool is_soft_separator(UChar32 c) { return u_isspace(c) || is_hyphen(c) || c == 0x00A0; }

struct CodePoint {
  UChar32 c;
  size_t start, end;  // byte offsets
};

std::vector<CodePoint> code_points(std::string_view text) {
  std::vector<CodePoint> out;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    out.push_back({c, static_cast<size_t>(start), static_cast<size_t>(i)});
  }
  return out;
}

bool all_lower(std::string_view word, size_t& letters) {
  letters = 0;
  for (const auto& cp : code_points(word)) {
    if (!u_isalpha(cp.c) || !u_islower(cp.c)) return false;
    ++letters;
  }
  return letters > 0;
}

// "ЕККУнун" -> "ЕККУ", "BMT'ning" -> "BMT": an acronym followed by a short lower-case ending,
// glued or after an apostrophe; "" when the word is not of that shape.
std::string acronym_with_ending(const std::string& word) {
  const auto cps = code_points(word);
  size_t cut = cps.size();
  while (cut > 0 && u_islower(cps[cut - 1].c)) --cut;
  if (cut == cps.size() || cut == 0) return "";
  const size_t ending = cps.size() - cut;
  size_t acronym_end = cut;
  if (is_apostrophe(cps[cut - 1].c)) --acronym_end;
  if (ending > kMaxAcronymEnding || acronym_end == 0 || !u_isupper(cps[acronym_end - 1].c)) return "";
  const std::string acronym = word.substr(0, cps[acronym_end - 1].end);
  return looks_like_acronym(acronym) ? acronym : "";
}

bool is_currency_sign(UChar32 c) { return c >= 0 && u_charType(c) == U_CURRENCY_SYMBOL; }

// A full stop between single capital letters belongs to the abbreviation: "U.S.", "U.K." are
// one word ("U.S"), as their gazetteer aliases are.
bool inside_dotted_abbreviation(const std::vector<CodePoint>& cps, size_t i, const std::string& word) {
  if (cps[i].c != '.' || word.empty() || i + 1 >= cps.size() || !u_isupper(cps[i + 1].c)) return false;
  if (i + 2 < cps.size() && u_isalpha(cps[i + 2].c)) return false;  // "U.Smith": an initial
  const auto letters = code_points(word);
  return u_isupper(letters.back().c) && (letters.size() == 1 || (letters.size() >= 3 && letters[letters.size() - 2].c == '.'));
}

// "U.S", "U.K", "Р.Ф": single capitals joined by full stops, as inside_dotted_abbreviation builds them.
bool is_dotted_abbreviation(const std::string& word) {
  const auto letters = code_points(word);
  if (letters.size() < 3 || letters.size() % 2 == 0) return false;
  for (size_t k = 0; k < letters.size(); ++k)
    if (k % 2 ? letters[k].c != '.' : !u_isupper(letters[k].c)) return false;
  return true;
}

bool ends_sentence(UChar32 c) { return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == '\n'; }

void finish_word(std::string& word, bool break_before, bool sentence_start, std::vector<WordToken>& out) {
  if (word.empty()) return;
  for (std::string_view suffix : {"'s", "\u2019s", "'", "\u2019"}) {
    if (word.size() > suffix.size() && word.ends_with(suffix)) {
      word.resize(word.size() - suffix.size());
      break;
    }
  }
  WordToken token;
  token.normalized = normalize_text(word);
  token.script = word_script(word);
  const auto cps = code_points(word);
  token.capitalized = !cps.empty() && cps[0].c > 0 && (u_isupper(cps[0].c) || u_istitle(cps[0].c));
  token.break_before = break_before;
  token.sentence_start = sentence_start;
  token.upper_case = looks_like_acronym(word);
  token.acronym = acronym_with_ending(word);
  // "U.N", "U.S", "E.U" (Latin only: Cyrillic initials "Е.С." are a person's) read as UN, US, EU.
  if (token.acronym.empty() && token.script == "Latin" && is_dotted_abbreviation(word))
    for (char c : word)
      if (c != '.') token.acronym += c;
  if (!token.acronym.empty()) token.acronym_normalized = normalize_text(token.acronym);
  token.original = std::move(word);
  out.push_back(std::move(token));
  word.clear();
}

// The word just finished is a case ending joined by a bare hyphen to an acronym ("БҰҰ-ның").
bool is_hyphenated_ending(const std::vector<WordToken>& words, bool joined_by_hyphen) {
  if (!joined_by_hyphen || words.size() < 2 || words.back().break_before) return false;
  size_t letters = 0;
  return all_lower(words.back().original, letters) && letters <= kMaxAcronymEnding &&
         looks_like_acronym(words[words.size() - 2].original);
}

}  // namespace

bool looks_like_acronym(std::string_view word) {
  size_t upper = 0, lower = 0;
  for (const auto& cp : code_points(word)) {
    if (u_isupper(cp.c)) ++upper;
    else if (u_islower(cp.c)) ++lower;
  }
  return upper >= 2 && lower <= upper;
}

std::vector<WordToken> split_words(std::string_view text) {
  std::vector<WordToken> words;
  std::string word;
  bool break_pending = false;
  bool sentence_pending = true;
  bool after_currency = false;  // the character before the current word is a currency sign
  bool after_abbreviation = false;  // the last word was "U.S" and its full stop followed
  size_t separators = 0;     // characters since the last word
  bool hyphen_only = false;  // ... and they are one hyphen
  const auto cps = code_points(text);
  // Ends the current word; a currency sign either side of it is noted on it.
  const auto finish = [&](bool currency_after) {
    const bool joined = separators == 1 && hyphen_only;
    finish_word(word, break_pending, sentence_pending, words);
    words.back().after_abbreviation = after_abbreviation;
    after_abbreviation = false;
    if (is_hyphenated_ending(words, joined)) {
      words.pop_back();
      return;
    }
    if (joined && words.size() >= 2) words[words.size() - 2].hyphen_after = true;
    words.back().next_to_currency = after_currency || currency_after;
  };
  for (size_t i = 0; i < cps.size(); ++i) {
    const auto& cp = cps[i];
    const std::string_view bytes = text.substr(cp.start, cp.end - cp.start);
    if ((cp.c >= 0 && is_word_char(cp.c)) || (cp.c >= 0 && is_apostrophe(cp.c) && !word.empty()) ||
        inside_dotted_abbreviation(cps, i, word)) {
      if (word.empty()) after_currency = i > 0 && is_currency_sign(cps[i - 1].c);
      word.append(bytes);
      continue;
    }
    // The full stop that closes "U.S." may end a sentence, or not: "the U.S. Department of State".
    const bool closes_abbreviation = cp.c == '.' && is_dotted_abbreviation(word);
    if (!word.empty()) {
      finish(is_currency_sign(cp.c));
      break_pending = false;
      sentence_pending = false;
      separators = 0;
    }
    ++separators;
    if (closes_abbreviation) after_abbreviation = true;
    else if (cp.c < 0 || !is_soft_separator(cp.c)) after_abbreviation = false;
    hyphen_only = separators == 1 && cp.c >= 0 && is_hyphen(cp.c);
    if (cp.c < 0 || !is_soft_separator(cp.c)) break_pending = true;
    if (cp.c >= 0 && ends_sentence(cp.c)) sentence_pending = true;
  }
  if (!word.empty()) finish(false);
  return words;
}

}  // namespace caravan
