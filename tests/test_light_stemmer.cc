// Tests of the light stemmers for kk ky uz tg tk az (core/light_stemmer).
#include <doctest/doctest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "core/light_stemmer.h"

namespace {

struct StemCase {
  const char* lang;
  const char* word;
  const char* stem;
};

struct Family {
  const char* lang;
  std::vector<std::string> words;  // all must give the same stem
};

const std::vector<StemCase> kStems = {
    {"kk", "есірткінің", "есіртк"},     {"kk", "мемлекетіміз", "мемлекет"}, {"kk", "балалар", "бала"},
    {"kk", "қаласы", "қала"},           {"kk", "кітабы", "кітап"},          {"kk", "айтқан", "айт"},
    {"kk", "басқа", "басқа"},           {"ky", "өкмөттүн", "өкмөт"},        {"ky", "шаардагы", "шаар"},
    {"ky", "китеби", "китеп"},          {"ky", "мыйзамдар", "мыйзам"},      {"uz", "uchrashuvda", "uchrashuv"},
    {"uz", "uchrashuvlarida", "uchrashuv"}, {"uz", "vazirligi", "vazirlik"}, {"uz", "toshkentdagi", "toshkent"},
    {"uz", "hududi", "hudud"},          {"uz", "boshqa", "boshqa"},         {"uz", "bo'lgan", "bo'l"},
    {"uz-Cyrl", "учрашувда", "учрашув"}, {"uz-Cyrl", "тошкентдаги", "тошкент"},
    {"tg", "китобҳоро", "китоб"},       {"tg", "ҷумҳурии", "ҷумҳурӣ"},      {"tg", "кишварашон", "кишвар"},
    {"tg", "танҳо", "танҳо"},           {"tk", "döwletiň", "döwlet"},       {"tk", "kitaby", "kitap"},
    {"tk", "bolýar", "bol"},            {"tk-Cyrl", "дөвлетиң", "дөвлет"},  {"tk-Cyrl", "китабы", "китап"},
    {"az", "hökumətin", "hökumət"},     {"az", "uşağı", "uşaq"},            {"az", "bakıya", "bakı"},
    {"az", "məqsədi", "məqsəd"},        {"az-Cyrl", "һөкумәтин", "һөкумәт"}, {"az-Cyrl", "бакыја", "бакы"},
};

const std::vector<Family> kFamilies = {
    {"kk", {"есірткі", "есірткінің", "есірткіні", "есірткіге", "есірткіде", "есірткілер", "есірткісі"}},
    {"kk", {"аудан", "ауданы", "ауданда", "ауданның", "аудандар"}},
    {"kk-Latn", {"qazaqstan", "qazaqstanda", "qazaqstannyñ", "qazaqstannyń", "qazaqstanğa", "qazaqstanǵa"}},
    {"kk-Latn", {"memleket", "memleketter", "memleketterı", "memleketteri", "memleketterınıñ", "memleketteriniń"}},
    {"kk", {"қазақстан", "қазақстанда", "қазақстанның", "қазақстанға"}},
    {"ky", {"мамлекет", "мамлекеттин", "мамлекетке", "мамлекеттер", "мамлекети"}},
    {"uz", {"uchrashuv", "uchrashuvi", "uchrashuvda", "uchrashuvlar", "uchrashuvni", "uchrashuvning"}},
    {"uz", {"qonun", "qonuni", "qonunlar", "qonunga", "qonunni"}},
    {"uz", {"qil", "qildi", "qiladi", "qilgan"}},
    {"uz-Cyrl", {"учрашув", "учрашуви", "учрашувда", "учрашувлари"}},
    {"tg", {"сол", "соли", "солҳо", "солҳои"}},
    {"tg", {"ҷумҳурӣ", "ҷумҳурии", "ҷумҳуриро"}},
    {"tg", {"хонанда", "хонандагон", "хонандагони", "хонандагонро"}},
    {"tg", {"бача", "бачагон", "бачагони"}},
    {"tk", {"ýurt", "ýurduň", "ýurtda", "ýurdy", "ýurtlar"}},
    {"tk-Cyrl", {"шәхер", "шәхериң", "шәхерде", "шәхере", "шәхерлер"}},
    {"az", {"ölkə", "ölkənin", "ölkədə", "ölkəyə", "ölkələr", "ölkəsi"}},
    {"az-Cyrl", {"өлкә", "өлкәнин", "өлкәдә", "өлкәјә", "өлкәләр", "өлкәси"}},
};

const std::vector<StemCase> kApart = {  // pairs that must not conflate (stem field: 2nd word)
    {"kk", "министр", "министрлік"}, {"kk", "бас", "басқа"},   {"ky", "баш", "башка"},
    {"uz", "bosh", "boshqa"},       {"uz", "vazir", "vazirlik"}, {"uz", "o'zbek", "o'zbekiston"},
    {"tg", "тан", "танҳо"},         {"tk", "türkmen", "türkmenistan"}, {"az", "qanun", "qan"},
    {"az", "bala", "bal"},          {"tg", "ба", "баён"},
};

const std::vector<const char*> kLanguages = {"kk", "kk-Latn", "ky", "uz", "uz-Cyrl", "tg",
                                             "tk", "tk-Cyrl", "az", "az-Cyrl"};

}  // namespace

