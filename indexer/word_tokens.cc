// Unicode-aware word splitting with ICU character properties.
#include "indexer/word_tokens.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "core/normalize.h"

namespace caravan {
namespace {

bool is_word_char(UChar32 c) {
  return u_isalnum(c) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY_MASK) & U_GC_M_MASK ||
         c == 0x02BB || c == 0x02BC;
}

bool is_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC; }

bool is_soft_separator(UChar32 c) {
  return u_isspace(c) || c == '-' || c == 0x2010 || c == 0x2011 || c == 0x00A0;
}

void finish_word(std::string& word, bool break_before, std::vector<WordToken>& out) {
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
  int32_t i = 0;
  UChar32 first;
  U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), i, static_cast<int32_t>(word.size()), first);
  token.capitalized = first > 0 && (u_isupper(first) || u_istitle(first));
  token.break_before = break_before;
  token.original = std::move(word);
  out.push_back(std::move(token));
  word.clear();
}

}  // namespace

std::vector<WordToken> split_words(std::string_view text) {
  std::vector<WordToken> words;
  std::string word;
  bool break_pending = false;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && is_word_char(c)) {
      word.append(text.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
      continue;
    }
    if (c >= 0 && is_apostrophe(c) && !word.empty()) {
      word.append(text.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
      continue;
    }
    const bool had_word = !word.empty();
    finish_word(word, break_pending, words);
    if (had_word) break_pending = false;
    if (c < 0 || !is_soft_separator(c)) break_pending = true;
  }
  finish_word(word, break_pending, words);
  return words;
}

}  // namespace caravan
