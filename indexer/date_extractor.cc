// Date extraction over a token stream (numbers, words, punctuation), so that no regex runs on
// long texts; month names and orders of English, Russian and the region's languages.
#include "indexer/date_extractor.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "core/calendar.h"
#include "core/normalize.h"
#include "indexer/date_forms.h"

namespace caravan {
namespace {

using namespace date_forms;

constexpr std::array<std::string_view, 1> kOf = {"of"};

enum class TokenType { kNumber, kWord, kPunct };

struct Token {
  TokenType type;
  std::string text;
};

bool is_word_byte(unsigned char c) { return std::isalpha(c) || c >= 0x80; }

// Dashes become '-' and the no-break and thin spaces a plain space, so that "5–6 июля" and
// "19\u00a0October" tokenize like their ASCII forms.
std::string unify_separators(std::string text) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> replacements = {{
      {"\u2013", "-"}, {"\u2014", "-"}, {"\u2012", "-"}, {"\u2010", "-"}, {"\u2011", "-"},
      {"\u2212", "-"}, {"\u00a0", " "}, {"\u202f", " "}, {"\u2009", " "},
  }};
  for (const auto& [from, to] : replacements)
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at))
      text.replace(at, from.size(), to);
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

bool stem_with_ending(std::string_view word, std::string_view stem, size_t max_ending) {
  return word.starts_with(stem) && code_point_count(word.substr(stem.size())) <= max_ending;
}

template <typename List>
bool one_of(std::string_view word, const List& list) {
  for (std::string_view entry : list)
    if (word == entry) return true;
  return false;
}

// 1..12 for a month name (normalized), else 0.
int month_number(std::string_view word) {
  for (const auto& form : kExactMonths)
    if (word == form.text) return form.month;
  for (const auto& form : kMonthStems)
    if (stem_with_ending(word, form.text, kMaxMonthEnding)) return form.month;
  return 0;
}

