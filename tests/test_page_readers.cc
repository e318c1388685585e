// HTML article pages and RSS/Atom feeds: metadata, main text, items, bad input.
#include <doctest/doctest.h>

#include <vector>

#include "indexer/html_text.h"
#include "indexer/readers/feed_reader.h"
#include "indexer/readers/html_reader.h"
#include "indexer/readers/input_files.h"
#include "indexer/readers/page_url.h"
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

namespace {
Collected read_page(const std::string& html, const std::string& own_url = "") {
  Collected out;
  read_html_page(html, "page.html", {[&](NewsItem&& i) { out.items.push_back(std::move(i)); },
                                     [&](const ReadProblem& p) { out.problems.push_back(p); }}, own_url);
  return out;
}
}  // namespace

TEST_CASE("a Joomla/K2 page: the text of itemIntroText and itemFullText, without menu, footer or newsletter") {
  SUBCASE("Russian") {
    const auto out = read(test::fixtures() / "maintext" / "dev" / "k2_ru_seizure.html");
    REQUIRE(out.items.size() == 1);
    const auto& body = out.items[0].body;
    // The K2 heading that <title> repeats, without the site's name after it.
    CHECK(out.items[0].title == "На границе с Афганистаном задержан груз гашиша");
    CHECK(body.starts_with("Сотрудники Агентства по контролю за наркотиками"));
    CHECK(body.ends_with("используют коммерческие грузы для переправки партий."));
    for (const char* absent : {"Главная", "Контакты", "Подписаться на рассылку", "Другие материалы", "Оценить материал",
                               "Теги", "Твитнуть", "Все права защищены", "Популярное", "Печать"})
      CHECK_MESSAGE(body.find(absent) == std::string::npos, absent);
  }
  SUBCASE("English, with comments under the article") {
    const auto out = read(test::fixtures() / "maintext" / "dev" / "k2_en_training.html");
    REQUIRE(out.items.size() == 1);
    const auto& body = out.items[0].body;
    CHECK(body.starts_with("Twenty-two customs officers"));
    CHECK(body.find("Next steps\n\nA follow-up workshop") != std::string::npos);
    for (const char* absent : {"Home", "Contacts", "Tagged under", "Tweet", "2 comments", "Very useful training", "Copyright"})
      CHECK_MESSAGE(body.find(absent) == std::string::npos, absent);
  }
}

TEST_CASE("main text without a container: the densest block, the title left out, in any script") {
  const auto out = read_page(
      "<html lang=\"ru\"><head><title>Совещание в Бишкеке</title></head><body>"
      "<div class=\"top\"><a href=\"/\">Главная</a> <a href=\"/news\">Новости</a> <a href=\"/contacts\">Контакты</a></div>"
      "<div class=\"wrap\"><div class=\"h\">Совещание в Бишкеке</div>"
      "<div class=\"t\"><p>В Бишкеке прошло совещание представителей МВД Кыргызской Республики и УНП ООН по вопросам борьбы с "
      "незаконным оборотом наркотиков и прекурсоров в регионе.</p><p>Участники договорились обмениваться данными.</p></div></div>"
      "<div class=\"bottom-links\"><a href=\"/a\">О нас</a> <a href=\"/b\">Реклама</a></div>"
      "<div>© 2024 Портал. Все права защищены.</div></body></html>");
  REQUIRE(out.items.size() == 1);
  CHECK(out.items[0].body ==
        "В Бишкеке прошло совещание представителей МВД Кыргызской Республики и УНП ООН по вопросам борьбы с незаконным "
        "оборотом наркотиков и прекурсоров в регионе.\n\nУчастники договорились обмениваться данными.");
}

