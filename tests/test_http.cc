// HTTP tests against the real caravan-indexer and caravan-searchd binaries on a loopback port.
#include <doctest/doctest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "tests/search_server.h"

using nlohmann::json;
using namespace caravan::test;


TEST_CASE("healthz and stats") {
  const auto health = get_json("/healthz");
  CHECK(health["status"] == "ok");
  CHECK(health["documents"] == 27);
  const auto stats = get_json("/api/stats");
  const json languages = {{"en", 12}, {"ru", 4}, {"kk", 4}, {"uz", 3}, {"ky", 2}, {"tg", 2}};
  CHECK(stats["languages"] == languages);
}

TEST_CASE("search returns the documented shape") {
  const auto result = get_json("/api/search?q=meeting&size=5");
  for (const char* key : {"query", "corrected", "total", "exact", "page", "size", "took_ms", "hits", "facets"})
    CHECK_MESSAGE(result.contains(key), key);
  CHECK(result["exact"] == true);
  REQUIRE(result["hits"].size() >= 2);
  const auto& hit = result["hits"][0];
  for (const char* key : {"id", "url", "title", "date", "lang", "snippet", "countries", "organizations", "score"})
    CHECK_MESSAGE(hit.contains(key), key);
  for (const char* facet : {"country", "organization", "year", "month", "lang"})
    CHECK_MESSAGE(result["facets"].contains(facet), facet);
  CHECK(ids(result).count("en-1"));
}

TEST_CASE("Kazakh and Uzbek base forms find their inflected forms") {
  // есірткі: "есірткі бизнесіне", "Есірткінің", "есірткіні" in Kazakh items
  const auto kazakh = get_json("/api/search?q=%D0%B5%D1%81%D1%96%D1%80%D1%82%D0%BA%D1%96");
  for (const char* id : {"kk-demo-001", "kk-demo-002", "kk-demo-003"}) CHECK_MESSAGE(ids(kazakh).count(id), id);
  for (const auto& hit : kazakh["hits"]) CHECK(hit["lang"] == "kk");
  // uchrashuv: "uchrashuv", "Uchrashuvda"; chegara: "chegarasida"
  CHECK(ids(get_json("/api/search?q=uchrashuv")).count("uz-demo-001"));
  CHECK(ids(get_json("/api/search?q=chegara")).count("uz-demo-003"));
  CHECK(ids(get_json("/api/search?q=uchrashuv&lang=kk")).empty());
}

TEST_CASE("a Latin name finds its Cyrillic spelling, ranked below same-script matches") {
  const auto result = get_json("/api/search?q=Tashkent");
  const auto found = ids(result);
  CHECK(found.count("en-1"));  // "Tashkent"
  CHECK(found.count("ru-1"));  // "в Ташкенте"
  REQUIRE(result["hits"].size() >= 2);
  CHECK(result["hits"][0]["lang"] == "en");
  const auto back = get_json("/api/search?q=%D0%A2%D0%B0%D1%88%D0%BA%D0%B5%D0%BD%D1%82");  // Ташкент
  CHECK(ids(back).count("en-1"));
  CHECK(ids(back).count("ru-1"));
}

TEST_CASE("inflected Russian query over HTTP") {
  const auto result = get_json("/api/search?q=%D1%81%D0%BE%D0%B2%D0%B5%D1%89%D0%B0%D0%BD%D0%B8%D1%8F%D1%85");  // совещаниях
  CHECK(ids(result) == std::set<std::string>{"ru-1", "ru-4"});
}

TEST_CASE("organization names are synonyms across languages") {
  const auto latin = get_json("/api/search?q=UNODC&size=100");
  CHECK(ids(latin).count("ru-2"));  // says "УНП ООН"
  CHECK(ids(latin).count("en-1"));  // says "UNODC"
  const auto cyrillic = get_json("/api/search?q=%D0%A3%D0%9D%D0%9F%20%D0%9E%D0%9E%D0%9D&size=100");  // УНП ООН
  CHECK(ids(cyrillic).count("en-1"));
  CHECK(ids(cyrillic).count("ru-2"));
  // Not a name of CSTO: no synonym; no item has all the words, so any of them is enough, but
  // the Russian item tagged CSTO (it says "ОДКБ") has none of them.
  const auto full = get_json("/api/search?q=Organization%20of%20the%20Collective%20Security%20Treaty&size=100");
  CHECK(full["relaxed"] == true);
  CHECK(ids(full).count("ru-1") == 0);
}

