// Finds the first explicit calendar date in news text (English, Russian and the region's languages).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace caravan {

// The first explicit date of the text as "YYYY-MM-DD", or nothing. Understood forms:
// numeric: ISO "2020-10-19" (also with a time, or with / or . between), "19.10.2020",
// "19-10-2020", "19/10/2020" (day first; "10/19/2020" month first when the second number
// exceeds 12; "05/06/2020" is ambiguous and skipped; two-digit years are never read);
// words: "19 October 2020", "On 19th of October 2020", "October 19, 2020", "Sept. 30, 2020",
// "14 марта 2022 г.", "5 дек. 2023"; ranges "September 14-15, 2020", "from 3 to 5 July 2019",
// "from 30 June to 2 July 2019", "С 3 по 5 июля 2019 года" (a range gives its first day);
// month names of kk ky uz tg tk az with their case endings, day-first ("18 майи соли 2022",
// "5 dekabr 2023-cü il") and year-first with a year word ("2022 жылғы 14 наурызда",
// "2023-yil 5-dekabr", "2021-жылдын 12-октябрында", "2023-nji ýylyň 5-nji dekabry",
// "2021-ci il oktyabrın 14-də"). A year or a month alone ("in 2019", "October 2020",
// "2018-2020"), or a day and month without a year, is not a date. Impossible dates are skipped.
std::optional<std::string> find_first_date(std::string_view text);

// The publication date of a news text: the first date that can be one — not a placeholder
// ("1970-01-01", "01.01.1900", any year before 1900), not after not_after ("YYYY-MM-DD": the
// indexing day, as an event announced for later is not when the item was written), and not the
// date of a "today" ticker of the page ("Today: 1 December 2026", "Сегодня: ...") or of an
// "updated" stamp ("Updated: 12 October 2023 · Published: 10 October 2023", "Обновлено: ...").
std::optional<std::string> find_publication_date(std::string_view text, std::string_view not_after);

// The day a news URL's path gives: "/2017/02/15/", "/20170215/", "/2017-02-15-title"; years
// 1990-2099 only, impossible dates skipped.
std::optional<std::string> find_url_day(std::string_view url);

// The month ("YYYY-MM") a path of the form "/2017/02/" gives.
std::optional<std::string> find_url_month(std::string_view url);

// find_url_day, else the first day of find_url_month.
std::optional<std::string> find_url_date(std::string_view url);

// The publication date of an item the input does not date: the URL's day, else the text's
// publication date (its dateline comes first); a URL that gives only the month wins unless the
// text's date falls in that month ("/2023/12/" with the dateline "12-dekabr 2023-yil"), or a
// dateline near the top gives the day without the year ("/2024/02/" with "Астана. 22 февраля.").
std::optional<std::string> choose_publication_date(std::string_view url, std::string_view text,
                                                   std::string_view not_after);

// Parses a metadata date string (ISO 8601 with or without time, or any form above).
std::optional<std::string> parse_date(std::string_view text);

}  // namespace caravan