TEST_CASE("the item URL: canonical before og:url, relative ones resolved against the page, else the page's own URL") {
  const std::string body = "<body><article><p>Customs officers met in Almaty to agree on joint inspections at the border "
                           "crossings between Kazakhstan and Kyrgyzstan.</p></article></body></html>";
  SUBCASE("canonical wins over og:url") {
    const auto out = read_page("<html><head><link rel=\"canonical\" href=\"https://example.org/en/a\">"
                               "<meta property=\"og:url\" content=\"https://example.org/en/a?utm_source=x\"></head>" + body);
    REQUIRE(out.items.size() == 1);
    CHECK(out.items[0].url == "https://example.org/en/a");
    CHECK(out.problems.empty());
  }
  SUBCASE("og:url when there is no canonical link") {
    const auto out = read_page("<html><head><meta property=\"og:url\" content=\"https://example.org/ru/новость-1\"></head>" + body);
    REQUIRE(out.items.size() == 1);
    CHECK(out.items[0].url == "https://example.org/ru/новость-1");
  }
  SUBCASE("a relative canonical is resolved against <base href>, else against the page's own URL") {
    auto out = read_page("<html><head><base href=\"https://example.org/ru/news/\"><link rel=\"canonical\" href=\"../item/7\"></head>" + body);
    REQUIRE(out.items.size() == 1);
    CHECK(out.items[0].url == "https://example.org/ru/item/7");
    out = read_page("<html><head><link rel=\"canonical\" href=\"/ru/item/8\"></head>" + body, "https://portal.example/archive/a.html");
    REQUIRE(out.items.size() == 1);
    CHECK(out.items[0].url == "https://portal.example/ru/item/8");
  }
  SUBCASE("a relative canonical with nothing to resolve it against is a warning; og:url is used") {
    const auto out = read_page("<html><head><link rel=\"canonical\" href=\"/ru/item/9\">"
                               "<meta property=\"og:url\" content=\"https://example.org/ru/item/9\"></head>" + body);
    REQUIRE(out.items.size() == 1);
    CHECK(out.items[0].url == "https://example.org/ru/item/9");
    REQUIRE(out.problems.size() == 1);
    CHECK(out.problems[0].reason == "bad url '/ru/item/9': not an absolute http(s) URL; dropped");
  }
  SUBCASE("neither: the page's own URL (--base-url), or none") {
    CHECK(read_page("<html>" + body, "https://portal.example/a%20b.html").items[0].url == "https://portal.example/a%20b.html");
    CHECK(read_page("<html>" + body).items[0].url.empty());
  }
}

TEST_CASE("public_url maps a file under an input directory to the directory's public URL") {
  CHECK(public_url("https://portal.example/news", {"/srv/pages"}, "/srv/pages/2024/05/item 1.html") ==
        "https://portal.example/news/2024/05/item%201.html");
  CHECK(public_url("https://portal.example/news/", {"/srv/other", "/srv/pages/"}, "/srv/pages/новость.html") ==
        "https://portal.example/news/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D1%8C.html");
  CHECK(public_url("https://portal.example/", {"/srv/pages/one.htm"}, "/srv/pages/one.htm") == "https://portal.example/one.htm");
  CHECK(public_url("https://portal.example/", {"/srv/pages"}, "/elsewhere/x.html").empty());
  CHECK(public_url("", {"/srv/pages"}, "/srv/pages/x.html").empty());
  CHECK(resolve_url("../b?q=1#top", "https://x.org/a/c/d.html") == "https://x.org/a/b?q=1#top");
}

namespace {
std::string page_date_of(const std::string& head, const std::string& body, const std::string& own_url = "") {
  const auto out = read_page("<!DOCTYPE html><html><head>" + head + "</head><body>" + body + "</body></html>", own_url);
  return out.items.empty() ? "no item" : out.items[0].date;
}
const std::string kStory =
    "<div class=\"text\"><p>The operation was held from 2 to 10 March 2024 in two regions; officers seized "
    "38 kilograms of heroin and detained four members of the group, the ministry said.</p></div>";
const std::string kStoryRu =
    "<div class=\"text\"><p>Операция проводилась с 2 по 10 марта 2024 года в двух областях, изъято 38 "
    "килограммов героина, задержаны четверо участников группы, сообщили в министерстве.</p></div>";
}  // namespace

TEST_CASE("a page's date: the byline by the title, not the header's ticker, the sidebar or the story") {
  const std::string ticker = "<header><div class=\"today\">Today: <time datetime=\"2026-12-01\">1 December 2026</time></div></header>";
  const std::string sidebar = "<aside class=\"sidebar\"><h3>Latest</h3><p><span class=\"date\">13.03.2024</span> <a href=\"/1\">Other news</a></p></aside>";
  CHECK(page_date_of("<title>Heroin seized</title>", ticker + sidebar + "<div class=\"news-detail\"><span class=\"news-date-time\">14.03.2024 11:20</span><h1>Heroin seized</h1>" + kStory + "</div>") == "2024-03-14");
  CHECK(page_date_of("<title>Изъят героин</title>", ticker + sidebar + "<div class=\"news-detail\"><h1>Изъят героин</h1><div class=\"date\">14 марта 2024, 11:20</div>" + kStoryRu + "</div>") == "2024-03-14");
  // A K2 title in an <h2> that repeats <title>; an "updated" stamp before the publication date.
  CHECK(page_date_of("<title>Итоги года</title>", "<div class=\"itemHeader\"><span class=\"itemDateCreated\">Обновлено: 16.02.2024 · Опубликовано: 15.02.2024</span><h2>Итоги года</h2></div>" + kStoryRu) == "2024-02-15");
  CHECK(page_date_of("<title>BOMCA hands over equipment</title>", "<div class=\"post\"><h1>BOMCA hands over equipment</h1><div class=\"post-meta\">Updated: 12 October 2023 · Published: 10 October 2023</div>" + kStory + "</div><div class=\"sidebar\"><p>5 October 2023 - Study visit</p></div>") == "2023-10-10");
  // A <time> of the header comes first in the document; the article's own is taken.
  CHECK(page_date_of("", "<header><a href=\"/x\">OSCE Chair visits</a> <time datetime=\"2024-05-20\">20 May 2024</time></header><article><h1>Course ends</h1><div class=\"field-date\"><time datetime=\"2024-05-15T10:00:00Z\">15 May 2024</time></div>" + kStory + "</article>") == "2024-05-15");
  // No byline: the story's dates are left to the document builder, which reads the text.
  CHECK(page_date_of("", "<article><h1>Heroin seized</h1>" + kStory + "</article>") == "");
}

