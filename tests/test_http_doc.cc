// The document view: GET /doc/{id} (HTML) and /api/doc/{id} (JSON) with related items, against
// the real searchd on a loopback port over clusters of similar items in English and Russian.
#include <doctest/doctest.h>
#include <httplib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include <nlohmann/json.hpp>

#include <memory>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "tests/search_server.h"
#include "tests/subprocess.h"
#include "tests/test_paths.h"

using nlohmann::json;
using namespace caravan::test;

namespace {

// A searchd of its own over tests/fixtures/news/related.jsonl and mixed.jsonl.
struct DocSearchd {
  TempDir dir;
  std::unique_ptr<Process> process;
  int port = 0;

  DocSearchd() {
    const std::string index = (dir.path() / "index").string();
    const RunResult build = run({CARAVAN_INDEXER_BIN, "build", "--out", index, "--quiet",
                                 (fixtures() / "news" / "related.jsonl").string(),
                                 (fixtures() / "news" / "mixed.jsonl").string()});
    REQUIRE_MESSAGE(build.exit_code == 0, build.output);
    process = std::make_unique<Process>(
        std::vector<std::string>{CARAVAN_SEARCHD_BIN, "--index", index, "--listen", "127.0.0.1:0"});
    port = listening_port(*process);
  }
};

DocSearchd& docs() {
  static DocSearchd instance;
  return instance;
}

httplib::Result fetch(const std::string& path, const httplib::Headers& headers = {}) {
  httplib::Client client("127.0.0.1", docs().port);
  client.set_connection_timeout(5);
  client.set_read_timeout(10);
  return client.Get(path, headers);
}

json fetch_json(const std::string& path, int expected_status = 200) {
  auto res = fetch(path);
  REQUIRE(res);
  CHECK_MESSAGE(res->status == expected_status, path << " -> " << res->status << " " << res->body);
  CHECK(res->get_header_value("Content-Type").starts_with("application/json"));
  return json::parse(res->body);
}

// A page parsed by libxml2's HTML parser, queried with XPath.
struct HtmlPage {
  std::string source;
  htmlDocPtr doc = nullptr;
  explicit HtmlPage(std::string text) : source(std::move(text)) {
    doc = htmlReadMemory(source.data(), static_cast<int>(source.size()), "page.html", "UTF-8",
                         HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  }
  ~HtmlPage() { xmlFreeDoc(doc); }
  HtmlPage(const HtmlPage&) = delete;

  std::vector<xmlNodePtr> nodes(const std::string& xpath) const {
    std::vector<xmlNodePtr> found;
    xmlXPathContextPtr context = xmlXPathNewContext(doc);
    xmlXPathObjectPtr result = xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), context);
    if (result && result->nodesetval)
      for (int i = 0; i < result->nodesetval->nodeNr; ++i) found.push_back(result->nodesetval->nodeTab[i]);
    xmlXPathFreeObject(result);
    xmlXPathFreeContext(context);
    return found;
  }
  std::vector<std::string> texts(const std::string& xpath) const {
    std::vector<std::string> out;
    for (xmlNodePtr node : nodes(xpath)) {
      xmlChar* content = xmlNodeGetContent(node);
      out.emplace_back(content ? reinterpret_cast<const char*>(content) : "");
      xmlFree(content);
    }
    return out;
  }
  std::string text(const std::string& xpath) const {
    const auto all = texts(xpath);
    return all.empty() ? "" : all.front();
  }
};

// GETs an HTML page and checks its status and type.
std::unique_ptr<HtmlPage> page(const std::string& path, int expected_status = 200, const httplib::Headers& headers = {}) {
  auto res = fetch(path, headers);
  REQUIRE(res);
  CHECK_MESSAGE(res->status == expected_status, path << " -> " << res->status);
  CHECK(res->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(res->get_header_value("Content-Security-Policy").find("script-src 'self'") != std::string::npos);
  return std::make_unique<HtmlPage>(res->body);
}

std::vector<std::string> related_ids(const json& doc) {
  std::vector<std::string> out;
  for (const auto& item : doc["related"]) out.push_back(item["id"].get<std::string>());
  return out;
}

const std::vector<std::vector<std::string>>& clusters() {
  static const std::vector<std::vector<std::string>> all = {
      {"poppy-1", "poppy-2", "poppy-3"}, {"crypto-1", "crypto-2", "crypto-3"},  // English
      {"lab-1", "lab-2", "lab-3"},       {"dogs-1", "dogs-2", "dogs-3"}};       // Russian
  return all;
}

}  // namespace

