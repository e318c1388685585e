// Language and month labels from ICU's locale data.
#include "core/labels.h"

#include <unicode/dtfmtsym.h>
#include <unicode/uchar.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <cctype>

#include "core/languages.h"

namespace caravan {
namespace {

// Labels stand alone in lists: "русский" -> "Русский", "октябрь" -> "Октябрь".
void capitalize_first(icu::UnicodeString& text) {
  if (text.length() > 0) text.replace(0, 1, static_cast<UChar>(u_toupper(text.charAt(0))));
}

}  // namespace

std::string language_label(std::string_view code, std::string_view ui_lang) {
  if (code.empty() || code == "und") return std::string(code);
  const icu::Locale display(std::string(ui_lang).c_str());
  std::string tag(code);
  for (auto& c : tag) if (c == '-') c = '_';
  const icu::Locale locale(tag.c_str());
  icu::UnicodeString name;
  locale.getDisplayName(display, name);
  capitalize_first(name);
  std::string out;
  name.toUTF8String(out);
  return out.empty() ? std::string(code) : out;
}

namespace {

// 1..12 for a "YYYY-MM" value, else 0.
int month_of(std::string_view year_month) {
  if (year_month.size() != 7 || year_month[4] != '-') return 0;
  for (size_t i : {0, 1, 2, 3, 5, 6})
    if (!std::isdigit(static_cast<unsigned char>(year_month[i]))) return 0;
  const int month = (year_month[5] - '0') * 10 + (year_month[6] - '0');
  return month >= 1 && month <= 12 ? month : 0;
}

}  // namespace

std::string month_label(std::string_view year_month, std::string_view ui_lang) {
  const int month = month_of(year_month);
  if (!month) return std::string(year_month);
  UErrorCode status = U_ZERO_ERROR;
  icu::DateFormatSymbols symbols(icu::Locale(std::string(ui_lang).c_str()), status);
  if (U_FAILURE(status)) return std::string(year_month);
  int32_t count = 0;
  const icu::UnicodeString* names =
      symbols.getMonths(count, icu::DateFormatSymbols::STANDALONE, icu::DateFormatSymbols::WIDE);
  if (!names || month > count) return std::string(year_month);
  icu::UnicodeString name = names[month - 1];
  capitalize_first(name);
  std::string out;
  name.toUTF8String(out);
  return out + " " + std::string(year_month.substr(0, 4));
}

LabelBook::LabelBook(const std::vector<std::string>& ui_langs) {
  for (const auto& ui_lang : ui_langs) {
    auto& names = months_[ui_lang];
    for (int month = 1; month <= 12; ++month) {
      const std::string label = month_label("2000-" + std::string(month < 10 ? "0" : "") + std::to_string(month), ui_lang);
      names.push_back(label.substr(0, label.size() - 5));  // without " 2000"
    }
    for (const auto& info : known_languages())
      languages_.emplace(ui_lang + " " + std::string(info.code), language_label(info.code, ui_lang));
  }
}

std::string LabelBook::language(std::string_view code, std::string_view ui_lang) const {
  auto it = languages_.find(std::string(ui_lang) + " " + std::string(code));
  return it != languages_.end() ? it->second : language_label(code, ui_lang);
}

std::string LabelBook::month(std::string_view year_month, std::string_view ui_lang) const {
  const int month = month_of(year_month);
  auto it = months_.find(ui_lang);
  if (!month || it == months_.end()) return month_label(year_month, ui_lang);
  return it->second[static_cast<size_t>(month - 1)] + " " + std::string(year_month.substr(0, 4));
}

}  // namespace caravan