TEST_CASE("all words are required unless too few items have them all") {
  CHECK(get_json("/api/search?q=customs")["relaxed"] == false);  // one word: nothing to relax
  const auto relaxed = get_json("/api/search?q=customs%20unicorns&size=100");
  CHECK(relaxed["relaxed"] == true);
  CHECK(relaxed["total"] == get_json("/api/search?q=customs&size=100")["total"]);
  CHECK(get_json("/api/search?q=unicorns%20dragons")["total"] == 0);
}


namespace {

std::vector<std::string> suggestion_texts(const std::string& query, const std::string& extra = "") {
  const auto answer = get_json("/api/suggest?q=" + url_encoded(query) + extra);
  CHECK(answer["query"] == query);
  std::vector<std::string> texts;
  for (const auto& s : answer["suggestions"]) texts.push_back(s["text"].get<std::string>());
  return texts;
}

bool has(const std::vector<std::string>& texts, const std::string& text) {
  return std::find(texts.begin(), texts.end(), text) != texts.end();
}

}  // namespace

TEST_CASE("did you mean: misspelled words are corrected from the titles' vocabulary") {
  const auto typo = get_json("/api/search?q=meetnig");
  CHECK(typo["corrected"] == "meeting");
  CHECK(typo["query"] == "meetnig");
  CHECK(get_json("/api/search?q=" + url_encoded("савещание"))["corrected"] == "совещание");
  CHECK(get_json("/api/search?q=meetnig%20country:KZ%20-heroin")["corrected"] == "meeting country:KZ -heroin");
  CHECK(get_json("/api/search?q=meetnig&country=KZ&lang=en")["corrected"] == "meeting");
  CHECK(get_json("/api/search?q=meeting")["corrected"].is_null());
  CHECK(get_json("/api/search?q=" + url_encoded("совещание"))["corrected"].is_null());
  CHECK(get_json("/api/search?q=zzzzqqq")["corrected"].is_null());
  CHECK(get_json("/api/search?q=" + url_encoded("\"meetnig\""))["corrected"].is_null());
}

TEST_CASE("suggest completes the last word, keeping the words before it as typed") {
  const auto english = get_json("/api/suggest?q=drug%20traf");
  REQUIRE(!english["suggestions"].empty());
  CHECK(english["suggestions"][0]["text"] == "drug trafficking");
  CHECK(english["suggestions"][0]["kind"] == "query");
  CHECK(english["suggestions"][0]["count"].get<int>() > 0);
  CHECK(suggestion_texts("Drug traf").front() == "Drug trafficking");
  CHECK(has(suggestion_texts("-hero"), "-heroin"));
  CHECK(has(suggestion_texts("\"drug traf"), "\"drug trafficking"));
  CHECK(suggestion_texts("country:ka").empty());
  CHECK(suggestion_texts("drug traf", "&size=1").size() == 1);
}

TEST_CASE("suggest completes Russian and other Cyrillic words") {
  const auto russian = suggestion_texts("совещ");
  CHECK(has(russian, "совещание"));
  CHECK(has(russian, "совещании"));
  CHECK(has(suggestion_texts("Совещание руков"), "Совещание руководителей"));
  CHECK(has(suggestion_texts("семинар"), "семинарга"));  // Kyrgyz
  CHECK(suggestion_texts("семинар", "&lang=ru") == std::vector<std::string>{"семинар"});
  CHECK(suggestion_texts("семинар", "&lang=en").empty());
}

TEST_CASE("suggest offers countries and organizations as filters") {
  const auto country = get_json("/api/suggest?q=kaz&ui_lang=ru");
  REQUIRE(!country["suggestions"].empty());
  CHECK(country["suggestions"][0]["kind"] == "country");
  CHECK(country["suggestions"][0]["value"] == "KZ");
  CHECK(country["suggestions"][0]["text"] == "Казахстан");
  CHECK(country["suggestions"][0]["count"].get<int>() > 0);
  CHECK(get_json("/api/suggest?q=" + url_encoded("Казах"))["suggestions"][0]["text"] == "Kazakhstan");
  const auto org = get_json("/api/suggest?q=%D0%A3%D0%9D%D0%9F");  // УНП
  bool unodc = false;
  for (const auto& s : org["suggestions"]) unodc |= s.value("value", "") == "UNODC" && s["kind"] == "organization";
  CHECK(unodc);
}

