// Word-by-word spelling correction that leaves the query's syntax alone.
#include "searchd/spelling.h"

#include <algorithm>
#include <cctype>

#include "core/languages.h"
#include "core/normalize.h"
#include "core/terms.h"

namespace caravan {
namespace {

constexpr unsigned kMaxEditDistance = 2;
constexpr size_t kMinLetters = 3;
// A word the index has (from a body: the spelling table only knows titles) is kept unless its
// suggestion is in this many times as many items: "precursors" must not become "precursor".
constexpr Xapian::doccount kKnownWordRatio = 10;
// A word in this many items, and in at least 1 in kWellKnownShare of all, is a word, not a typo,
// and is not looked up (get_spelling_suggestion was a fifth of searchd's CPU on the default
// request at 10k items, make profile-searchd). Why 1 in 10,000: all but the commonest words are in fewer than 1 in 10
// items, and a misspelling in edited news is rarer than 1 in 1,000 of its word's uses, so a
// typo is in fewer than 1 in 10,000 items. The price: a typo that recurs more often (of a word in
// most items) is taken for a word, as it is when it is in 3 items or more of a small index.
constexpr Xapian::doccount kWellKnownItems = 3;
constexpr Xapian::doccount kWellKnownShare = 10000;

bool is_plain_word(std::string_view token) {
  if (token.empty() || token == "OR" || token == "AND" || token == "NOT") return false;
  if (token.front() == '-' || token.front() == '+') return false;
  return token.find_first_of(":\"*()") == std::string_view::npos;
}

bool has_digit(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool well_known(const Xapian::Database& db, const std::string& term) {
  const Xapian::doccount items = db.get_termfreq(term);
  return items >= kWellKnownItems && items >= db.get_doccount() / kWellKnownShare;
}

}  // namespace

SpellingCorrector::SpellingCorrector(const Analyzer& analyzer, const Gazetteers& gazetteers) : analyzer_(analyzer) {
  TermSplitter splitter;
  for (const Gazetteer* gazetteer : {&gazetteers.countries, &gazetteers.organizations})
    for (const Alias& alias : gazetteer->aliases())
      for (std::string& word : splitter.split(normalize_text(alias.text))) name_words_.insert(std::move(word));
}

bool SpellingCorrector::is_stopword(const std::string& word) const {
  return std::any_of(known_languages().begin(), known_languages().end(),
                     [&](const LanguageInfo& lang) { return analyzer_.is_stopword(lang.code, word); });
}

// The best replacement of one plain word's term, or "" to keep it.
std::string SpellingCorrector::suggestion_for(const Xapian::Database& db, const std::string& term) const {
  if (code_point_count(term) < kMinLetters || has_digit(term)) return "";
  if (name_words_.contains(term) || is_stopword(term) || well_known(db, term)) return "";
  std::string suggestion = db.get_spelling_suggestion(term, kMaxEditDistance);
  if (suggestion.empty() || suggestion == term || is_stopword(suggestion)) return "";
  const Xapian::doccount known = db.get_termfreq(term);
  if (known > 0 && db.get_termfreq(suggestion) < kKnownWordRatio * known) return "";
  return suggestion;
}

// One whitespace-free token: grouping parentheses and trailing punctuation are kept around the
// word; anything else that is not a plain word is returned unchanged.
std::string SpellingCorrector::corrected_token(const Xapian::Database& db, TermSplitter& splitter,
                                               std::string_view token) const {
  const size_t begin = std::min(token.find_first_not_of('('), token.size());
  const size_t end = std::max(begin, token.find_last_not_of("),.;!?") + 1);
  const std::string_view word = token.substr(begin, end - begin);
  if (!is_plain_word(word)) return std::string(token);
  const auto terms = splitter.split(normalize_text(word));
  if (terms.size() != 1) return std::string(token);
  const std::string suggestion = suggestion_for(db, terms.front());
  if (suggestion.empty()) return std::string(token);
  return std::string(token.substr(0, begin)) + suggestion + std::string(token.substr(end));
}

std::optional<std::string> SpellingCorrector::correct(const Xapian::Database& db, std::string_view user_query) const {
  TermSplitter splitter;
  std::string corrected;
  bool in_phrase = false;
  size_t i = 0;
  while (i < user_query.size()) {
    const size_t start = i;
    while (i < user_query.size() && std::isspace(static_cast<unsigned char>(user_query[i]))) ++i;
    corrected.append(user_query.substr(start, i - start));
    const size_t word_start = i;
    while (i < user_query.size() && !std::isspace(static_cast<unsigned char>(user_query[i]))) ++i;
    const std::string_view token = user_query.substr(word_start, i - word_start);
    const auto quotes = std::count(token.begin(), token.end(), '"');
    corrected += in_phrase || quotes > 0 ? std::string(token) : corrected_token(db, splitter, token);
    if (quotes % 2 == 1) in_phrase = !in_phrase;
  }
  if (corrected == user_query) return std::nullopt;
  return corrected;
}

}  // namespace caravan