bool valid_date(int year, int month, int day) {
  return year >= 1900 && year <= 2100 && exists({year, month, day});
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

  // The month and day of a date written without its year, as wire datelines do ("22 февраля.",
  // "May 3 (Reuters)", "15-mart"): {month, day}, or {0, 0}.
  std::pair<int, int> day_month_at(size_t i) const {
    if (number(i, 1, 2) && !numeric_run_before(i)) {
      size_t j = skip_ordinal(i + 1);
      if (punct(j, '-')) ++j;
      if (const int m = month(j)) return {m, value(i)};
    }
    if (const int m = month(i)) {
      const size_t j = punct(i + 1, '.') ? i + 2 : i + 1;
      if (number(j, 1, 2) && !numeric_run_after(j + 1)) return {m, value(j)};
    }
    return {0, 0};
  }

  std::optional<std::string> match_at(size_t i) const {
    if (auto date = numeric_year_first_at(i)) return date;
    if (auto date = numeric_day_first_at(i)) return date;
    if (auto date = year_word_first_at(i)) return date;
    if (auto date = day_month_year_at(i)) return date;
    return month_day_year_at(i);
  }

 private:
  bool is(size_t i, TokenType type) const { return i < tokens_.size() && tokens_[i].type == type; }
  bool number(size_t i, size_t min_digits, size_t max_digits) const {
    return is(i, TokenType::kNumber) && tokens_[i].text.size() >= min_digits &&
           tokens_[i].text.size() <= max_digits;
  }
  bool punct(size_t i, char c) const { return is(i, TokenType::kPunct) && tokens_[i].text[0] == c; }
  bool word_in(size_t i, const auto& list) const { return is(i, TokenType::kWord) && one_of(tokens_[i].text, list); }
  int month(size_t i) const { return is(i, TokenType::kWord) ? month_number(tokens_[i].text) : 0; }
  int value(size_t i) const { return std::stoi(tokens_[i].text); }

  // A number glued into a longer numeric run ("1.19.10.2020", "2020.10.19.3", "10:19") is a
  // section number, version or time, not a date.
  bool numeric_run_before(size_t i) const {
    return i >= 2 && (punct(i - 1, '.') || punct(i - 1, ':') || punct(i - 1, '/')) && number(i - 2, 1, 8);
  }
  bool numeric_run_after(size_t i) const {
    return (punct(i, '.') || punct(i, ':') || punct(i, '/')) && number(i + 1, 1, 8);
  }

  // "2020-10-19" (also with a time), "2020/10/19", "2020.10.19": always year, month, day.
  std::optional<std::string> numeric_year_first_at(size_t i) const {
    if (!number(i, 4, 4) || numeric_run_before(i) || !is(i + 1, TokenType::kPunct)) return std::nullopt;
    const char sep = tokens_[i + 1].text[0];
    if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
    if (!(number(i + 2, 1, 2) && punct(i + 3, sep) && number(i + 4, 1, 2))) return std::nullopt;
    if (sep != '-' && numeric_run_after(i + 5)) return std::nullopt;
    return format_date(value(i), value(i + 2), value(i + 4));
  }

  // "19.10.2020" and "19-10-2020" are day first. "19/10/2020" is day first too, "10/19/2020"
  // (American) month first; a slashed date whose two first numbers are both at most 12 is
  // ambiguous and skipped unless they are equal. Two-digit years are never read: "3.2.15" is
  // far more often a section number than a date.
  std::optional<std::string> numeric_day_first_at(size_t i) const {
    if (!number(i, 1, 2) || numeric_run_before(i) || !is(i + 1, TokenType::kPunct)) return std::nullopt;
    const char sep = tokens_[i + 1].text[0];
    if (sep != '.' && sep != '/' && sep != '-') return std::nullopt;
    if (!(number(i + 2, 1, 2) && punct(i + 3, sep) && number(i + 4, 4, 4))) return std::nullopt;
    if (numeric_run_after(i + 5)) return std::nullopt;
    int day = value(i), month = value(i + 2);
    if (sep == '/' && day <= 12 && month <= 12 && day != month) return std::nullopt;
    if (sep == '/' && month > 12) std::swap(day, month);
    return format_date(value(i + 4), month, day);
  }

  // Skips an ordinal ending after a day or a year: "5th", "5-го", "5-nji", "2023-cü", "5-і".
  size_t skip_ordinal(size_t i) const {
    if (word_in(i, kEnglishOrdinals)) return i + 1;
    if (punct(i, '-') && is(i + 1, TokenType::kWord) && !month(i + 1) &&
        code_point_count(tokens_[i + 1].text) <= kMaxOrdinalLetters)
      return i + 2;
    return i;
  }

  // Skips the rest of a day range: "-21", "to 5", "по 5", "and 5th", "- 6-го".
  size_t skip_range_end(size_t i) const {
    if ((punct(i, '-') || word_in(i, kRangeWords)) && number(i + 1, 1, 2)) return skip_ordinal(i + 2);
    return i;
  }

  // After a month: the end of a range across months ("30 June - 2 July 2019"), then the year.
  std::optional<int> year_after_month(size_t k) const {
    if (punct(k, '.')) ++k;
    if ((punct(k, '-') || word_in(k, kRangeWords)) && number(k + 1, 1, 2)) {
      const size_t m = skip_ordinal(k + 2);
      if (month(m)) k = punct(m + 1, '.') ? m + 2 : m + 1;
    } else if (punct(k, '-') && number(k + 1, 4, 4)) {
      ++k;  // "26-Jun-2023"
    }
    if (punct(k, ',')) ++k;
    if (word_in(k, kBeforeYear)) ++k;
    if (!number(k, 4, 4) || numeric_run_after(k + 1)) return std::nullopt;
    return value(k);
  }

  // "19 October 2020", "10-11 September 2020", "С 3 по 5 июля 2019 года", "19th of October,
  // 2020", "5-dekabr 2023", "18 майи соли 2022", "5 dekabr 2023-cü il".
  std::optional<std::string> day_month_year_at(size_t i) const {
    if (!number(i, 1, 2) || numeric_run_before(i)) return std::nullopt;
    size_t j = skip_range_end(skip_ordinal(i + 1));
    if (word_in(j, kOf)) ++j;
    if (punct(j, '-')) ++j;
    const int m = month(j);
    if (!m) return std::nullopt;
    const auto year = year_after_month(j + 1);
    if (!year) return std::nullopt;
    return format_date(*year, m, value(i));
  }

  // "October 19, 2020", "Sept. 14-15, 2020", "September 30 - October 2, 2020".
  std::optional<std::string> month_day_year_at(size_t i) const {
    const int m = month(i);
    if (!m) return std::nullopt;
    size_t j = punct(i + 1, '.') ? i + 2 : i + 1;
    if (!number(j, 1, 2) || numeric_run_after(j + 1)) return std::nullopt;
    size_t k = skip_range_end(skip_ordinal(j + 1));
    if ((punct(k, '-') || word_in(k, kRangeWords)) && month(k + 1) && number(k + 2, 1, 2))
      k = skip_ordinal(k + 3);
    if (punct(k, ',')) ++k;
    if (!number(k, 4, 4) || numeric_run_after(k + 1)) return std::nullopt;
    return format_date(value(k), m, value(j));
  }

  bool year_word(size_t i) const {
    if (!is(i, TokenType::kWord)) return false;
    if (one_of(tokens_[i].text, kYearExact)) return true;
    for (std::string_view stem : kYearStems)
      if (stem_with_ending(tokens_[i].text, stem, kMaxYearEnding)) return true;
    return false;
  }

  // The index after the year word that follows a four-digit number ("2023 жылғы", "2023-yil",
  // "2023-nji ýylyň", "2023-cü il", "2023 ж."), or 0 when there is none.
  size_t skip_year_word(size_t i) const {
    if (punct(i, '-')) ++i;
    if (is(i, TokenType::kWord) && !year_word(i) && code_point_count(tokens_[i].text) <= kMaxOrdinalLetters &&
        year_word(i + 1))
      ++i;  // the ordinal ending of the year: "nji", "cü"
    if (year_word(i)) return i + 1;
    if (word_in(i, kYearAbbreviations) && punct(i + 1, '.')) return i + 2;
    return 0;
  }

  // Year first, as the Turkic languages write it: "2022 жылғы 14 наурызда", "2023-yil
  // 5-dekabr", "2021-жылдын 12-октябрында", "2023-nji ýylyň 5-nji dekabry", and the month
  // before the day: "2023-cü il dekabrın 5-i", "2023 жылғы желтоқсанның 5-і".
  std::optional<std::string> year_word_first_at(size_t i) const {
    if (!number(i, 4, 4) || numeric_run_before(i)) return std::nullopt;
    size_t j = skip_year_word(i + 1);
    if (!j) return std::nullopt;
    if (punct(j, ',')) ++j;
    if (number(j, 1, 2)) {
      size_t k = skip_range_end(skip_ordinal(j + 1));
      if (punct(k, '-')) ++k;
      if (const int m = month(k)) return format_date(value(i), m, value(j));
      return std::nullopt;
    }
    const int m = month(j);
    if (!m || !number(j + 1, 1, 2) || numeric_run_after(j + 2)) return std::nullopt;
    return format_date(value(i), m, value(j + 1));
  }

  const std::vector<Token>& tokens_;
};

}  // namespace

