// Snippets and marked titles (searchd/snippets.h): the window, the marks, and agreement with MSet::snippet.
#include <doctest/doctest.h>

#include <random>
#include <regex>

#include "core/analyzer.h"
#include "core/normalize.h"
#include "searchd/query_builder.h"
#include "searchd/snippets.h"
#include "tests/test_paths.h"

using namespace caravan;

namespace {

const std::vector<std::string> kLanguages = {"en", "ru", "kk", "ky", "uz", "tg", "tk", "az"};

const Analyzer& analyzer() {
  static const Analyzer instance{test::stopwords_dir()};
  return instance;
}

ParsedQuery parsed(const std::string& query) {
  QueryBuilder builder(analyzer(), kLanguages);
  return builder.parse(query);
}

std::string snippet(const std::string& query, const std::string& text, const std::string& lang, size_t length = 240) {
  return SnippetMaker(parsed(query)).snippet(text, length, analyzer().make_stemmer(lang));
}

std::string marked(const std::string& query, const std::string& text, const std::string& lang) {
  return SnippetMaker(parsed(query)).marked(text, analyzer().make_stemmer(lang));
}

// The marked texts, one "[...]" each.
std::string marks_of(const std::string& html) {
  std::string marks;
  const std::regex mark("<mark>(.*?)</mark>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), mark); it != std::sregex_iterator(); ++it)
    marks += "[" + (*it)[1].str() + "]";
  return marks;
}

// What Xapian's MSet::snippet marks in the whole text, the text indexed as the indexer does.
std::string xapian_marks(const std::string& query, const std::string& text, const std::string& lang) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::TermGenerator generator;
  generator.set_stemmer(analyzer().make_stemmer(lang));
  Xapian::Document doc;
  generator.set_document(doc);
  generator.index_text(normalize_text(text));
  db.add_document(doc);
  Xapian::Enquire enquire(db);
  enquire.set_query(parsed(query).text);
  const Xapian::MSet mset = enquire.get_mset(0, 10);
  return marks_of(mset.snippet(text, text.size() + 16, analyzer().make_stemmer(lang), Xapian::MSet::SNIPPET_EXHAUSTIVE,
                               "<mark>", "</mark>", "…"));
}

}  // namespace

TEST_CASE("snippets mark what MSet::snippet marks, in every index language") {
  struct Case {
    std::string lang, query, text;
    std::string better = "";  // what is marked where MSet::snippet misses words it does not normalize
  };
  const std::vector<Case> cases = {
      {"en", "border guards seized", "Border guards seized heroin; a guard said the border was closed after the seizures."},
      {"en", "narcotics trafficking", "Trafficking of narcotics: the traffickers' narcotic routes and NARCOTICS units."},
      {"en", "U.N. office", "The U.N. offices in Vienna, an officer of the UN and the office's staff."},
      {"ru", "пограничники задержали героин", "Пограничники задержали партию героина; пограничник сказал, что героин задержан."},
      {"ru", "Казахстан граница", "На границе Казахстана и Узбекистана, в Казахстане у границ, КАЗАХСТАН."},
      {"ru", "ёлка", "Ёлка и ёлки, елка и елки.", "[Ёлка][ёлки][елка][елки]"},
      {"kk", "Қазақстан шекара", "Қазақстан шекарасында, Қазақстанның шекаралары туралы."},
      {"ky", "Кыргызстан чек ара", "Кыргызстандын чек арасында Кыргызстан чек ара кызматы."},
      {"uz", "chegara Oʻzbekiston", "Oʻzbekiston chegarasida, chegaralar va Oʻzbekistonning chegara xizmati.",
       "[Oʻzbekiston][chegarasida][chegaralar][Oʻzbekistonning][chegara]"},
      {"uz", "O‘zbekiston", "O‘zbekiston va Oʻzbekistonda.", "[O‘zbekiston][Oʻzbekistonda]"},
      {"tg", "Тоҷикистон сарҳад", "Сарҳади Тоҷикистон ва сарҳадҳои Тоҷикистонро посбонон."},
      {"tk", "Türkmenistan serhet", "Türkmenistanyň serhetinde, serhetçiler we Türkmenistan."},
      {"az", "Azərbaycan sərhəd", "Azərbaycanın sərhədində, sərhədçilər və Azərbaycan."},
  };
  for (const Case& c : cases) {
    CAPTURE(c.lang);
    CAPTURE(c.query);
    const std::string expected = c.better.empty() ? xapian_marks(c.query, c.text, c.lang) : c.better;
    CHECK_FALSE(expected.empty());
    CHECK(marks_of(marked(c.query, c.text, c.lang)) == expected);
    CHECK(marks_of(snippet(c.query, c.text, c.lang)) == expected);
  }
}

TEST_CASE("a marked title is the whole title, escaped") {
  CHECK(marked("heroin", "«Heroin» & <b>more</b> (2024)", "en") ==
        "«<mark>Heroin</mark>» &amp; &lt;b&gt;more&lt;/b&gt; (2024)");
  CHECK(marked("героин", "Героин: \"изъят\"", "ru") == "<mark>Героин</mark>: \"изъят\"");
  CHECK(marked("heroin", "Nothing here", "en") == "Nothing here");
}

