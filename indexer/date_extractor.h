// Finds the first explicit calendar date in English or Russian news text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace caravan {

// The first explicit date of the text as "YYYY-MM-DD", or nothing. Understood forms:
// ISO "2020-10-19" (also with a time), "19.10.2020", "19 October 2020", "On 19th of October 2020",
// "October 19, 2020", ranges "September 14-15, 2020", "10-11 September 2020",
// "5-6 декабря 2023 года", "14 марта 2022 г." (a range gives its first day). A year or a month
// alone ("in 2019", "October 2020", "2018-2020") is not a date. Impossible dates are skipped.
std::optional<std::string> find_first_date(std::string_view text);

// Parses a metadata date string (ISO 8601 with or without time, or any form above).
std::optional<std::string> parse_date(std::string_view text);

}  // namespace caravan