std::optional<std::string> find_first_date(std::string_view text) {
  const auto tokens = tokenize(unify_separators(normalize_text(text)));
  Matcher matcher(tokens);
  for (size_t i = 0; i < tokens.size(); ++i)
    if (auto date = matcher.match_at(i)) return date;
  return std::nullopt;
}

namespace {

// Words of the "today" tickers that pages print beside the date of the visit.
constexpr std::string_view kTodayWords[] = {"today", "сегодня", "бүгін", "бүгүн", "bugun", "бугун",
                                            "имрӯз", "bu gün", "şu gün", "şugün", "bugün"};

// Words of the "updated" stamps printed beside (often before) the publication date: the date
// they introduce is a later edit's. Normalized (lower case) forms.
constexpr std::string_view kUpdatedWords[] = {"updated", "modified", "edited", "обновлено", "обновлен", "обновлена",
                                              "изменено", "отредактировано", "жаңартылды", "жаңыртылды", "yangilandi",
                                              "yangilangan", "навсозӣ", "täzelendi", "täzelenen", "yeniləndi",
                                              "yenilənib", "güncellendi"};

bool is_placeholder(const std::string& date) {
  return date < "1900" || (date.ends_with("-01-01") && (date.starts_with("1900") || date.starts_with("1970")));
}

// Whether one of kTodayWords ends at most kTodayReach tokens before token i ("Today: Tuesday, 1").
constexpr size_t kTodayReach = 4;
bool after_today_word(const std::vector<Token>& tokens, size_t i) {
  for (size_t back = 1; back <= kTodayReach && back <= i; ++back) {
    const std::string& word = tokens[i - back].text;
    for (const std::string_view today : kTodayWords)
      if (word == today || (today.find(' ') != std::string_view::npos && back < i &&
                            tokens[i - back - 1].text + " " + word == today))
        return true;
  }
  return false;
}

// Whether one of kUpdatedWords ends at most kTodayReach tokens before token i ("Updated: 12").
bool after_updated_word(const std::vector<Token>& tokens, size_t i) {
  for (size_t back = 1; back <= kTodayReach && back <= i; ++back)
    if (one_of(tokens[i - back].text, kUpdatedWords)) return true;
  return false;
}

// The path of a URL, without its query and fragment ("" when it has none).
std::string url_path(std::string_view url) {
  const size_t scheme = url.find("://");
  const size_t path_start = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (path_start == std::string_view::npos) return "";
  return std::string(url.substr(path_start, url.find_first_of("?#", path_start) - path_start));
}

}  // namespace

