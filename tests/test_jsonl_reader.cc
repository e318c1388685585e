// JSON Lines reading: good records, bad records reported with file:line, HTML bodies.
#include <doctest/doctest.h>

#include <fstream>
#include <vector>

#include "indexer/html_text.h"
#include "indexer/readers/input_files.h"
#include "indexer/readers/jsonl_reader.h"
#include "tests/test_paths.h"

using namespace caravan;

namespace {
struct Collected {
  std::vector<NewsItem> items;
  std::vector<ReadProblem> problems;
};
Collected read(std::string_view content) {
  Collected out;
  read_jsonl(content, "in.jsonl", {[&](NewsItem&& i) { out.items.push_back(std::move(i)); },
                                   [&](const ReadProblem& p) { out.problems.push_back(p); }});
  return out;
}
Collected read_file(const std::filesystem::path& path, std::size_t max_record_bytes) {
  Collected out;
  read_input_file(path, {[&](NewsItem&& i) { out.items.push_back(std::move(i)); },
                         [&](const ReadProblem& p) { out.problems.push_back(p); }},
                  max_record_bytes);
  return out;
}
std::string body_of_bytes(const std::string& words, std::size_t bytes) {
  std::string body;
  while (body.size() < bytes) body += words;
  return body;
}
}  // namespace

