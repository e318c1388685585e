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
  bool sentence_start = false;  // the text's first word, or after . ! ? … or a line break
  bool upper_case = false;      // written like an acronym (looks_like_acronym): "ИРА", "UNODC"
  bool next_to_currency = false;  // a currency sign touches it: "US$", "$US"
  bool hyphen_after = false;  // a bare hyphen joins it to the next word ("афгано-таджикской")
  // Only the full stop of a dotted abbreviation and spaces stand before it ("U.S. Department"):
  // break_before and sentence_start are set, as the stop may end a sentence, but a name may
  // run across it.
  bool after_abbreviation = false;
  // An acronym with a case ending glued on or after an apostrophe, as the Turkic languages
  // write them ("ЕККУнун", "BMTning", "NATO'nun"): the acronym alone ("ЕККУ"), else empty.
  std::string acronym;
  std::string acronym_normalized;  // normalize_text(acronym)
};

// Words are runs of letters, digits and marks, with apostrophes inside them; hyphens, spaces
// and line breaks separate words without breaking a multi-word name. A short lower-case word
// joined by a bare hyphen to an acronym is its case ending ("БҰҰ-ның", "ЕҚЫҰ-ға", "ООН-а") and
// is dropped, so that "БҰҰ-ның Есірткі ... басқармасы" reads as the name "БҰҰ Есірткі ...".
std::vector<WordToken> split_words(std::string_view text);

// True for an acronym-like word: at least two letters, at least two upper-case ones, and no
// more lower-case than upper-case letters ("UNODC", "ShHT", "YeXHT", "KXShT").
bool looks_like_acronym(std::string_view word);

}  // namespace caravan
