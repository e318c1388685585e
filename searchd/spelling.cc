// Word-by-word spelling correction that leaves the query's syntax alone.
#include "searchd/spelling.h"

#include <cctype>

#include "core/normalize.h"
#include "core/terms.h"

namespace caravan {
namespace {

constexpr unsigned kMaxEditDistance = 2;

bool is_plain_word(std::string_view token) {
  if (token.empty() || token == "OR" || token == "AND" || token == "NOT") return false;
  if (token.front() == '-' || token.front() == '+') return false;
  return token.find_first_of(":\"*()") == std::string_view::npos;
}

}  // namespace

std::optional<std::string> spelling_correction(const Xapian::Database& db, std::string_view user_query) {
  TermSplitter splitter;
  std::string corrected;
  bool changed = false;
  size_t i = 0;
  while (i < user_query.size()) {
    const size_t start = i;
    while (i < user_query.size() && std::isspace(static_cast<unsigned char>(user_query[i]))) ++i;
    corrected.append(user_query.substr(start, i - start));
    const size_t word_start = i;
    while (i < user_query.size() && !std::isspace(static_cast<unsigned char>(user_query[i]))) ++i;
    const std::string_view token = user_query.substr(word_start, i - word_start);
    std::string replacement(token);
    if (is_plain_word(token)) {
      const auto terms = splitter.split(normalize_text(token));
      if (terms.size() == 1 && terms.front().size() >= 3) {
        const std::string suggestion = db.get_spelling_suggestion(terms.front(), kMaxEditDistance);
        if (!suggestion.empty() && suggestion != terms.front()) {
          replacement = suggestion;
          changed = true;
        }
      }
    }
    corrected += replacement;
  }
  if (!changed) return std::nullopt;
  return corrected;
}

}  // namespace caravan