TEST_CASE("a full record") {
  const auto out = read(R"({"id":"a1","url":"https://x/1","title":"T","body":"Body text","date":"2020-10-19T08:00:00","lang":"ru","countries":["kz","UZ"],"organizations":["unodc"],"source":"s"})");
  REQUIRE(out.items.size() == 1);
  const auto& item = out.items[0];
  CHECK(item.id == "a1");
  CHECK(item.date == "2020-10-19");
  CHECK(item.lang == "ru");
  CHECK(item.countries == std::vector<std::string>{"KZ", "UZ"});
  CHECK(item.organizations == std::vector<std::string>{"UNODC"});
  CHECK(item.source == "in.jsonl:1");
}

TEST_CASE("only body is required; the id defaults to a hash") {
  const auto out = read("{\"body\":\"Only a body\"}\n\n{\"body\":\"Only a body\",\"url\":\"https://x/2\"}\n");
  REQUIRE(out.items.size() == 2);
  CHECK(out.items[0].id.size() == 16);
  CHECK(out.items[0].id != out.items[1].id);
  CHECK(out.items[1].source == "in.jsonl:3");
}

TEST_CASE("bad records are reported with their line and skipped") {
  const auto path = test::fixtures() / "news" / "bad_records.jsonl";
  const auto out = read(read_file_content(path));
  REQUIRE(out.items.size() == 2);
  CHECK(out.items[0].id == "ok-1");
  CHECK(out.items[1].id == "bad-date");
  CHECK(out.items[1].date.empty());
  REQUIRE(out.problems.size() == 5);
  const std::vector<std::pair<std::string, bool>> expected = {
      {"in.jsonl:2", true}, {"in.jsonl:3", true}, {"in.jsonl:4", true}, {"in.jsonl:5", true}, {"in.jsonl:6", false}};
  for (size_t i = 0; i < expected.size(); ++i) {
    CHECK(out.problems[i].where == expected[i].first);
    CHECK(out.problems[i].skipped == expected[i].second);
    CHECK_FALSE(out.problems[i].reason.empty());
  }
  CHECK(out.problems[1].reason.find("body") != std::string::npos);
}

TEST_CASE("impossible dates are reported as bad dates and dropped; the record is kept") {
  const auto out = read("{\"id\":\"en\",\"body\":\"Customs officers met in Almaty.\",\"date\":\"2020-02-30\"}\n"
                        "{\"id\":\"ru\",\"body\":\"Совещание прошло в Бишкеке.\",\"date\":\"2021-13-01T08:00:00\"}\n"
                        "{\"id\":\"leap\",\"body\":\"Not a leap year.\",\"date\":\"2019-02-29\"}\n"
                        "{\"id\":\"ok\",\"body\":\"A leap year.\",\"date\":\"2020-02-29\"}\n");
  REQUIRE(out.items.size() == 4);
  for (size_t i = 0; i < 3; ++i) CHECK(out.items[i].date.empty());
  CHECK(out.items[3].date == "2020-02-29");
  REQUIRE(out.problems.size() == 3);
  CHECK(out.problems[0].where == "in.jsonl:1");
  CHECK(out.problems[0].reason == "bad date '2020-02-30': no such day; dropped");
  CHECK(out.problems[1].reason == "bad date '2021-13-01T08:00:00': no such day; dropped");
  CHECK(out.problems[2].reason == "bad date '2019-02-29': no such day; dropped");
  for (const auto& problem : out.problems) CHECK_FALSE(problem.skipped);
}

TEST_CASE("bad countries, organizations and languages are reported and dropped; the record is kept") {
  const auto out = read(
      R"({"id":"en","body":"Customs met.","lang":"tlh","countries":["kz","Kazakhstan"," uz ","K1"],"organizations":["unodc","<script>","kz_mvd"]})"
      "\n"
      R"({"id":"ru","body":"Совещание прошло.","lang":"RU","countries":["Казахстан"],"organizations":["УНП ООН","CSTO"]})"
      "\n"
      R"({"id":"tags","body":"Tags.","lang":"en-GB","countries":"tj","organizations":[")" + std::string(65, 'A') + R"("]})"
      "\n"
      R"({"id":"evil","body":"Evil tag.","lang":"ru\u001b[31m"})");
  REQUIRE(out.items.size() == 4);
  CHECK(out.items[0].lang.empty());
  CHECK(out.items[0].countries == std::vector<std::string>{"KZ", "UZ"});
  CHECK(out.items[0].organizations == std::vector<std::string>{"UNODC", "KZ_MVD"});
  CHECK(out.items[1].lang == "RU");
  CHECK(out.items[1].countries.empty());
  CHECK(out.items[1].organizations == std::vector<std::string>{"CSTO"});
  CHECK(out.items[2].lang == "en-GB");
  CHECK(out.items[2].countries == std::vector<std::string>{"TJ"});
  CHECK(out.items[2].organizations.empty());
  CHECK(out.items[3].lang.empty());
  std::vector<std::string> reasons;
  for (const auto& problem : out.problems) {
    CHECK_FALSE(problem.skipped);
    reasons.push_back(problem.where + ": " + problem.reason);
  }
  const std::vector<std::string> expected = {
      "in.jsonl:1: bad lang 'tlh': not a language Caravan knows (it is identified from the text); dropped",
      "in.jsonl:1: bad country 'Kazakhstan': not an ISO 3166-1 alpha-2 code such as KZ; dropped",
      "in.jsonl:1: bad country 'K1': not an ISO 3166-1 alpha-2 code such as KZ; dropped",
      "in.jsonl:1: bad organization '<script>': not an id of [A-Z0-9_] such as UNODC or KZ_MVD; dropped",
      "in.jsonl:2: bad country 'Казахстан': not an ISO 3166-1 alpha-2 code such as KZ; dropped",
      "in.jsonl:2: bad organization 'УНП ООН': not an id of [A-Z0-9_] such as UNODC or KZ_MVD; dropped",
      "in.jsonl:3: bad organization '" + std::string(65, 'A') + "': not an id of [A-Z0-9_] such as UNODC or KZ_MVD; dropped",
      "in.jsonl:4: bad lang 'ru?[31m': not a language tag (the language is identified from the text); dropped"};
  CHECK(reasons == expected);
}

TEST_CASE("only absolute http(s) URLs are kept; others are reported and not stored") {
  const std::vector<std::string> urls = {"javascript:alert(1)", " JavaScript:alert(document.cookie)", "data:text/html,<b>x</b>",
                                         "/ru/news/1", "http://", "http:///etc/passwd", "https://x.org/a\\u0000.html",
                                         " HTTPS://Example.org/новости/1 ", "http://example.org/en?id=1"};
  std::string content;
  for (const auto& url : urls) content += R"({"body":"Текст и text","url":")" + url + "\"}\n";
  const auto out = read(content);
  REQUIRE(out.items.size() == urls.size());
  for (size_t i = 0; i + 2 < urls.size(); ++i) CHECK_MESSAGE(out.items[i].url.empty(), urls[i]);
  CHECK(out.items[7].url == "https://Example.org/новости/1");
  CHECK(out.items[8].url == "http://example.org/en?id=1");
  REQUIRE(out.problems.size() == urls.size() - 2);
  CHECK(out.problems[0].where == "in.jsonl:1");
  CHECK(out.problems[0].reason == "bad url 'javascript:alert(1)': not an absolute http(s) URL; dropped");
  CHECK(out.problems[5].reason == "bad url 'http:///etc/passwd': no host; dropped");
  CHECK(out.problems[6].reason == "bad url 'https://x.org/a?.html': control characters; dropped");
  CHECK(out.items[0].id == out.items[1].id);  // a hash of the (same) content, not of a refused url
}

TEST_CASE("HTML bodies become text") {
  const auto out = read(R"({"title":"<b>Bold</b> title","body":"<p>First &amp; para.</p><script>var x=1;</script><p>Second <a href='#'>link</a></p>"})");
  REQUIRE(out.items.size() == 1);
  CHECK(out.items[0].title == "Bold title");
  CHECK(out.items[0].body == "First & para.\n\nSecond link");
}

TEST_CASE("entities in titles and bodies are decoded once, with or without tags") {
  const auto out = read(
      "{\"title\":\"Customs &amp; border agencies meet\",\"body\":\"AT&T and R&D stay; &laquo;quoted&raquo; &#8212; done\"}\n"
      "{\"title\":\"&laquo;Таможня&raquo; &amp; пограничники\",\"body\":\"Стороны обсудили &#x2014; без тегов.\"}\n"
      "{\"title\":\"Tom &amp;amp; Jerry\",\"body\":\"no entity here: 5 & 6\"}\n");
  REQUIRE(out.items.size() == 3);
  CHECK(out.items[0].title == "Customs & border agencies meet");
  CHECK(out.items[0].body == "AT&T and R&D stay; \u00abquoted\u00bb \u2014 done");
  CHECK(out.items[1].title == "\u00ab\u0422\u0430\u043c\u043e\u0436\u043d\u044f\u00bb & \u043f\u043e\u0433\u0440\u0430\u043d\u0438\u0447\u043d\u0438\u043a\u0438");
  CHECK(out.items[1].body == "\u0421\u0442\u043e\u0440\u043e\u043d\u044b \u043e\u0431\u0441\u0443\u0434\u0438\u043b\u0438 \u2014 \u0431\u0435\u0437 \u0442\u0435\u0433\u043e\u0432.");
  CHECK(out.items[2].title == "Tom &amp; Jerry");  // decoded once: the input said "&amp;amp;"
  CHECK(out.items[2].body == "no entity here: 5 & 6");
}

TEST_CASE("html_to_text drops navigation and keeps paragraphs") {
  CHECK(html_to_text("<html><body><nav>Menu</nav><h1>Head</h1><p>Text</p><footer>F</footer></body></html>") ==
        "Head\n\nText");
  CHECK_FALSE(looks_like_html("3 < 5 and 6 > 2"));
  CHECK(looks_like_html("a<br>b"));
}

TEST_CASE("a JSON line over the record limit is skipped unparsed; lines across read chunks are whole") {
  test::TempDir dir;
  const auto path = dir.path() / "long.jsonl";
  const std::string long_ru = body_of_bytes("Пограничники изъяли героин. ", 300 * 1024);  // several read chunks
  {
    std::ofstream file(path);
    file << R"({"id":"en-1","body":"Police in Tashkent seized heroin."})" << '\n'
         << R"({"id":"ru-long","body":")" << long_ru << R"("})" << '\n'
         << R"({"id":"en-over","body":")" << body_of_bytes("Border officers met. ", 2 << 20) << R"("})" << '\n'
         << R"({"id":"ru-2","body":"Героин изъят в Бишкеке."})";  // the last line has no newline
  }
  const auto out = read_file(path, 1 << 20);
  REQUIRE(out.items.size() == 3);
  CHECK(out.items[0].id == "en-1");
  CHECK(out.items[1].id == "ru-long");
  CHECK(out.items[1].body == long_ru);
  CHECK(out.items[2].id == "ru-2");
  CHECK(out.items[2].source == path.string() + ":4");
  REQUIRE(out.problems.size() == 1);
  CHECK(out.problems[0].where == path.string() + ":3");
  CHECK(out.problems[0].reason.starts_with("record over 1048576 bytes"));
  CHECK(out.problems[0].skipped);
}

TEST_CASE("a page, feed or listing file over the record limit is skipped, being read whole") {
  const auto path = test::fixtures() / "pages" / "article_ru.html";
  CHECK(read_file(path, 1 << 20).items.size() == 1);
  const auto out = read_file(path, 100);
  CHECK(out.items.empty());
  REQUIRE(out.problems.size() == 1);
  CHECK(out.problems[0].where == path.string());
  CHECK(out.problems[0].reason.starts_with("file over 100 bytes"));
}
