// The language table: which stemmer and script each supported language has.
#include "core/languages.h"

#include <algorithm>
#include <cctype>

namespace caravan {

const std::vector<LanguageInfo>& known_languages() {
  using S = StemmerSource;
  static const std::vector<LanguageInfo> table = {
      {"en", "english", "Latin", S::kXapian},      {"ru", "russian", "Cyrillic", S::kXapian},
      {"kk", "kazakh", "Cyrillic", S::kLight},     {"kk-Latn", "kazakh", "Latin", S::kLight},
      {"ky", "kyrgyz", "Cyrillic", S::kLight},
      {"uz", "uzbek", "Latin", S::kLight},         {"uz-Cyrl", "uzbek", "Cyrillic", S::kLight},
      {"tg", "tajik", "Cyrillic", S::kLight},      {"tk", "turkmen", "Latin", S::kLight},
      {"tk-Cyrl", "turkmen", "Cyrillic", S::kLight}, {"az", "azerbaijani", "Latin", S::kLight},
      {"az-Cyrl", "azerbaijani", "Cyrillic", S::kLight},
      {"ar", "arabic", "Arabic", S::kXapian},      {"hy", "armenian", "Armenian", S::kXapian},
      {"eu", "basque", "Latin", S::kXapian},       {"ca", "catalan", "Latin", S::kXapian},
      {"da", "danish", "Latin", S::kXapian},       {"nl", "dutch", "Latin", S::kXapian},
      {"fi", "finnish", "Latin", S::kXapian},      {"fr", "french", "Latin", S::kXapian},
      {"de", "german", "Latin", S::kXapian},       {"hu", "hungarian", "Latin", S::kXapian},
      {"id", "indonesian", "Latin", S::kXapian},   {"ga", "irish", "Latin", S::kXapian},
      {"it", "italian", "Latin", S::kXapian},      {"lt", "lithuanian", "Latin", S::kXapian},
      {"ne", "nepali", "Devanagari", S::kXapian},  {"no", "norwegian", "Latin", S::kXapian},
      {"pt", "portuguese", "Latin", S::kXapian},   {"ro", "romanian", "Latin", S::kXapian},
      {"es", "spanish", "Latin", S::kXapian},      {"sv", "swedish", "Latin", S::kXapian},
      {"ta", "tamil", "Tamil", S::kXapian},        {"tr", "turkish", "Latin", S::kXapian},
      {"el", "greek", "Greek", S::kLibstemmer},    {"hi", "hindi", "Devanagari", S::kLibstemmer},
      {"sr", "serbian", "Cyrillic", S::kLibstemmer}, {"yi", "yiddish", "Hebrew", S::kLibstemmer},
  };
  return table;
}

namespace {
bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}
}  // namespace

const LanguageInfo* find_language(std::string_view code) {
  for (const auto& info : known_languages())
    if (iequals(info.code, code)) return &info;
  return nullptr;
}

std::string base_language(std::string_view code) {
  return std::string(code.substr(0, code.find('-')));
}

}  // namespace caravan
