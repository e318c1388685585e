// The rules for declared metadata, and the wording of their problems.
#include "indexer/readers/field_checks.h"

#include "core/calendar.h"
#include "indexer/date_extractor.h"

namespace caravan {
namespace {

// The value as a problem message quotes it: at most 80 bytes, control bytes shown as '?'.
std::string quoted(std::string_view value) {
  constexpr size_t kShown = 80;
  std::string out = "'";
  for (const char c : value.substr(0, kShown)) out += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c;
  return out + (value.size() > kShown ? "...'" : "'");
}

CheckedField refused(const char* field, std::string_view value, const char* reason) {
  return {"", std::string("bad ") + field + " " + quoted(value) + ": " + reason + "; dropped"};
}

// "2021-02-29" and "2021-02-29T08:00:00" name a day that does not exist.
bool names_missing_day(std::string_view date) {
  const auto date_part = date.substr(0, date.find_first_of("T "));
  const auto written = read_calendar_date(date_part);
  return written && written->precision == CalendarDate::Precision::kDay && !exists(*written);
}

}  // namespace

CheckedField check_date(std::string_view date) {
  if (auto parsed = parse_date(date)) return {std::move(*parsed), ""};
  return refused("date", date, names_missing_day(date) ? "no such day" : "not a date Caravan understands");
}

std::string kept_value(CheckedField checked, const std::string& where, const ReaderSink& sink) {
  if (!checked.problem.empty()) sink.on_problem({where, checked.problem, false});
  return std::move(checked.value);
}

}  // namespace caravan
