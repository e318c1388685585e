// Text normalization applied identically before indexing and before query parsing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace caravan {

// Unicode NFC, full case folding, Russian ё->е, one form (ASCII ') for the apostrophe-like
// letters of Uzbek and Turkmen Latin (‘ ’ ʻ ʼ ` ´), and İ->i without a stray combining dot.
// Letters such as қ ң ү ұ ә ө ғ ҳ ӣ ӯ ҷ stay distinct. Invalid UTF-8 is replaced, never thrown.
std::string normalize_text(std::string_view utf8);

// The Unicode script of the first letter of a word, as a short name: "Latin", "Cyrillic",
// "Greek", "Arabic", ... or "" when the word has no letter.
std::string word_script(std::string_view utf8_word);

// The number of code points in UTF-8 text (continuation bytes are not counted).
size_t code_point_count(std::string_view utf8);

// UTF-8 text without its last n code points; "" when it has no more than n.
std::string without_last_letters(const std::string& utf8, size_t n);

// The longest prefix of UTF-8 text of at most max_bytes that does not end inside a character.
std::string_view utf8_prefix(std::string_view utf8, size_t max_bytes);

}  // namespace caravan