TEST_CASE("a page's date: metadata and JSON-LD first; a URL's day before the byline") {
  const std::string byline = "<div class=\"article\"><h1>Итоги работы</h1><div class=\"date\">21.02.2020</div>" + kStoryRu + "</div>";
  CHECK(page_date_of("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebPage\"},"
                     "{\"@type\":\"NewsArticle\",\"datePublished\":\"2020-02-20T10:00:00+05:00\",\"dateModified\":\"2020-02-21\"}]}</script>",
                     byline) == "2020-02-20");
  CHECK(page_date_of("<script type=\"application/ld+json\">{ not json </script>", byline) == "2020-02-21");
  CHECK(page_date_of("<meta property=\"article:published_time\" content=\"2023-11-07T09:00:00+05:00\">",
                     "<aside><time datetime=\"2023-11-02\">November 2, 2023</time></aside>" + byline) == "2023-11-07");
  CHECK(page_date_of("<link rel=\"canonical\" href=\"https://news.example/2020/02/19/itogi\">", byline) == "");
  CHECK(page_date_of("<link rel=\"canonical\" href=\"https://news.example/2020/02/itogi\">", byline) == "2020-02-21");
}

TEST_CASE("a page's title: the heading that <title> repeats, not the site's logo in the first <h1>") {
  const auto title_of = [](const std::string& html) {
    const auto out = read_page(html);
    return out.items.empty() ? std::string("no item") : out.items[0].title;
  };
  const std::string body = "<p>Customs officers of Kyrgyzstan received six mobile scanners from the Government of "
                           "Japan, to be used at the border crossings with Kazakhstan and Tajikistan.</p>";
  CHECK(title_of("<html><head><title>Customs get scanners — Central Asia News</title></head><body><h1 class=\"logo\">"
                 "Central Asia News</h1><div class=\"article\"><h2>Customs get scanners</h2>" + body + "</div></body></html>") ==
        "Customs get scanners");
  CHECK(title_of("<html><head><title>Таможня получила сканеры | Новости</title></head><body><h1>Новости</h1>"
                 "<h2>Таможня получила сканеры</h2>" + body + "</body></html>") == "Таможня получила сканеры");
  CHECK(title_of("<html><head><title>Site</title></head><body><h1>Border talks in Dushanbe</h1>" + body + "</body></html>") ==
        "Border talks in Dushanbe");
  // The logo's <h1> is where the byline is not: the date next to the article's heading is read.
  const auto out = read_page("<html><head><title>Таможня получила сканеры — Новости</title></head><body><div class=\"header\">"
                             "<h1>Новости</h1><span>Сегодня 1 декабря 2026</span></div><div class=\"related-top\"><time datetime=\"2024-08-19\">"
                             "19.08.2024</time></div><div class=\"article\"><h2>Таможня получила сканеры</h2><span class=\"article-date\">"
                             "20.08.2024</span>" + body + "</div></body></html>");
  REQUIRE(out.items.size() == 1);
  CHECK(out.items[0].date == "2024-08-20");
}

TEST_CASE("a column named 'side' is furniture: its news stay out of the body") {
  const auto out = read_page("<html lang=\"ru\"><head><title>Изъятие на границе</title></head><body><div class=\"wrap\"><div class=\"post\">"
                             "<h1>Изъятие на границе</h1><div class=\"post-text\"><p>Сотрудники агентства изъяли на границе с "
                             "Афганистаном 120 килограммов наркотиков, двое задержанных, возбуждено уголовное дело.</p></div></div>"
                             "<div class=\"side\"><h4>Другие новости</h4><p>11.06.2024 Встреча с делегацией Казахстана</p></div></div></body></html>");
  REQUIRE(out.items.size() == 1);
  CHECK(out.items[0].body.find("Казахстана") == std::string::npos);
  CHECK(out.items[0].body.find("120 килограммов") != std::string::npos);
}
