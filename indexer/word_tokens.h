// Splits running text into words that keep their original spelling, for gazetteer matching.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace caravan {

struct WordToken {
  std::string original;    // as written (NFC), possessive "'s" removed: "UNODC's" -> "UNODC"
  std::string normalized;  // normalize_text(original)
  std::string script;      // ICU script name of its first letter ("Latin", "Cyrillic", ...)
  bool capitalized;        // first letter is upper case
  bool break_before;       // punctuation other than a hyphen stands between it and the word before
};

// Words are runs of letters, digits and marks, with apostrophes inside them; hyphens, spaces
// and line breaks separate words without breaking a multi-word name.
std::vector<WordToken> split_words(std::string_view text);

}  // namespace caravan