TEST_CASE("api/doc: the document with its body and related items, each from its own cluster") {
  for (const auto& cluster : clusters()) {
    for (const auto& id : cluster) {
      CAPTURE(id);
      const json doc = fetch_json("/api/doc/" + id);
      CHECK(doc["id"] == id);
      CHECK_FALSE(doc["body"].get<std::string>().empty());
      const auto related = related_ids(doc);
      REQUIRE(related.size() >= 2);
      CHECK(related.size() <= 5);
      CHECK(std::find(related.begin(), related.end(), id) == related.end());
      // The two others of its cluster come first.
      const std::set<std::string> first_two(related.begin(), related.begin() + 2);
      std::set<std::string> others(cluster.begin(), cluster.end());
      others.erase(id);
      CHECK(first_two == others);
      double previous = 1e300;
      for (const auto& item : doc["related"]) {
        CHECK(item.contains("title"));
        CHECK(item.contains("url"));
        CHECK_FALSE(item.contains("body"));
        CHECK(item["score"].get<double>() <= previous);
        previous = item["score"].get<double>();
      }
    }
  }
}

TEST_CASE("api/doc: an unknown id is a 404 of its own; an id with a slash is found") {
  const json missing = fetch_json("/api/doc/no-such-item", 404);
  CHECK(missing["error"]["code"] == "not_found");
  CHECK(missing["error"]["message"] == "no document with id 'no-such-item'");
  const json odd = fetch_json("/api/doc/" + url_encoded("evil/<\"x\">&'1"));
  CHECK(odd["title"] == "<script>alert('title')</script> & \"quotes\" <svg onload=alert(3)>");
}

TEST_CASE("doc page: title, date, language, filter links, text and related items, in English") {
  const auto doc = page("/doc/poppy-1?ui_lang=en");
  CHECK(doc->text("//title") == "Opium poppy fields destroyed in Badakhshan — Caravan");
  CHECK(doc->text("//html/@lang") == "en");
  CHECK(doc->text("//h1") == "Opium poppy fields destroyed in Badakhshan");
  CHECK(doc->text("//h1/@lang") == "en");
  CHECK(doc->text("//dl[@class='doc-meta']//time") == "10 May 2026");
  CHECK(doc->text("//dl[@class='doc-meta']//time/@datetime") == "2026-05-10");
  CHECK(doc->text("//a[@class='doc-lang']") == "English");
  CHECK(doc->text("//a[@class='doc-lang']/@href") == "../?lang=en&ui_lang=en");
  CHECK(doc->text("//a[contains(@class,'chip-country')]") == "Afghanistan");
  CHECK(doc->text("//a[contains(@class,'chip-country')]/@href") == "../?country=AF&ui_lang=en");
  CHECK(doc->texts("//dt") == std::vector<std::string>{"Date", "Language", "Countries"});  // no url: no source
  // Two paragraphs, as stored.
  const auto paragraphs = doc->texts("//div[@class='doc-body']/p");
  REQUIRE(paragraphs.size() == 2);
  CHECK(paragraphs[0].starts_with("Police destroyed opium poppy fields"));
  CHECK(paragraphs[1] == "Farmers were offered wheat seeds instead of poppy seeds.");
  CHECK(doc->text("//section[@class='related']/h2") == "Related items");
  const auto related = doc->texts("//ol[@class='related-items']/li/a/@href");
  REQUIRE(related.size() >= 2);
  CHECK(std::set<std::string>(related.begin(), related.begin() + 2) ==
        std::set<std::string>{"./poppy-2?ui_lang=en", "./poppy-3?ui_lang=en"});
  // An item with a URL links its source; organizations are filter links too.
  const auto crypto = page("/doc/crypto-1");
  CHECK(crypto->text("//a[@class='doc-source']/@href") == "https://example.org/crypto/1");
  CHECK(crypto->text("//a[contains(@class,'chip-organization')]/@href") == "../?org=FATF&ui_lang=en");
}