TEST_CASE("the window with the most query concepts, the earliest of equals") {
  std::string filler_en, filler_ru;
  for (int i = 0; i < 12; ++i) filler_en += "Officials met again in the capital to discuss the budget. ";
  for (int i = 0; i < 12; ++i) filler_ru += "Чиновники снова встретились в столице, чтобы обсудить бюджет. ";
  SUBCASE("English") {
    const std::string text = "Heroin was found. " + filler_en + "Police seized heroin at the border. " + filler_en;
    const std::string got = snippet("seized heroin", text, "en");
    // As MSet::snippet: from the window's first match, "…" as it cuts a sentence.
    CHECK(got.starts_with("…<mark>seized</mark> <mark>heroin</mark> at the border. Officials"));
    CHECK(got.ends_with("…"));
    CHECK(got.size() < 300);
    // One concept only: its first occurrence, at the start of the text, with no ellipsis.
    CHECK(snippet("heroin", text, "en").starts_with("<mark>Heroin</mark> was found. Officials"));
  }
  SUBCASE("Russian") {
    const std::string text = "Героин нашли. " + filler_ru + "Полиция изъяла героин на границе. " + filler_ru;
    const std::string got = snippet("изъяли героина", text, "ru");
    CHECK(got.starts_with("…<mark>изъяла</mark> <mark>героин</mark> на границе. Чиновники"));
    CHECK(got.ends_with("…"));
  }
  SUBCASE("no match: the beginning of the text") {
    const std::string got = snippet("opium", filler_en, "en");
    CHECK(got.starts_with("Officials met again"));
    CHECK(got.ends_with("budget."));  // a window that ends a sentence keeps its full stop
    CHECK(marks_of(got).empty());
    CHECK(snippet("", filler_en, "en") == got);  // no words at all: the same
  }
  SUBCASE("a match near the end: the window ends with the text") {
    const std::string text = filler_en + "Heroin was seized.";
    const std::string got = snippet("heroin", text, "en");
    CHECK(got.ends_with("<mark>Heroin</mark> was seized."));
    CHECK(got.starts_with("…"));
    CHECK(got.size() > 200);
  }
  SUBCASE("a window after a full stop has no ellipsis, one in mid-sentence has") {
    const std::string after_stop = snippet("police", filler_en + "Police came. " + filler_en, "en");
    CHECK(after_stop.starts_with("<mark>Police</mark> came."));
    const std::string mid = snippet("police", filler_en + "Then police came. " + filler_en, "en");
    CHECK(mid.starts_with("…<mark>police</mark> came."));
  }
}

TEST_CASE("phrases are marked whole, wildcards by their prefix") {
  const std::string en = "The border was calm. Border guards and guards of the border met.";
  CHECK(marks_of(marked("\"border guards\"", en, "en")) == "[Border guards]");
  CHECK(marks_of(marked("narco*", "Narcotics and narcology, not cocaine.", "en")) ==
        "[Narcotics][narcology]");
  CHECK(marks_of(marked("нарко*", "Наркотики и наркокурьеры, не кокаин.", "ru")) ==
        "[Наркотики][наркокурьеры]");
  CHECK(marks_of(marked("\"пограничные войска\"", "Пограничные войска и войска пограничные.", "ru")) ==
        "[Пограничные войска]");
}

TEST_CASE("snippets are HTML-escaped") {
  std::string text = "Heroin <script>alert(1)</script> & \"quotes\" ";
  while (text.size() < 400) text += "Қазақстан ";
  const std::string got = snippet("heroin", text, "en");
  CHECK(got.starts_with("<mark>Heroin</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"quotes\""));
  CHECK(got.find("<script>") == std::string::npos);
  std::string punctuation(500, '-');
  CHECK(snippet("heroin", punctuation, "en").size() <= 240 + std::string("…").size());
}

TEST_CASE("snippets of any bytes: no crash, escaped, at most about the length asked") {
  std::mt19937 random(20261201);
  const std::vector<std::string> pieces = {"heroin ", "Героин ", "U.N. ", "C++ ", "o‘zbek ", "\xff", "\xd0", "&", "<", ">",
                                           ". ", "!? ", "\xe2\x80\x8b", "ёлка", "Қазақстан", "  ", "\n", "'", "123.45 "};
  const std::vector<std::string> queries = {"heroin", "героин ёлка", "\"u n\"", "қаз*", "c++", ""};
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int n = static_cast<int>(random() % 200);
    for (int i = 0; i < n; ++i) text += pieces[random() % pieces.size()];
    const std::string& query = queries[round % queries.size()];
    CAPTURE(text);
    CAPTURE(query);
    const std::string got = snippet(query, text, round % 2 ? "ru" : "en");
    const std::string stripped = std::regex_replace(got, std::regex("</?mark>"), "");
    CHECK(stripped.find('<') == std::string::npos);
    CHECK(stripped.find('>') == std::string::npos);
    CHECK(stripped.size() <= 240 * 5 + 2 * std::string("…").size());  // & escaped as &amp; at worst
    // A marked title is the whole text, nothing lost: unmarked and unescaped, the text less its outer spaces.
    std::string title = std::regex_replace(marked(query, text, "kk"), std::regex("</?mark>"), "");
    title = std::regex_replace(title, std::regex("&lt;"), "<");
    title = std::regex_replace(title, std::regex("&gt;"), ">");
    title = std::regex_replace(title, std::regex("&amp;"), "&");
    const size_t begin = text.find_first_not_of(" \n"), end = text.find_last_not_of(" \n");
    CHECK(title == (begin == std::string::npos ? "" : text.substr(begin, end - begin + 1)));
  }
}