TEST_CASE("light stemmer: expected stems") {
  for (const auto& c : kStems) {
    caravan::LightStemmer stem(c.lang);
    CAPTURE(c.lang);
    CAPTURE(c.word);
    CHECK(stem(c.word) == c.stem);
  }
}

TEST_CASE("light stemmer: base and inflected forms give the same stem") {
  for (const auto& family : kFamilies) {
    caravan::LightStemmer stem(family.lang);
    const std::string expected = stem(family.words.front());
    for (const auto& word : family.words) {
      CAPTURE(family.lang);
      CAPTURE(word);
      CHECK(stem(word) == expected);
    }
  }
}

TEST_CASE("light stemmer: unrelated words stay apart") {
  for (const auto& c : kApart) {
    caravan::LightStemmer stem(c.lang);
    CAPTURE(c.word);
    CAPTURE(c.stem);
    CHECK(stem(c.word) != stem(c.stem));
  }
}

TEST_CASE("light stemmer: robustness") {
  SUBCASE("short words are unchanged") {
    for (const char* lang : kLanguages) {
      caravan::LightStemmer stem(lang);
      for (const char* word : {"da", "ни", "лар", "uy", "үй", "ҳо", "ал", "ýol", "ili"}) {
        CAPTURE(lang);
        CHECK(stem(word) == word);
      }
    }
  }
  SUBCASE("empty string") {
    for (const char* lang : kLanguages) CHECK(caravan::LightStemmer(lang)("") == "");
  }
  SUBCASE("non-letters") {
    for (const char* lang : kLanguages) {
      caravan::LightStemmer stem(lang);
      for (const char* word : {"2024", "12345678", "---", "''''", "a1b2c3d4", "2024-yilda"}) {
        CAPTURE(lang);
        CAPTURE(word);
        CHECK_NOTHROW(stem(word));
        CHECK_FALSE(stem(word).empty());
      }
    }
  }
  SUBCASE("invalid UTF-8 is returned as is") {
    const std::vector<std::string> bad = {"\xff\xfe", "abc\xc3", "\xd0\xbb\xd0", "\xe2\x82",
                                          "\xc0\xaf\xc0\xaf" "dalar", "\xed\xa0\x80" "lar"};
    for (const char* lang : kLanguages) {
      caravan::LightStemmer stem(lang);
      for (const auto& word : bad) CHECK(stem(word) == word);
      CHECK_NOTHROW(stem(std::string("qa\0dalar", 8)));
    }
  }
  SUBCASE("description names the language") {
    for (const char* lang : kLanguages)
      CHECK(caravan::LightStemmer(lang).get_description() == std::string("caravan_light_") + lang);
  }
}

TEST_CASE("light stemmer: works through Xapian::Stem and rejects unknown languages") {
  Xapian::Stem stem(new caravan::LightStemmer("uz"));
  CHECK(stem("uchrashuvlarida") == "uchrashuv");
  CHECK_THROWS_AS(caravan::LightStemmer("ru"), Xapian::InvalidArgumentError);
  CHECK_THROWS_AS(caravan::LightStemmer(""), Xapian::InvalidArgumentError);
  CHECK_THROWS_AS(caravan::LightStemmer("uz-Latn"), Xapian::InvalidArgumentError);
}
