// Stemming and stopword tables for English and Russian, and the libstemmer-only languages.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/analyzer.h"
#include "core/normalize.h"
#include "tests/test_paths.h"

using caravan::Analyzer;

namespace {
const Analyzer& analyzer() {
  static const Analyzer instance(caravan::test::stopwords_dir());
  return instance;
}
std::string stem(const char* lang, const char* word) {
  return analyzer().make_stemmer(lang)(caravan::normalize_text(word));
}
}  // namespace

TEST_CASE("English stems") {
  struct Row { const char* word; const char* stem; };
  for (const Row& row : std::initializer_list<Row>{
           {"meetings", "meet"}, {"meeting", "meet"}, {"precursors", "precursor"},
           {"trafficking", "traffick"}, {"seizures", "seizur"}, {"Kazakhstan's", "kazakhstan"}})
    CHECK_MESSAGE(stem("en", row.word) == row.stem, row.word);
}

TEST_CASE("Russian stems conflate case forms") {
  const std::string meeting = stem("ru", "совещание");
  for (const char* form : {"совещании", "совещания", "совещаниях", "совещаний", "Совещанием"})
    CHECK_MESSAGE(stem("ru", form) == meeting, form);
  const std::string drugs = stem("ru", "наркотики");
  for (const char* form : {"наркотиков", "наркотикам", "наркотиками"}) CHECK_MESSAGE(stem("ru", form) == drugs, form);
  CHECK(stem("ru", "её") == stem("ru", "ее"));
}

TEST_CASE("stemmers from libstemmer for languages Xapian 1.4 lacks") {
  CHECK(stem("el", "αστυνομίας") != "αστυνομίας");
  CHECK(analyzer().make_stemmer("el").get_description() == "Xapian::Stem(libstemmer:greek)");
  CHECK_FALSE(stem("hi", "पुलिस").empty());
}

TEST_CASE("unknown languages are not stemmed") {
  CHECK(stem("xx", "meetings") == "meetings");
}

TEST_CASE("stopwords per language") {
  struct Row { const char* lang; const char* word; bool stop; };
  for (const Row& row : std::initializer_list<Row>{
           {"en", "the", true}, {"en", "and", true}, {"en", "meeting", false}, {"en", "drugs", false},
           {"ru", "и", true}, {"ru", "в", true}, {"ru", "ее", true}, {"ru", "совещание", false}, {"ru", "наркотики", false}})
    CHECK_MESSAGE(analyzer().is_stopword(row.lang, caravan::normalize_text(row.word)) == row.stop,
                  row.lang << " " << row.word);
}

TEST_CASE("stopwords of every region language and the main Snowball ones") {
  struct Row { const char* lang; const char* stop; const char* content; };
  for (const Row& row : std::initializer_list<Row>{
           {"kk", "және", "есірткі"}, {"ky", "жана", "баңгизат"}, {"uz", "va", "giyohvand"},
           {"uz-Cyrl", "ва", "гиёҳванд"}, {"tg", "ва", "маводи"}, {"tk", "we", "serhet"},
           {"az", "və", "narkotik"}, {"de", "und", "Grenze"}, {"fr", "le", "frontière"},
           {"es", "el", "frontera"}, {"it", "il", "confine"}, {"tr", "ve", "sınır"},
           {"pt", "os", "fronteira"}, {"nl", "het", "grens"}}) {
    CHECK_MESSAGE(analyzer().is_stopword(row.lang, caravan::normalize_text(row.stop)), row.lang << " " << row.stop);
    CHECK_MESSAGE(!analyzer().is_stopword(row.lang, caravan::normalize_text(row.content)), row.lang << " " << row.content);
  }
}
