// Language and month labels from ICU's locale data.
#include "core/labels.h"

#include <unicode/dtfmtsym.h>
#include <unicode/uchar.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <cctype>

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

std::string month_label(std::string_view year_month, std::string_view ui_lang) {
  if (year_month.size() != 7 || year_month[4] != '-' || !std::isdigit(static_cast<unsigned char>(year_month[5])))
    return std::string(year_month);
  const int month = std::stoi(std::string(year_month.substr(5, 2)));
  if (month < 1 || month > 12) return std::string(year_month);
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

}  // namespace caravan
