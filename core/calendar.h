// Which days exist: the Gregorian calendar for dates typed by users and declared by inputs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace caravan {

// A year, a month of a year or a day, as written "YYYY", "YYYY-MM" or "YYYY-MM-DD".
struct CalendarDate {
  enum class Precision { kYear, kMonth, kDay };
  int year = 0;
  int month = 1;  // as written (may not exist); 1 for a year
  int day = 1;    // as written (may not exist); 1 for a year or a month
  Precision precision = Precision::kDay;
};

// Reads "YYYY", "YYYY-MM" or "YYYY-MM-DD" (ASCII digits, '-' between); nothing for any other
// shape. The calendar is not checked: "2021-02-30" is read as written.
std::optional<CalendarDate> read_calendar_date(std::string_view text);

// Whether the month and the day exist: no month 13, no 2021-02-29, no 2020-04-31.
bool exists(const CalendarDate& date);

// 28 to 31.
int days_in_month(int year, int month);

// The first and the last day of the year, month or day as "YYYY-MM-DD" (the date must exist).
std::string first_day(const CalendarDate& date);
std::string last_day(const CalendarDate& date);

}  // namespace caravan