TEST_CASE("suggest: bad parameters are 400s, odd queries are not errors") {
  CHECK(get_json("/api/suggest", 400)["error"]["code"] == "bad_parameter");
  CHECK(get_json("/api/suggest?q=", 400)["error"]["code"] == "bad_parameter");
  CHECK(get_json("/api/suggest?q=%20%20", 400)["error"]["code"] == "bad_parameter");
  CHECK(get_json("/api/suggest?q=ab&size=50", 400)["error"]["code"] == "bad_parameter");
  CHECK(get_json("/api/suggest?q=ab&size=x", 400)["error"]["code"] == "bad_parameter");
  CHECK(get_json("/api/suggest?q=ab&ui_lang=de", 400)["error"]["code"] == "bad_parameter");
  CHECK(get_json("/api/suggest?q=" + std::string(1100, 'a'), 400)["error"]["message"].get<std::string>().find("'q'") !=
        std::string::npos);
  CHECK(get_json("/api/suggest?q=" + std::string(1024, 'a'))["suggestions"].empty());
  for (const char* odd : {"\"*:", "a", "(((", "-", "OR", "\xff\xfe", "ё"})
    CHECK(get_json("/api/suggest?q=" + url_encoded(odd))["suggestions"].is_array());
}

TEST_CASE("each filter narrows results and counts") {
  const auto all = get_json("/api/search?q=&size=100");
  CHECK(all["total"] == 27);
  const unsigned kz = count_of(all, "country", "KZ");
  REQUIRE(kz >= 3);
  const auto kz_only = get_json("/api/search?country=KZ&size=100");
  CHECK(kz_only["total"] == kz);
  CHECK(count_of(kz_only, "country", "UZ") == count_of(all, "country", "UZ"));  // disjunctive
  CHECK(get_json("/api/search?lang=ru")["total"] == 4);
  CHECK(get_json("/api/search?org=WCO")["total"].get<int>() >= 2);
  CHECK(get_json("/api/search?year=2023")["total"].get<int>() == count_of(all, "year", "2023"));
  CHECK(get_json("/api/search?month=2020-09")["total"].get<int>() == count_of(all, "month", "2020-09"));
  const auto ranged = get_json("/api/search?from=2021-01-01&to=2021-12-31&size=100");
  for (const auto& hit : ranged["hits"]) CHECK(hit["date"].get<std::string>().starts_with("2021"));
  CHECK(ranged["total"] == count_of(all, "year", "2021"));
  const auto two = get_json("/api/search?country=KZ&country=TJ&lang=ru");
  for (const auto& hit : two["hits"]) CHECK(hit["lang"] == "ru");
}

TEST_CASE("sort by date") {
  const auto result = get_json("/api/search?q=meeting&sort=date&size=50");
  std::string previous = "9999";
  for (const auto& hit : result["hits"]) {
    if (hit["date"].is_null()) continue;
    CHECK(hit["date"].get<std::string>() <= previous);
    previous = hit["date"];
  }
}

TEST_CASE("bad parameters get 400 with a JSON error, never 500") {
  for (const char* path : {"/api/search?size=0", "/api/search?size=101", "/api/search?page=abc",
                           "/api/search?sort=random", "/api/search?from=2020-13-01",
                           "/api/search?from=2020-02-30", "/api/search?to=2019-02-29", "/api/search?q=date:2021-13-01",
                           "/api/search?q=meeting%20date:2019-02-29", "/api/search?q=from:2020-02-30", "/api/search?from=2021-01-01&to=2020-01-01",
                           "/api/search?page=200&size=100", "/api/search?facets=nope", "/api/search?ui_lang=fr"}) {
    const auto error = get_json(path, 400);
    CHECK(error["error"]["code"] == "bad_parameter");
    CHECK_FALSE(error["error"]["message"].get<std::string>().empty());
  }
  const std::string long_query(1100, 'a');
  CHECK(get_json("/api/search?q=" + long_query, 400)["error"]["code"] == "bad_parameter");
  CHECK(get_json("/api/nothing", 404)["error"]["code"] == "not_found");
  const std::string nine_wildcards = "al*%20ab*%20ac*%20ad*%20ae*%20af*%20ag*%20ah*%20" + url_encoded("ка*");
  CHECK(get_json("/api/search?q=" + nine_wildcards, 400)["error"]["code"] == "query_too_expensive");
  CHECK(get_json("/api/search?q=!!!")["total"] == 0);  // nothing indexable: nothing, not everything
  CHECK(get_json("/api/doc/no-such-id", 404)["error"]["code"] == "not_found");
  for (const char* q : {"%22unclosed", "(((", "-", "OR", "title:", "*", "country:", "%00%ff"})
    get_json(std::string("/api/search?q=") + q, 200);
}

