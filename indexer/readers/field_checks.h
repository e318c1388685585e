// Checks of the metadata an input record declares: each value is kept (normalized) or refused.
#pragma once

#include <string>
#include <string_view>

#include "indexer/readers/reader.h"

namespace caravan {

// A checked value: what to store ("" when refused) and, when refused, why ("bad date '...': ...").
struct CheckedField {
  std::string value;
  std::string problem;
};

// A date as parse_date() reads it, as "YYYY-MM-DD". A day that does not exist ("2021-02-29",
// "2021-13-01T08:00:00") and text that is not a date are refused.
CheckedField check_date(std::string_view date);

// The value, after reporting a refused one to the sink as a warning at `where` (the record is kept).
std::string kept_value(CheckedField checked, const std::string& where, const ReaderSink& sink);

}  // namespace caravan
