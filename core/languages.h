// The table of languages Caravan knows: code, script and where its stemmer comes from.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace caravan {

enum class StemmerSource {
  kXapian,      // Xapian::Stem has it (Xapian 1.4.22)
  kLibstemmer,  // only Snowball 2.2's libstemmer has it (el, hi, sr, yi)
  kLight,       // no Snowball stemmer anywhere: Caravan's light suffix stripper (core/light_stemmer)
  kNone,        // indexed unstemmed
};

struct LanguageInfo {
  std::string_view code;          // BCP 47 tag as stored in the index: "ru", "uz", "uz-Cyrl"
  std::string_view english_name;  // also the Snowball algorithm name where there is one
  std::string_view script;        // ICU script name of its usual writing: "Latin", "Cyrillic", ...
  StemmerSource stemmer;
};

// Every language Caravan can index, in a fixed order (en and ru first).
const std::vector<LanguageInfo>& known_languages();

// The entry for a tag, or nullptr. Accepts "uz-Cyrl" as well as "uz"; case-insensitive.
const LanguageInfo* find_language(std::string_view code);

// The tag's base language: "uz-Cyrl" -> "uz".
std::string base_language(std::string_view code);

}  // namespace caravan