TEST_CASE("snippets=0 and relax=0 ask for less work") {
  const auto lean = get_json("/api/search?q=kyrgyz&snippets=0");
  REQUIRE(lean["hits"].size() >= 1);
  for (const auto& hit : lean["hits"]) {
    CHECK(hit["snippet"] == "");
    CHECK(hit["title_html"].get<std::string>().find("<mark>") == std::string::npos);
  }
  CHECK(lean["total"] == get_json("/api/search?q=kyrgyz")["total"]);
  const auto strict = get_json("/api/search?q=customs%20unicorns&relax=0");
  CHECK(strict["relaxed"] == false);
  CHECK(strict["total"] == 0);
  CHECK(get_json("/api/search?q=customs%20unicorns")["relaxed"] == true);
  CHECK(get_json("/api/search?q=" + url_encoded("таможня граница") + "&relax=0")["relaxed"] == false);
  CHECK(get_json("/api/search?snippets=maybe", 400)["error"]["message"].get<std::string>().find("'snippets'") !=
        std::string::npos);
  CHECK(get_json("/api/search?relax=2", 400)["error"]["code"] == "bad_parameter");
  // spell=0: no "did you mean" lookup, the same answer otherwise.
  const auto typo = get_json("/api/search?q=meetnig");
  const auto unspelled = get_json("/api/search?q=meetnig&spell=0");
  CHECK(typo["corrected"] == "meeting");
  CHECK(unspelled["corrected"].is_null());
  CHECK(unspelled["total"] == typo["total"]);
  CHECK(unspelled["hits"] == typo["hits"]);
  CHECK(get_json("/api/search?spell=no", 400)["error"]["message"].get<std::string>().find("'spell'") != std::string::npos);
}

TEST_CASE("snippets are HTML-safe") {
  const auto result = get_json("/api/search?q=kyrgyz");
  REQUIRE(result["hits"].size() >= 1);
  for (const auto& hit : result["hits"]) {
    const std::string snippet = hit["snippet"];
    const std::string stripped = std::regex_replace(snippet, std::regex("</?mark>"), "");
    CHECK(stripped.find('<') == std::string::npos);
  }
}

TEST_CASE("a document by id") {
  const auto doc = get_json("/api/doc/ru-3");
  CHECK(doc["lang"] == "ru");
  CHECK(doc["date"] == "2020-10-19");
  CHECK(doc["body"].get<std::string>().find("ЦАРИКЦ") != std::string::npos);
}

TEST_CASE("CORS only for allowed origins; security headers") {
  auto allowed = get("/api/search?q=x", {{"Origin", "https://portal.example"}});
  REQUIRE(allowed);
  CHECK(allowed->get_header_value("Access-Control-Allow-Origin") == "https://portal.example");
  auto other = get("/api/search?q=x", {{"Origin", "https://evil.example"}});
  REQUIRE(other);
  CHECK_FALSE(other->has_header("Access-Control-Allow-Origin"));
  CHECK(other->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(other->has_header("Content-Security-Policy"));
}

TEST_CASE("the UI is served and static paths cannot escape the web directory") {
  auto page = get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->body.find("<html") != std::string::npos);
  auto traversal = get("/../CMakeLists.txt");
  REQUIRE(traversal);
  CHECK(traversal->status >= 400);
  auto encoded = get("/%2e%2e/CMakeLists.txt");
  REQUIRE(encoded);
  CHECK(encoded->status >= 400);
}
