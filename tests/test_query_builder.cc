// Query parsing tables: {what the user typed, the Xapian query it becomes}.
#include <doctest/doctest.h>

#include "core/analyzer.h"
#include "core/gazetteer.h"
#include "searchd/entity_names.h"
#include "searchd/query_builder.h"
#include "searchd/search_request.h"
#include "searchd/api_error.h"
#include "tests/test_paths.h"

using namespace caravan;

namespace {
const Analyzer& analyzer() {
  static const Analyzer instance(test::stopwords_dir());
  return instance;
}
std::string describe(const std::string& input, const std::vector<std::string>& languages = {"en", "ru"}) {
  QueryBuilder builder(analyzer(), languages);
  return builder.parse(input).text.get_description();
}
}  // namespace

TEST_CASE("words become the synonyms of their stems in the index's languages of their script") {
  struct Row { const char* input; const char* expected; };
  for (const Row& row : std::initializer_list<Row>{
           {"meetings", "Query((Zmeet OR (meetings AND_NOT Zmeet)))"},
           {"Совещаниях", "Query((Zсовещан OR (совещаниях AND_NOT Zсовещан)))"},
           {"ещё", "Query((Zещ OR (еще AND_NOT Zещ)))"},
           {"2020", "Query(2020)"},
           {"meetings Совещаниях", "Query(((Zmeet OR (meetings AND_NOT Zmeet)) AND (Zсовещан OR (совещаниях AND_NOT Zсовещан))))"},
       })
    CHECK(describe(row.input) == row.expected);
  // With German in the index too, a Latin word also gets its German stem.
  CHECK(describe("meetings", {"de", "en", "ru"}) == "Query(((Zmeet SYNONYM Zmeeting) OR (meetings AND_NOT (Zmeet SYNONYM Zmeeting))))");
}

TEST_CASE("syntax: phrases, exclusion, OR, prefix, stopwords") {
  struct Row { const char* input; const char* expected; };
  for (const Row& row : std::initializer_list<Row>{
           {"\"working group\"", "Query((working PHRASE 2 group))"},
           {"drugs -heroin", "Query(((Zdrug OR (drugs AND_NOT Zdrug)) AND_NOT (Zheroin OR (heroin AND_NOT Zheroin))))"},
           {"kazakh OR uzbek", "Query(((Zkazakh OR (kazakh AND_NOT Zkazakh)) OR (Zuzbek OR (uzbek AND_NOT Zuzbek))))"},
           {"precur*", "Query(WILDCARD SYNONYM precur)"},
           {"the meeting", "Query((Zmeet OR (meeting AND_NOT Zmeet)))"},
           {"the", "Query((Zthe OR (the AND_NOT Zthe)))"},
           {"covid-19", "Query((covid PHRASE 2 19))"},
           {"title:meetings", "Query((ZSmeet OR (Smeetings AND_NOT ZSmeet)))"},
           {"", "Query(<alldocuments>)"},
           {"-heroin", "Query((<alldocuments> AND_NOT (Zheroin OR (heroin AND_NOT Zheroin))))"},
           {"country:KZ", "Query(<alldocuments>)"},
           {"!!!", "Query()"},        // typed, but nothing to look for: nothing, not everything
           {"!!! ...", "Query()"},
           {"!!! meeting", "Query((Zmeet OR (meeting AND_NOT Zmeet)))"},
       })
    CHECK_MESSAGE(describe(row.input) == row.expected, row.input);
}

TEST_CASE("initialisms that name nothing are dropped beside other words; country initialisms stay") {
  static const Gazetteers gazetteers = Gazetteers::load(test::gazetteers_dir());
  static const EntityNames names(gazetteers, analyzer());
  const auto parse = [](const std::string& input) {
    QueryBuilder builder(analyzer(), {"en", "ru"}, nullptr, nullptr, &names);
    return builder.parse(input);
  };
  for (const char* input : {"retrieval, e.g. group theory", "heroin i.e. opiates", "героин, т.е. опиаты", "маки и т.д."}) {
    const std::string text = parse(input).text.get_description();
    CHECK_MESSAGE(text.find("PHRASE") == std::string::npos, input, " ", text);
    CHECK_MESSAGE(parse(input).content_words >= 1, input);
  }
  // A name written as an initialism is a word of the query, in both scripts.
  CHECK(parse("U.S. sanctions").text.get_description().find("(u PHRASE 2 s)") != std::string::npos);
  CHECK(parse("U.K. customs").text.get_description().find("(u PHRASE 2 k)") != std::string::npos);
  CHECK(parse("С.Ш.А. санкции").text.get_description().find("(с PHRASE 3 ш PHRASE 3 а)") != std::string::npos);
  // Alone, or quoted, an initialism is still looked for.
  CHECK(parse("e.g.").text.get_description() == "Query((e PHRASE 2 g))");
  CHECK(parse("\"e.g.\" theory").text.get_description().find("(e PHRASE 2 g)") != std::string::npos);
}