std::optional<std::string> find_publication_date(std::string_view text, std::string_view not_after) {
  const auto tokens = tokenize(unify_separators(normalize_text(text)));
  Matcher matcher(tokens);
  for (size_t i = 0; i < tokens.size(); ++i) {
    auto date = matcher.match_at(i);
    if (!date || is_placeholder(*date) || *date > not_after || after_today_word(tokens, i) ||
        after_updated_word(tokens, i))
      continue;
    return date;
  }
  return std::nullopt;
}

std::optional<std::string> find_url_day(std::string_view url) {
  const std::string path = url_path(url);
  static const std::regex forms[] = {
      // /2017/02/15/ or /2017-02-15 or /2017_02_15 (a separator or the end after the day)
      std::regex(R"([/_-]((?:19|20)\d\d)[/_-](\d\d)[/_-](\d\d)(?:[/_.-]|$))"),
      // /20170215/ or /20170215-title
      std::regex(R"(/((?:19|20)\d\d)(\d\d)(\d\d)(?:[/_.-]|$))"),
  };
  for (const std::regex& form : forms) {
    std::smatch m;
    if (!std::regex_search(path, m, form) || std::stoi(m[1]) < 1990) continue;
    if (auto date = format_date(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]))) return date;
  }
  return std::nullopt;
}

std::optional<std::string> find_url_month(std::string_view url) {
  static const std::regex form(R"(/((?:19|20)\d\d)/(\d\d)(?:/(?!\d)|$))");
  const std::string path = url_path(url);
  std::smatch m;
  if (!std::regex_search(path, m, form) || std::stoi(m[1]) < 1990) return std::nullopt;
  const int month = std::stoi(m[2]);
  if (month < 1 || month > 12) return std::nullopt;
  return std::string(m[1]) + "-" + std::string(m[2]);
}

std::optional<std::string> find_url_date(std::string_view url) {
  if (auto day = find_url_day(url)) return day;
  if (auto month = find_url_month(url)) return *month + "-01";
  return std::nullopt;
}

namespace {

// How far into a text a dateline without its year is looked for.
constexpr size_t kYearlessDatelineTokens = 30;

// With the month a URL gives ("YYYY-MM"): the text's first date if it falls in that month, or,
// before any full date, a dateline without its year in that month ("Астана. 22 февраля."); else
// the month's first day.
std::string date_in_url_month(std::string_view text, const std::string& month, std::string_view not_after) {
  const auto tokens = tokenize(unify_separators(normalize_text(text)));
  Matcher matcher(tokens);
  const int year = std::stoi(month.substr(0, 4)), month_number = std::stoi(month.substr(5, 2));
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (auto date = matcher.match_at(i)) {
      if (is_placeholder(*date) || *date > not_after || after_today_word(tokens, i) || after_updated_word(tokens, i))
        continue;
      return date->starts_with(month) ? *date : month + "-01";
    }
    if (i >= kYearlessDatelineTokens || after_today_word(tokens, i) || after_updated_word(tokens, i)) continue;
    const auto [m, day] = matcher.day_month_at(i);
    if (m != month_number) continue;
    if (auto date = format_date(year, m, day); date && *date <= not_after) return *date;
  }
  return month + "-01";
}

}  // namespace

std::optional<std::string> choose_publication_date(std::string_view url, std::string_view text,
                                                   std::string_view not_after) {
  if (auto day = find_url_day(url)) return day;
  if (auto month = find_url_month(url)) return date_in_url_month(text, *month, not_after);
  return find_publication_date(text, not_after);
}

std::optional<std::string> parse_date(std::string_view text) { return find_first_date(text); }

}  // namespace caravan
