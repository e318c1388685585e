// HTML article pages and RSS/Atom feeds: metadata, main text, items, bad input.
#include <doctest/doctest.h>

#include <vector>

#include "indexer/html_text.h"
#include "indexer/readers/feed_reader.h"
#include "indexer/readers/html_reader.h"
#include "indexer/readers/input_files.h"
#include "tests/test_paths.h"

using namespace caravan;

namespace {
struct Collected {
  std::vector<NewsItem> items;
  std::vector<ReadProblem> problems;
};
std::string nested_divs(int depth, const std::string& text) {
  std::string html;
  for (int i = 0; i < depth; ++i) html += "<div>";
  html += text;
  for (int i = 0; i < depth; ++i) html += "</div>";
  return html;
}
Collected read(const std::filesystem::path& path) {
  Collected out;
  read_input_file(path, {[&](NewsItem&& i) { out.items.push_back(std::move(i)); },
                         [&](const ReadProblem& p) { out.problems.push_back(p); }});
  return out;
}
}  // namespace

TEST_CASE("an HTML article page: og metadata, article text, no navigation or scripts") {
  const auto out = read(test::fixtures() / "pages" / "article_ru.html");
  REQUIRE(out.items.size() == 1);
  const auto& item = out.items[0];
  CHECK(item.title == "В Бишкеке прошло совещание по борьбе с наркотиками");
  CHECK(item.date == "2022-06-14");
  CHECK(item.lang == "ru");
  CHECK(item.url == "https://example.org/ru/news/bishkek-meeting");
  CHECK(item.body.find("МВД Кыргызской Республики") != std::string::npos);
  CHECK(item.body.find("наркотиков & прекурсоров") != std::string::npos);
  for (const char* absent : {"Главная", "tracker", "color", "все права", "Сайт центра"})
    CHECK_MESSAGE(item.body.find(absent) == std::string::npos, absent);
}

TEST_CASE("an HTML page without og tags: h1/title, <time>, canonical link, <main>") {
  const auto out = read(test::fixtures() / "pages" / "article_en.htm");
  REQUIRE(out.items.size() == 1);
  CHECK(out.items[0].title == "Customs training held in Dushanbe");
  CHECK(out.items[0].date == "2021-11-03");
  CHECK(out.items[0].lang == "en-GB");
  CHECK(out.items[0].url == "https://example.org/en/news/dushanbe-training");
  CHECK(out.items[0].body.find("Home | News") == std::string::npos);
}

TEST_CASE("RSS 2.0: items, guid, dates, content:encoded, languages; empty items reported") {
  const auto out = read(test::fixtures() / "feeds" / "news.rss");
  REQUIRE(out.items.size() == 2);
  CHECK(out.items[0].id == "news-1001");
  CHECK(out.items[0].date == "2020-10-19");
  CHECK(out.items[0].lang == "en");
  CHECK(out.items[0].body == "Border troops of Tajikistan seized 40 kg of heroin.");
  CHECK(out.items[1].lang == "ru");
  CHECK(out.items[1].date == "2021-02-02");
  CHECK(out.items[1].body.find("ЦАРИКЦ") != std::string::npos);
  REQUIRE(out.problems.size() == 1);
  CHECK(out.problems[0].where.ends_with("news.rss:22"));
}

TEST_CASE("Atom: entries, published over updated, xml:lang, HTML content") {
  const auto out = read(test::fixtures() / "feeds" / "news.atom");
  REQUIRE(out.items.size() == 2);
  CHECK(out.items[0].id == "urn:example:entry:1");
  CHECK(out.items[0].url == "https://example.org/atom/channel-2023");
  CHECK(out.items[0].date == "2023-12-05");
  CHECK(out.items[0].lang == "en");
  CHECK(out.items[0].body == "The operation covered Kazakhstan, Kyrgyzstan and Tajikistan.");
  CHECK(out.items[1].lang == "uz");
  CHECK(out.items[1].date == "2022-11-15");
}

TEST_CASE("broken markup is one problem, never a crash") {
  Collected out;
  const ReaderSink sink{[&](NewsItem&& i) { out.items.push_back(std::move(i)); },
                        [&](const ReadProblem& p) { out.problems.push_back(p); }};
  read_feed("<rss><channel><item><title>t", "bad.rss", sink);
  read_feed("not xml at all", "bad.xml", sink);
  read_html_page("<html><body></body></html>", "empty.html", sink);
  CHECK(out.problems.size() >= 2);
  CHECK(detect_format("x.html", "") == InputFormat::kHtml);
  CHECK(detect_format("x.xml", "<?xml version='1.0'?><rss>") == InputFormat::kFeed);
  CHECK(detect_format("x", "<!DOCTYPE html><html>") == InputFormat::kHtml);
}

TEST_CASE("a page nested deeper than 256 levels keeps its text; text below depth 1000 is ignored") {
  Collected out;
  const std::string page = "<html lang=\"ru\"><head><title>Глубокая страница</title></head><body><p>Начало статьи.</p>" +
                           nested_divs(400, "Deep text survives.") + "<p>Конец статьи.</p></body></html>";
  read_html_page(page, "deep.html", {[&](NewsItem&& i) { out.items.push_back(std::move(i)); },
                                     [&](const ReadProblem& p) { out.problems.push_back(p); }});
  REQUIRE(out.items.size() == 1);
  CHECK(out.items[0].title == "Глубокая страница");
  CHECK(out.items[0].body == "Начало статьи.\n\nDeep text survives.\n\nКонец статьи.");

  // <html> is depth 1, <body> 2, the n-th <div> 2 + n, its text 3 + n.
  const std::string kept = nested_divs(kMaxHtmlDepth - 3, "Последний уровень.");
  const std::string cut = nested_divs(kMaxHtmlDepth - 2, "One level too deep.");
  CHECK(html_to_text("<html><body>" + kept + cut + "</body></html>") == "Последний уровень.");
  const std::string hostile = "<html><body><p>Before.</p>" + nested_divs(300000, "Hostile depth.") + "<p>После.</p></body></html>";
  CHECK(html_to_text(hostile) == "Before.\n\nПосле.");
}

TEST_CASE("pages and feeds keep only http(s) links; a javascript: link is reported, not stored") {
  Collected out;
  const ReaderSink sink{[&](NewsItem&& i) { out.items.push_back(std::move(i)); },
                        [&](const ReadProblem& p) { out.problems.push_back(p); }};
  read_html_page("<html><head><meta property=\"og:url\" content=\"javascript:alert(document.cookie)\"></head>"
                 "<body><article><p>Таможенники встретились в Алматы.</p></article></body></html>",
                 "page.html", sink);
  read_feed("<rss><channel><item><title>Customs met</title><link>JAVASCRIPT:alert(1)</link></item>"
            "<item><title>Совещание</title><link>\n  https://example.org/ru/1\n</link></item></channel></rss>",
            "news.rss", sink);
  REQUIRE(out.items.size() == 3);
  CHECK(out.items[0].url.empty());
  CHECK(out.items[1].url.empty());
  CHECK(out.items[2].url == "https://example.org/ru/1");
  REQUIRE(out.problems.size() == 2);
  CHECK(out.problems[0].where == "page.html:1");
  CHECK(out.problems[0].reason == "bad url 'javascript:alert(document.cookie)': not an absolute http(s) URL; dropped");
  CHECK_FALSE(out.problems[0].skipped);
  CHECK(out.problems[1].where == "news.rss:1");
  CHECK(out.problems[1].reason.starts_with("bad url 'JAVASCRIPT:alert(1)'"));
}
