// Validation of search parameters: every bad value is a 400 that names the parameter.
#include "searchd/search_request.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/calendar.h"
#include "searchd/api_error.h"

namespace caravan {
namespace {

[[noreturn]] void bad(const std::string& message) { throw ApiError(ErrorCode::kBadParameter, message); }

int int_param(const std::string& name, const std::string& value, int min, int max) {
  int number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size())
    bad("'" + name + "' must be a whole number, got '" + value + "'");
  if (number < min || number > max)
    bad("'" + name + "' must be between " + std::to_string(min) + " and " + std::to_string(max));
  return number;
}

// Accepts "YYYY", "YYYY-MM" or "YYYY-MM-DD" of days that exist; as_end picks the last day of a
// year or month.
std::string date_param(const std::string& name, const std::string& value, bool as_end) {
  const auto date = read_calendar_date(value);
  if (!date) bad("'" + name + "' must be a date YYYY-MM-DD (or YYYY, YYYY-MM), got '" + value + "'");
  if (!exists(*date)) bad("'" + name + "' must be a day that exists, got '" + value + "'");
  return as_end ? last_day(*date) : first_day(*date);
}

std::string filter_value(const std::string& facet, std::string value) {
  if (value.empty() || value.size() > 64) bad("'" + facet + "' needs a value of 1 to 64 characters");
  if (facet == "month")
    if (const auto month = read_calendar_date(value); month && month->precision == CalendarDate::Precision::kMonth && !exists(*month))
      bad("'month' must be a month that exists, got '" + value + "'");
  if (facet == "country" || facet == "organization")
    std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return value;
}

bool flag_param(const std::string& name, const std::string& value) {
  if (value == "1" || value == "true") return true;
  if (value == "0" || value == "false") return false;
  bad("'" + name + "' must be 0 or 1, got '" + value + "'");
}

std::string facet_of_param(const std::string& name) {
  if (name == "country") return "country";
  if (name == "org" || name == "organization") return "organization";
  if (name == "lang" || name == "year" || name == "month") return name;
  return "";
}

std::vector<std::string> facets_param(const std::string& value) {
  std::vector<std::string> facets;
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find(',', start);
    if (end == std::string::npos) end = value.size();
    const std::string name = value.substr(start, end - start);
    if (!name.empty()) {
      if (std::find(facet_names().begin(), facet_names().end(), name) == facet_names().end())
        bad("'facets' has an unknown facet '" + name + "'");
      facets.push_back(name);
    }
    start = end + 1;
  }
  return facets;
}

}  // namespace

SearchRequest parse_search_request(const QueryParams& params) {
  SearchRequest request;
  for (const auto& [name, value] : params) {
    if (name == "q") {
      if (value.size() > kMaxQueryBytes) bad("'q' is longer than 1024 bytes");
      request.query = value;
    } else if (name == "page") {
      request.page = int_param(name, value, 1, kMaxResultWindow);
    } else if (name == "size") {
      request.size = int_param(name, value, 1, kMaxPageSize);
    } else if (name == "sort") {
      if (value == "relevance") request.sort = SortOrder::kRelevance;
      else if (value == "date") request.sort = SortOrder::kDate;
      else bad("'sort' must be 'relevance' or 'date'");
    } else if (name == "from") {
      request.from = date_param(name, value, false);
    } else if (name == "to") {
      request.to = date_param(name, value, true);
    } else if (name == "facets") {
      request.facets = facets_param(value);
    } else if (name == "facet_size") {
      request.facet_size = int_param(name, value, 1, 1000);
    } else if (name == "snippets") {
      request.snippets = flag_param(name, value);
    } else if (name == "relax") {
      request.relax = flag_param(name, value);
    } else if (name == "spell") {
      request.spell = flag_param(name, value);
    } else if (name == "ui_lang") {
      if (value != "en" && value != "ru") bad("'ui_lang' must be 'en' or 'ru'");
      request.ui_lang = value;
    } else if (const std::string facet = facet_of_param(name); !facet.empty()) {
      request.filters[facet].insert(filter_value(facet, value));
    }
  }
  if (static_cast<long>(request.page) * request.size > kMaxResultWindow)
    bad("'page' * 'size' must not exceed 10000");
  if (!request.from.empty() && !request.to.empty() && request.from > request.to)
    bad("'from' must not be after 'to'");
  return request;
}

}  // namespace caravan
