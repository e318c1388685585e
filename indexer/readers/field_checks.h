// Checks of the metadata an input record declares: each value is kept (normalized) or refused.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indexer/readers/reader.h"

namespace caravan {

// A checked value: what to store ("" when refused) and, when refused, why ("bad date '...': ...").
struct CheckedField {
  std::string value;
  std::string problem;
  std::string code;  // the problem's code: "bad_" and the field ("bad_date")
};

// An absolute http(s) URL with a host, trimmed, its scheme lower-cased ("HTTPS://x.org/a" ->
// "https://x.org/a"). Anything else is refused: "javascript:...", "data:...", relative paths,
// URLs with control bytes.
CheckedField check_url(std::string_view url);

// A date as parse_date() reads it, as "YYYY-MM-DD". A day that does not exist ("2021-02-29",
// "2021-13-01T08:00:00") and text that is not a date are refused.
CheckedField check_date(std::string_view date);

// A BCP 47-style tag of a language core/languages knows, trimmed: "ru", "EN", "uz-Cyrl",
// "en-GB". Other tags ("xx", "klingon", "en_US!") are refused: the language is then identified.
CheckedField check_language(std::string_view tag);

// An ISO 3166-1 alpha-2 code, trimmed and upper-cased: "kz" -> "KZ"; "Kazakhstan" is refused.
CheckedField check_country(std::string_view code);

// An organization id as gazetteers/organizations.tsv writes them, trimmed and upper-cased:
// [A-Z0-9_], 1 to 64 characters ("unodc" -> "UNODC", "KZ_MVD").
CheckedField check_organization(std::string_view id);

// The value, after reporting a refused one to the sink as a warning at `where` (the record is kept).
std::string kept_value(CheckedField checked, const std::string& where, const ReaderSink& sink);

// The values the check keeps, in order; each refused one reported as kept_value() does.
std::vector<std::string> kept_values(const std::vector<std::string>& values, CheckedField (*check)(std::string_view),
                                     const std::string& where, const ReaderSink& sink);

}  // namespace caravan
