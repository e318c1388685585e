// The rules for declared metadata, and the wording of their problems.
#include "indexer/readers/field_checks.h"

#include <algorithm>
#include <regex>

#include "core/calendar.h"
#include "core/languages.h"
#include "indexer/date_extractor.h"

namespace caravan {
namespace {

// The value as a problem message quotes it: at most about 80 bytes (whole UTF-8 characters),
// control bytes shown as '?', so that a hostile value cannot flood or drive a terminal.
std::string quoted(std::string_view value) {
  size_t shown = std::min<size_t>(value.size(), 80);
  while (shown < value.size() && shown > 0 && (static_cast<unsigned char>(value[shown]) & 0xC0) == 0x80) --shown;
  std::string out = "'";
  for (const char c : value.substr(0, shown)) out += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c;
  return out + (shown < value.size() ? "...'" : "'");
}

CheckedField refused(const char* field, std::string_view value, const char* reason) {
  return {"", std::string("bad ") + field + " " + quoted(value) + ": " + reason + "; dropped", std::string("bad_") + field};
}

// "2021-02-29" and "2021-02-29T08:00:00" name a day that does not exist.
bool names_missing_day(std::string_view date) {
  const auto date_part = date.substr(0, date.find_first_of("T "));
  const auto written = read_calendar_date(date_part);
  return written && written->precision == CalendarDate::Precision::kDay && !exists(*written);
}

std::string trimmed(std::string_view value) {
  const auto first = value.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  return std::string(value.substr(first, value.find_last_not_of(" \t\r\n") - first + 1));
}

std::string upper_ascii(std::string value) {
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c); });
  return value;
}

}  // namespace

CheckedField check_url(std::string_view url) {
  std::string value = trimmed(url);
  const auto colon = value.find("://");
  const std::string scheme = colon == std::string::npos ? "" : upper_ascii(value.substr(0, colon));
  if (scheme != "HTTP" && scheme != "HTTPS") return refused("url", url, "not an absolute http(s) URL");
  const auto host_end = value.find_first_of("/?#", colon + 3);
  if (host_end == colon + 3 || colon + 3 == value.size()) return refused("url", url, "no host");
  if (std::any_of(value.begin(), value.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }))
    return refused("url", url, "control characters");
  std::transform(value.begin(), value.begin() + static_cast<long>(colon), value.begin(),
                 [](unsigned char c) { return static_cast<char>(c | 0x20); });
  return {std::move(value), ""};
}

CheckedField check_language(std::string_view tag) {
  static const std::regex shape("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
  std::string value = trimmed(tag);
  if (!std::regex_match(value, shape)) return refused("lang", tag, "not a language tag (the language is identified from the text)");
  if (!find_language(value) && !find_language(base_language(value)))
    return refused("lang", tag, "not a language Caravan knows (it is identified from the text)");
  return {std::move(value), ""};
}

CheckedField check_country(std::string_view code) {
  static const std::regex shape("[A-Z]{2}");
  std::string value = upper_ascii(trimmed(code));
  if (!std::regex_match(value, shape)) return refused("country", code, "not an ISO 3166-1 alpha-2 code such as KZ");
  return {std::move(value), ""};
}

CheckedField check_organization(std::string_view id) {
  static const std::regex shape("[A-Z0-9_]{1,64}");
  std::string value = upper_ascii(trimmed(id));
  if (!std::regex_match(value, shape))
    return refused("organization", id, "not an id of [A-Z0-9_] such as UNODC or KZ_MVD");
  return {std::move(value), ""};
}

CheckedField check_date(std::string_view date) {
  if (auto parsed = parse_date(date)) return {std::move(*parsed), ""};
  return refused("date", date, names_missing_day(date) ? "no such day" : "not a date Caravan understands");
}

std::string kept_value(CheckedField checked, const std::string& where, const ReaderSink& sink) {
  if (!checked.problem.empty()) sink.on_problem({where, checked.problem, false, checked.code});
  return std::move(checked.value);
}

std::vector<std::string> kept_values(const std::vector<std::string>& values, CheckedField (*check)(std::string_view),
                                     const std::string& where, const ReaderSink& sink) {
  std::vector<std::string> kept;
  for (const auto& value : values)
    if (std::string checked = kept_value(check(value), where, sink); !checked.empty()) kept.push_back(std::move(checked));
  return kept;
}

}  // namespace caravan
