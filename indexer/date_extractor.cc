// Date extraction over a token stream (numbers, words, punctuation), so that no regex runs on
// long texts; month names in English (full and abbreviated) and Russian (genitive).
#include "indexer/date_extractor.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

#include "core/normalize.h"

namespace caravan {
namespace {

enum class TokenType { kNumber, kWord, kPunct };

struct Token {
  TokenType type;
  std::string text;
};

bool is_word_byte(unsigned char c) { return std::isalpha(c) || c >= 0x80; }

std::string replace_dashes(std::string text) {
  for (std::string_view dash : {"\u2013", "\u2014", "\u2012", "\u2010", "\u2011", "\u2212"}) {
    for (size_t at = text.find(dash); at != std::string::npos; at = text.find(dash, at))
      text.replace(at, dash.size(), "-");
  }
  return text;
}

std::vector<Token> tokenize(const std::string& text) {
  std::vector<Token> tokens;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t j = i + 1;
    if (std::isdigit(c)) {
      while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
      tokens.push_back({TokenType::kNumber, text.substr(i, j - i)});
    } else if (is_word_byte(c)) {
      while (j < text.size() && is_word_byte(static_cast<unsigned char>(text[j]))) ++j;
      tokens.push_back({TokenType::kWord, text.substr(i, j - i)});
    } else if (!std::isspace(c)) {
      tokens.push_back({TokenType::kPunct, text.substr(i, 1)});
    }
    i = j;
  }
  return tokens;
}

// 1..12 for a month name (normalized: lower case), else 0.
int month_number(const std::string& word) {
  static const std::array<std::array<std::string_view, 4>, 12> names = {{
      {"january", "jan", "января", "январь"},    {"february", "feb", "февраля", "февраль"},
      {"march", "mar", "марта", "март"},          {"april", "apr", "апреля", "апрель"},
      {"may", "may", "мая", "май"},               {"june", "jun", "июня", "июнь"},
      {"july", "jul", "июля", "июль"},            {"august", "aug", "августа", "август"},
      {"september", "sep", "сентября", "sept"},   {"october", "oct", "октября", "октябрь"},
      {"november", "nov", "ноября", "ноябрь"},    {"december", "dec", "декабря", "декабрь"},
  }};
  for (size_t m = 0; m < names.size(); ++m)
    for (std::string_view name : names[m])
      if (word == name) return static_cast<int>(m) + 1;
  return 0;
}

bool valid_date(int year, int month, int day) {
  static const std::array<int, 12> days = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  if (month == 2 && day == 29) return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  return day <= days[static_cast<size_t>(month - 1)];
}

std::optional<std::string> format_date(int year, int month, int day) {
  if (!valid_date(year, month, day)) return std::nullopt;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return std::string(buffer);
}

class Matcher {
 public:
  explicit Matcher(const std::vector<Token>& tokens) : tokens_(tokens) {}

  std::optional<std::string> match_at(size_t i) const {
    if (auto date = iso_at(i)) return date;
    if (auto date = dotted_at(i)) return date;
    if (auto date = day_month_year_at(i)) return date;
    return month_day_year_at(i);
  }

 private:
  bool number(size_t i, size_t min_digits, size_t max_digits) const {
    return i < tokens_.size() && tokens_[i].type == TokenType::kNumber &&
           tokens_[i].text.size() >= min_digits && tokens_[i].text.size() <= max_digits;
  }
  bool punct(size_t i, char c) const {
    return i < tokens_.size() && tokens_[i].type == TokenType::kPunct && tokens_[i].text[0] == c;
  }
  bool word(size_t i, std::string_view w) const {
    return i < tokens_.size() && tokens_[i].type == TokenType::kWord && tokens_[i].text == w;
  }
  int month(size_t i) const {
    if (i >= tokens_.size() || tokens_[i].type != TokenType::kWord) return 0;
    return month_number(tokens_[i].text);
  }
  int value(size_t i) const { return std::stoi(tokens_[i].text); }

  // "2020-10-19"
  std::optional<std::string> iso_at(size_t i) const {
    if (!(number(i, 4, 4) && punct(i + 1, '-') && number(i + 2, 1, 2) && punct(i + 3, '-') &&
          number(i + 4, 1, 2)))
      return std::nullopt;
    return format_date(value(i), value(i + 2), value(i + 4));
  }

  // "19.10.2020"
  std::optional<std::string> dotted_at(size_t i) const {
    if (!(number(i, 1, 2) && punct(i + 1, '.') && number(i + 2, 1, 2) && punct(i + 3, '.') &&
          number(i + 4, 4, 4)))
      return std::nullopt;
    return format_date(value(i + 4), value(i + 2), value(i));
  }

  // Skips "-21" of a day range and an ordinal suffix such as "th"; returns the next index.
  size_t skip_day_tail(size_t i) const {
    if (word(i, "th") || word(i, "st") || word(i, "nd") || word(i, "rd")) ++i;
    if (punct(i, '-') && number(i + 1, 1, 2)) i += 2;
    if (word(i, "th") || word(i, "st") || word(i, "nd") || word(i, "rd")) ++i;
    return i;
  }

  // "19 October 2020", "10-11 September 2020", "5-6 декабря 2023 года", "19th of October, 2020"
  std::optional<std::string> day_month_year_at(size_t i) const {
    if (!number(i, 1, 2)) return std::nullopt;
    size_t j = skip_day_tail(i + 1);
    if (word(j, "of")) ++j;
    const int m = month(j);
    if (!m) return std::nullopt;
    size_t k = j + 1;
    if (punct(k, '.')) ++k;
    if (punct(k, ',')) ++k;
    if (!number(k, 4, 4)) return std::nullopt;
    return format_date(value(k), m, value(i));
  }

  // "October 19, 2020", "September 14-15, 2020"
  std::optional<std::string> month_day_year_at(size_t i) const {
    const int m = month(i);
    if (!m) return std::nullopt;
    size_t j = i + 1;
    if (punct(j, '.')) ++j;
    if (!number(j, 1, 2)) return std::nullopt;
    size_t k = skip_day_tail(j + 1);
    if (punct(k, ',')) ++k;
    if (!number(k, 4, 4)) return std::nullopt;
    return format_date(value(k), m, value(j));
  }

  const std::vector<Token>& tokens_;
};

}  // namespace

std::optional<std::string> find_first_date(std::string_view text) {
  const auto tokens = tokenize(replace_dashes(normalize_text(text)));
  Matcher matcher(tokens);
  for (size_t i = 0; i < tokens.size(); ++i)
    if (auto date = matcher.match_at(i)) return date;
  return std::nullopt;
}

std::optional<std::string> parse_date(std::string_view text) { return find_first_date(text); }

}  // namespace caravan
