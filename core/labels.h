// Display labels for facet values that are not in the gazetteers: languages and months.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace caravan {

// "ru" in ui_lang "en" -> "Russian"; in "ru" -> "Русский"; "uz-Cyrl" -> "Uzbek (Cyrillic)".
// Unknown codes come back unchanged.
std::string language_label(std::string_view code, std::string_view ui_lang);

// "2020-10" in "en" -> "October 2020"; in "ru" -> "Октябрь 2020". Anything else unchanged.
std::string month_label(std::string_view year_month, std::string_view ui_lang);

// The two functions above computed once per UI language: searchd labels every month of the
// histogram on every request, and ICU's DateFormatSymbols cost a third of a query's time.
class LabelBook {
 public:
  explicit LabelBook(const std::vector<std::string>& ui_langs);

  std::string language(std::string_view code, std::string_view ui_lang) const;
  std::string month(std::string_view year_month, std::string_view ui_lang) const;

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> months_;  // ui_lang -> 12 names
  std::map<std::string, std::string, std::less<>> languages_;            // "ui_lang code" -> label
};

}  // namespace caravan
