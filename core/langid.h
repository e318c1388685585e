// Language identification of news text (script, letter and stopword profiles, and CLD2).
#pragma once
#include <string>
#include <string_view>
namespace caravan {
struct LanguageGuess { std::string lang; double confidence = 0; std::string method; };
// Returns a tag from core/languages.h's known_languages() ("en","ru","kk","kk-Latn","ky","uz","uz-Cyrl","tg","tk","tk-Cyrl","az","az-Cyrl","de",...), or "" when the text has no letters. Never throws; thread-safe.
LanguageGuess identify_language(std::string_view utf8_text);
}