TEST_CASE("doc page: Russian labels from ?ui_lang=, ?lang= or Accept-Language") {
  for (const auto& [path, headers] : std::vector<std::pair<std::string, httplib::Headers>>{
           {"/doc/lab-1?ui_lang=ru", {}},
           {"/doc/lab-1?lang=ru", {}},
           {"/doc/lab-1", {{"Accept-Language", "ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7"}}},
           {"/doc/lab-1", {{"Accept-Language", "de;q=1, en;q=0.3, ru;q=0.5"}}}}) {
    CAPTURE(path);
    const auto doc = page(path, 200, headers);
    CHECK(doc->text("//html/@lang") == "ru");
    CHECK(doc->text("//title") == "В Бишкеке ликвидирована нарколаборатория по производству мефедрона — Caravan");
    CHECK(doc->text("//dl[@class='doc-meta']//time") == "2 апреля 2026");
    CHECK(doc->texts("//dt") == std::vector<std::string>{"Дата", "Язык", "Страны"});
    CHECK(doc->text("//a[@class='doc-lang']") == "Русский");
    CHECK(doc->text("//a[contains(@class,'chip-country')]") == "Кыргызстан");
    CHECK(doc->text("//a[contains(@class,'chip-country')]/@href") == "../?country=KG&ui_lang=ru");
    CHECK(doc->text("//section[@class='related']/h2") == "Похожие материалы");
    CHECK(doc->text("//button[@class='search-button']") == "Найти");
  }
  // The English default, and an English Accept-Language.
  CHECK(page("/doc/lab-1")->text("//html/@lang") == "en");
  CHECK(page("/doc/lab-1", 200, {{"Accept-Language", "en-GB"}})->text("//dt") == "Date");
  // An interface language searchd does not have is a 400 that says so.
  const auto bad = page("/doc/lab-1?ui_lang=fr", 400);
  CHECK(bad->text("//div[@role='alert']/p").find("unsupported interface language 'fr'") != std::string::npos);
}

TEST_CASE("doc page: an unknown id is a 404 page that names it, escaped") {
  const auto missing = page("/doc/" + url_encoded("no-such-<b>item</b>") + "?ui_lang=en", 404);
  CHECK(missing->text("//title") == "Document not found — Caravan");
  CHECK(missing->text("//div[@role='alert']/p") == "There is no document with the id “no-such-<b>item</b>” in the index.");
  CHECK(missing->nodes("//b").empty());
  CHECK(missing->source.find("<b>item") == std::string::npos);
  const auto ru = page("/doc/nothing?ui_lang=ru", 404);
  CHECK(ru->text("//h1") == "Документ не найден");
}

TEST_CASE("doc page: hostile ids, titles and bodies stay text") {
  const std::string id = "evil/<\"x\">&'1";
  const auto doc = page("/doc/" + url_encoded(id));
  CHECK(doc->text("//h1") == "<script>alert('title')</script> & \"quotes\" <svg onload=alert(3)>");
  CHECK(doc->text("//title") == "<script>alert('title')</script> & \"quotes\" <svg onload=alert(3)> — Caravan");
  CHECK(doc->nodes("//script").empty());
  CHECK(doc->nodes("//svg").empty());
  CHECK(doc->nodes("//iframe").empty());
  const auto paragraphs = doc->texts("//div[@class='doc-body']/p");
  REQUIRE(paragraphs.size() == 2);
  CHECK(paragraphs[0] == "Body with <svg onload=alert(1)> and </p><script>alert(2)</script> & more.");
  CHECK(paragraphs[1] == "Second paragraph & <iframe src=x>.");
  CHECK(doc->source.find("<script") == std::string::npos);
  CHECK(doc->source.find("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;") != std::string::npos);
  // Linked from another page, the id is percent-encoded in the link.
  const json api = fetch_json("/api/doc/" + url_encoded(id));
  CHECK(api["id"] == id);
}

TEST_CASE("doc page: a long title is given whole, in <title> and the heading") {
  const json doc = fetch_json("/api/doc/long-title");
  const std::string title = doc["title"];
  REQUIRE(title.size() > 400);
  const auto html = page("/doc/long-title");
  CHECK(html->text("//h1") == title);
  CHECK(html->text("//title") == title + " — Caravan");
}
