// Normalization tables and name skeletons: the same text gives the same terms at index and query time.
#include <doctest/doctest.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "core/normalize.h"
#include "core/transliteration.h"

using caravan::normalize_text;
using caravan::word_script;

TEST_CASE("normalize_text") {
  struct Row {
    const char* input;
    const char* expected;
  };
  SUBCASE("case folding in every script") {
    for (const Row& row : std::initializer_list<Row>{
             {"UNODC Meeting", "unodc meeting"},
             {"СОВЕЩАНИЕ", "совещание"},
             {"ҚАЗАҚСТАН", "қазақстан"},
             {"ΕΛΛΆΔΑ", "ελλάδα"},
             {"Straße", "strasse"},
             {"İstanbul", "istanbul"},
         })
      CHECK(normalize_text(row.input) == row.expected);
  }
  SUBCASE("Russian yo becomes ye") {
    CHECK(normalize_text("ещё Ёлка") == "еще елка");
  }
  SUBCASE("one apostrophe for Uzbek and Turkmen letters") {
    for (const char* input : {"o\u2018zbek", "o\u2019zbek", "o\u02BBzbek", "o\u02BCzbek", "o'zbek", "o`zbek"})
      CHECK(normalize_text(input) == "o'zbek");
    CHECK(normalize_text("G\u02BBALLA") == "g'alla");
  }
  SUBCASE("Kazakh, Uzbek and Tajik letters stay distinct") {
    CHECK(normalize_text("қ ң ү ұ ә ө ғ ҳ ӣ ӯ ҷ") == "қ ң ү ұ ә ө ғ ҳ ӣ ӯ ҷ");
    CHECK(normalize_text("Қ") != normalize_text("К"));
    CHECK(normalize_text("Ү") != normalize_text("У"));
  }
  SUBCASE("NFC composes decomposed letters") {
    CHECK(normalize_text("e\u0301") == "\u00e9");
    CHECK(normalize_text("\u0438\u0306") == "\u0439");  // й from и + breve
  }
  SUBCASE("ASCII text (a path without ICU) normalizes as it does next to other letters (through ICU)") {
    std::string ascii;
    for (int c = 0; c < 0x80; ++c) ascii += static_cast<char>(c);
    const std::string expected = normalize_text(ascii + "\u00e9");
    CHECK(normalize_text(ascii) + "\u00e9" == expected);
    CHECK(normalize_text("The UN's `Report` 2026") == "the un's 'report' 2026");
    CHECK(normalize_text("Kazakhstan \u041a\u0410\u0417") == "kazakhstan \u043a\u0430\u0437");
  }
  SUBCASE("invalid UTF-8 and empty text do not throw") {
    CHECK(normalize_text("") == "");
    CHECK_NOTHROW(normalize_text("abc\xff\xfe"));
  }
}

TEST_CASE("word_script") {
  CHECK(word_script("Kazakhstan") == "Latin");
  CHECK(word_script("Казахстан") == "Cyrillic");
  CHECK(word_script("2020") == "");
  CHECK(word_script("«Қазақстан»") == "Cyrillic");
  CHECK(word_script("Ελλάδα") == "Greek");
}

TEST_CASE("utf8_prefix never ends inside a character") {
  using caravan::utf8_prefix;
  CHECK(utf8_prefix("Kazakhstan", 5) == "Kazak");
  CHECK(utf8_prefix("Казахстан", 5) == "Ка");    // 2 bytes a letter: the third is not cut
  CHECK(utf8_prefix("Казахстан", 4) == "Ка");
  CHECK(utf8_prefix("a€b", 3) == "a");           // € is 3 bytes
  CHECK(utf8_prefix("a€b", 4) == "a€");
  CHECK(utf8_prefix("short", 100) == "short");
  CHECK(utf8_prefix("Ж", 1) == "");
}

TEST_CASE("name skeletons meet across scripts and romanizations") {
  const caravan::NameSkeleton skeleton;
  const auto key = [&](const char* word) { return skeleton(caravan::normalize_text(word)); };
  const auto stored = [&](const char* word) { return skeleton.variants(caravan::normalize_text(word)); };
  const auto meets = [&](const char* query, const char* indexed) {
    const auto keys = stored(indexed);
    return std::find(keys.begin(), keys.end(), key(query)) != keys.end();
  };
  for (const auto& [latin, cyrillic] : std::vector<std::pair<const char*, const char*>>{
           {"Alexei", "Алексей"}, {"Xenia", "Ксения"}, {"Maxim", "Максим"}, {"Tsoi", "Цой"}, {"Katz", "Кац"},
           {"Hussein", "Хусейн"}, {"Djibouti", "Джибути"}, {"Şahin", "Шахин"}, {"Shcherbakov", "Щербаков"},
           {"Scherbakov", "Щербаков"}, {"Fyodor", "Фёдор"}, {"Sergei", "Сергей"}, {"Yuri", "Юрий"},
           {"Tatiana", "Татьяна"}, {"Vasiliev", "Васильев"}, {"Əliyev", "Алиев"}, {"Çelik", "Челик"},
           {"Xalq", "Халк"}, {"Tashkent", "Ташкент"}, {"Miralizoda", "Мирализода"}, {"Clinton", "Клинтон"}}) {
    CAPTURE(latin);
    CHECK(meets(latin, cyrillic));
    CHECK(meets(cyrillic, latin));
  }
  CHECK(stored("Alexei").front() == key("Alexei"));  // the query's reading comes first
  CHECK(stored("Москва") != stored("Moscow"));          // an exonym is no transliteration
  CHECK(key("and").empty());                            // fewer than four letters
  CHECK(stored("Αθήνα").empty());                       // another script
}