TEST_CASE("field filters are taken out of the text") {
  QueryBuilder builder(analyzer(), {"en"});
  const auto parsed = builder.parse("drugs country:kz org:unodc lang:ru year:2020 date:2020-10..2020-11");
  CHECK(parsed.text.get_description() == "Query((Zdrug OR (drugs AND_NOT Zdrug)))");
  CHECK(parsed.filters.at("country") == std::set<std::string>{"KZ"});
  CHECK(parsed.filters.at("organization") == std::set<std::string>{"UNODC"});
  CHECK(parsed.filters.at("lang") == std::set<std::string>{"ru"});
  CHECK(parsed.filters.at("year") == std::set<std::string>{"2020"});
  CHECK(parsed.from == "2020-10-01");
  CHECK(parsed.to == "2020-11-30");
  const auto unknown = builder.parse("http://example.org country:Kazakhstan");
  CHECK(unknown.filters.empty());
}

TEST_CASE("date fields: days that do not exist are a bad parameter, not an empty result") {
  QueryBuilder builder(analyzer(), {"en", "ru"});
  const auto leap = builder.parse("совещание date:2020-02");
  CHECK(leap.from == "2020-02-01");
  CHECK(leap.to == "2020-02-29");
  CHECK(builder.parse("meeting date:2024-02-29").to == "2024-02-29");
  CHECK(builder.parse("from:2021-02").to.empty());
  for (const char* input : {"meeting date:2020-02-30", "совещание date:2021-13-01", "date:2019-02-29",
                            "date:2020-01..2020-13", "from:2021-04-31", "to:2021-00", "month:2020-13"})
    CHECK_THROWS_AS_MESSAGE(builder.parse(input), ApiError, input);
  CHECK_THROWS_WITH(builder.parse("date:2019-02-29"), "'q' has a date that does not exist: '2019-02-29'");
  CHECK(builder.parse("date:tomorrow").filters.empty());  // not a date at all: a plain word
}

TEST_CASE("malformed syntax degrades, never throws") {
  for (const char* input : {"\"unclosed phrase", "((((", "OR OR", "-", "--x", "a:", ":b", "*", "\xff\xfe", "NOT"})
    CHECK_NOTHROW(describe(input));
}

TEST_CASE("search request validation") {
  const auto request = parse_search_request({{"q", "x"}, {"page", "2"}, {"size", "20"}, {"country", "kz"},
                                             {"country", "UZ"}, {"org", "unodc"}, {"from", "2020"}, {"to", "2020-06"}});
  CHECK(request.page == 2);
  CHECK(request.filters.at("country") == std::set<std::string>{"KZ", "UZ"});
  CHECK(request.filters.at("organization") == std::set<std::string>{"UNODC"});
  CHECK(request.from == "2020-01-01");
  CHECK(request.to == "2020-06-30");
  CHECK(parse_search_request({{"from", "2020-02-29"}, {"to", "2024-02"}}).to == "2024-02-29");
  struct Row { const char* name; const char* value; const char* message; };
  for (const Row& row : std::initializer_list<Row>{
           {"size", "0", "'size' must be between 1 and 100"},
           {"page", "x", "'page' must be a whole number, got 'x'"},
           {"sort", "new", "'sort' must be 'relevance' or 'date'"},
           {"from", "yesterday", "'from' must be a date YYYY-MM-DD (or YYYY, YYYY-MM), got 'yesterday'"},
           {"from", "2020-02-30", "'from' must be a day that exists, got '2020-02-30'"},
           {"to", "2021-13-01", "'to' must be a day that exists, got '2021-13-01'"},
           {"from", "2019-02-29", "'from' must be a day that exists, got '2019-02-29'"},
           {"to", "2021-00", "'to' must be a day that exists, got '2021-00'"},
           {"month", "2020-13", "'month' must be a month that exists, got '2020-13'"},
           {"facets", "color", "'facets' has an unknown facet 'color'"},
       })
    CHECK_THROWS_WITH_AS(parse_search_request({{row.name, row.value}}), row.message, ApiError);
  CHECK_THROWS_AS(parse_search_request({{"page", "101"}, {"size", "100"}}), ApiError);
}

TEST_CASE("random syntax soup never throws") {
  const std::vector<std::string> pieces = {"\"", "-", "+", "(", ")", "*", ":", " ", "OR", "AND", "NOT", "title:",
                                           "country:", "date:", "..", "2020", "kz", "совещание", "ё", "o‘z", "\xff",
                                           "meetings", "the", "||", "&&", "\t", "ЦАРИКЦ", "УНП ООН", "-\"a b\""};
  QueryBuilder builder(analyzer(), {"en", "ru", "kk", "uz"});
  unsigned seed = 12345;
  for (int i = 0; i < 3000; ++i) {
    std::string input;
    const int length = 1 + static_cast<int>((seed = seed * 1103515245 + 12345) % 12);
    for (int k = 0; k < length; ++k) input += pieces[(seed = seed * 1103515245 + 12345) % pieces.size()];
    CHECK_NOTHROW(builder.parse(input));
  }
}
