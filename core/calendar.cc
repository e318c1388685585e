// Gregorian month lengths, leap years and the YYYY[-MM[-DD]] form.
#include "core/calendar.h"

#include <cstdio>

namespace caravan {
namespace {

bool digits(std::string_view text) {
  for (const char c : text)
    if (c < '0' || c > '9') return false;
  return !text.empty();
}

int number(std::string_view text) {
  int value = 0;
  for (const char c : text) value = value * 10 + (c - '0');
  return value;
}

bool leap(int year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

std::string format(int year, int month, int day) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

}  // namespace

std::optional<CalendarDate> read_calendar_date(std::string_view text) {
  const bool shape = (text.size() == 4 && digits(text)) ||
                     (text.size() == 7 && text[4] == '-' && digits(text.substr(0, 4)) && digits(text.substr(5))) ||
                     (text.size() == 10 && text[4] == '-' && text[7] == '-' && digits(text.substr(0, 4)) &&
                      digits(text.substr(5, 2)) && digits(text.substr(8)));
  if (!shape) return std::nullopt;
  using Precision = CalendarDate::Precision;
  CalendarDate date;
  date.year = number(text.substr(0, 4));
  date.precision = text.size() == 4 ? Precision::kYear : text.size() == 7 ? Precision::kMonth : Precision::kDay;
  if (date.precision != Precision::kYear) date.month = number(text.substr(5, 2));
  if (date.precision == Precision::kDay) date.day = number(text.substr(8, 2));
  return date;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && leap(year)) return 29;
  return month >= 1 && month <= 12 ? kDays[month - 1] : 0;
}

bool exists(const CalendarDate& date) {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= days_in_month(date.year, date.month);
}

std::string first_day(const CalendarDate& date) { return format(date.year, date.month, date.day); }

std::string last_day(const CalendarDate& date) {
  using Precision = CalendarDate::Precision;
  const int month = date.precision == Precision::kYear ? 12 : date.month;
  return format(date.year, month, date.precision == Precision::kDay ? date.day : days_in_month(date.year, month));
}

}  // namespace caravan
