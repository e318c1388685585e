// Display labels for facet values that are not in the gazetteers: languages and months.
#pragma once

#include <string>
#include <string_view>

namespace caravan {

// "ru" in ui_lang "en" -> "Russian"; in "ru" -> "Русский"; "uz-Cyrl" -> "Uzbek (Cyrillic)".
// Unknown codes come back unchanged.
std::string language_label(std::string_view code, std::string_view ui_lang);

// "2020-10" in "en" -> "October 2020"; in "ru" -> "Октябрь 2020". Anything else unchanged.
std::string month_label(std::string_view year_month, std::string_view ui_lang);

}  // namespace caravan
