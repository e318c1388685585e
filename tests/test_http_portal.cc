// What a portal needs around the search API: framing and CORS preflight, facet value search,
// OpenSearch, Atom feeds and Prometheus metrics; against the real searchd on a loopback port.
#include <doctest/doctest.h>
#include <httplib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "tests/search_server.h"
#include "tests/subprocess.h"
#include "tests/test_paths.h"

using nlohmann::json;
using namespace caravan::test;

namespace {

// A searchd of its own, started with the portal's flags over the fixtures plus items whose
// titles need escaping in XML.
struct PortalSearchd {
  TempDir dir;
  std::unique_ptr<Process> process;
  int port = 0;

  PortalSearchd() {
    const std::string items = (dir.path() / "items.jsonl").string();
    std::ofstream(items) << R"({"id":"esc-1","url":"https://example.org/esc?a=1&b=2","title":"Seizure <heroin> & <opium> \"arrests\" 'at' the border","body":"Officers seized 5 kg <script>alert(1)</script> & more at the border\u0007 of Kazakhstan.","date":"2027-01-05","lang":"en"})"
                         << "\n"
                         << R"({"id":"ru-feed","title":"Совещание руководителей в Душанбе","body":"Совещание руководителей антинаркотических ведомств прошло в Душанбе.","date":"2027-01-04","lang":"ru"})"
                         << "\n";
    const std::string index = (dir.path() / "index").string();
    const RunResult build = run({CARAVAN_INDEXER_BIN, "build", "--out", index, "--quiet", items,
                                 (fixtures() / "news" / "mixed.jsonl").string(),
                                 (demo_dir() / "portal_listing_page1.txt").string(),
                                 (demo_dir() / "news_region.jsonl").string()});
    REQUIRE_MESSAGE(build.exit_code == 0, build.output);
    process = std::make_unique<Process>(std::vector<std::string>{
        CARAVAN_SEARCHD_BIN, "--index", index, "--listen", "127.0.0.1:0", "--cors-origin", "https://portal.example",
        "--frame-ancestors", "'self'", "--frame-ancestors", "https://portal.example"});
    port = listening_port(*process);
  }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(5);
    c.set_read_timeout(10);
    return c;
  }
};

PortalSearchd& portal() {
  static PortalSearchd instance;
  return instance;
}

std::string frame_ancestors_of(const httplib::Result& res) {
  const std::string csp = res->get_header_value("Content-Security-Policy");
  const auto start = csp.find("frame-ancestors");
  if (start == std::string::npos) return "";
  return csp.substr(start, csp.find(';', start) - start);
}

// A parsed XML document (libxml2), freed on destruction.
struct XmlDoc {
  xmlDocPtr doc = nullptr;
  explicit XmlDoc(const std::string& text)
      : doc(xmlReadMemory(text.data(), static_cast<int>(text.size()), "answer.xml", nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR)) {}
  ~XmlDoc() { xmlFreeDoc(doc); }
  xmlNodePtr root() const { return doc ? xmlDocGetRootElement(doc) : nullptr; }
};

std::string name_of(xmlNodePtr node) { return reinterpret_cast<const char*>(node->name); }

std::string ns_of(xmlNodePtr node) { return node->ns ? reinterpret_cast<const char*>(node->ns->href) : ""; }

std::string text_of(xmlNodePtr node) {
  xmlChar* content = xmlNodeGetContent(node);
  std::string text = content ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  return text;
}

std::string attribute_of(xmlNodePtr node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  std::string text = value ? reinterpret_cast<const char*>(value) : "";
  xmlFree(value);
  return text;
}

std::vector<xmlNodePtr> children(xmlNodePtr node, const std::string& name) {
  std::vector<xmlNodePtr> found;
  for (xmlNodePtr child = node ? node->children : nullptr; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE && name_of(child) == name) found.push_back(child);
  return found;
}

std::string child_text(xmlNodePtr node, const std::string& name) {
  const auto found = children(node, name);
  return found.empty() ? "" : text_of(found.front());
}

std::vector<std::string> values_of(const json& answer) {
  std::vector<std::string> values;
  for (const auto& v : answer["values"]) values.push_back(v["value"].get<std::string>());
  return values;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

TEST_CASE("frame-ancestors: 'self' by default, the --frame-ancestors list when given") {
  auto shared = get("/");
  REQUIRE(shared);
  CHECK(frame_ancestors_of(shared) == "frame-ancestors 'self'");
  auto res = portal().client().Get("/api/stats");
  REQUIRE(res);
  CHECK(frame_ancestors_of(res) == "frame-ancestors 'self' https://portal.example");
  // A source that would break the header is refused at start.
  const RunResult bad = run({CARAVAN_SEARCHD_BIN, "--index", "/nonexistent", "--frame-ancestors", "https://a.example; script-src *"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.output.find("--frame-ancestors") != std::string::npos);
}

TEST_CASE("CORS preflight from an allowed origin says which headers and for how long") {
  httplib::Client client("127.0.0.1", server().port);
  auto allowed = client.Options("/api/search?q=x", {{"Origin", "https://portal.example"},
                                                   {"Access-Control-Request-Method", "GET"},
                                                   {"Access-Control-Request-Headers", "content-type"}});
  REQUIRE(allowed);
  CHECK(allowed->status == 204);
  CHECK(allowed->get_header_value("Access-Control-Allow-Origin") == "https://portal.example");
  CHECK(allowed->get_header_value("Access-Control-Allow-Methods").find("GET") != std::string::npos);
  CHECK(allowed->get_header_value("Access-Control-Allow-Headers") == "Content-Type");
  CHECK(allowed->get_header_value("Access-Control-Max-Age") == "600");
  auto other = client.Options("/api/search?q=x", {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "GET"}});
  REQUIRE(other);
  CHECK_FALSE(other->has_header("Access-Control-Allow-Origin"));
  CHECK_FALSE(other->has_header("Access-Control-Allow-Headers"));
  CHECK_FALSE(other->has_header("Access-Control-Max-Age"));
  // A plain GET gets no preflight headers.
  auto plain = get("/api/search?q=x", {{"Origin", "https://portal.example"}});
  REQUIRE(plain);
  CHECK_FALSE(plain->has_header("Access-Control-Max-Age"));
}

TEST_CASE("facet value search: a country by a prefix of its name in any language, script and case") {
  const unsigned kz = count_of(get_json("/api/search?q=&size=1"), "country", "KZ");
  REQUIRE(kz > 0);
  for (const std::string prefix : {"kaz", "Kaz", "KAZ", "каз", "Каз", "КАЗ", "kz", " kaz"}) {
    const auto answer = get_json("/api/facets/country?prefix=" + url_encoded(prefix));
    CHECK(answer["facet"] == "country");
    REQUIRE_MESSAGE(!answer["values"].empty(), prefix);
    CHECK_MESSAGE(answer["values"][0]["value"] == "KZ", prefix);
    CHECK(answer["values"][0]["count"] == kz);
    CHECK(answer["values"][0]["label"] == "Kazakhstan");
  }
  CHECK(get_json("/api/facets/country?prefix=kaz&ui_lang=ru")["values"][0]["label"] == "Казахстан");
  CHECK(contains(values_of(get_json("/api/facets/country?prefix=" + url_encoded("Узб"))), "UZ"));
  CHECK(contains(values_of(get_json("/api/facets/country?prefix=uzb")), "UZ"));
  CHECK(get_json("/api/facets/country?prefix=zzzz")["values"].empty());
  // Organizations by acronym or name, in Cyrillic and Latin.
  CHECK(contains(values_of(get_json("/api/facets/organization?prefix=" + url_encoded("унп"))), "UNODC"));
  CHECK(contains(values_of(get_json("/api/facets/organization?prefix=unod")), "UNODC"));
  CHECK(contains(values_of(get_json("/api/facets/organization?prefix=united%20nations%20office")), "UNODC"));
}

TEST_CASE("facet value search counts under the current query and filters, disjunctively") {
  const auto meeting = get_json("/api/search?q=meeting&size=1");
  const auto answer = get_json("/api/facets/country?q=meeting&prefix=kaz");
  REQUIRE(!answer["values"].empty());
  CHECK(answer["values"][0]["count"] == count_of(meeting, "country", "KZ"));
  CHECK(answer["values"][0]["selected"] == false);
  // Filters of other facets narrow the counts; the facet's own selection does not.
  const auto russian = get_json("/api/search?lang=ru&size=1");
  const auto in_russian = get_json("/api/facets/country?lang=ru&prefix=kaz");
  CHECK((in_russian["values"].empty() ? 0u : in_russian["values"][0]["count"].get<unsigned>()) == count_of(russian, "country", "KZ"));
  const auto uz_selected = get_json("/api/search?country=UZ&size=1");
  const auto with_uz = get_json("/api/facets/country?country=UZ&prefix=kaz");
  CHECK(with_uz["values"][0]["count"] == count_of(uz_selected, "country", "KZ"));
  const auto with_kz = get_json("/api/facets/country?country=KZ&prefix=kaz");
  CHECK(with_kz["values"][0]["selected"] == true);
  // Filters typed in q count too.
  CHECK(get_json("/api/facets/country?q=lang:ru&prefix=kaz")["values"] == in_russian["values"]);
}

TEST_CASE("facet value search: only values with items, most items first, then by label, at most size") {
  const auto all = get_json("/api/facets/country?size=100");
  REQUIRE(all["values"].size() >= 3);
  for (size_t i = 0; i < all["values"].size(); ++i) {
    const auto& v = all["values"][i];
    CHECK(v["count"].get<unsigned>() > 0);
    if (i == 0) continue;
    const auto& before = all["values"][i - 1];
    CHECK(before["count"].get<unsigned>() >= v["count"].get<unsigned>());
    if (before["count"] == v["count"]) CHECK(before["label"].get<std::string>() <= v["label"].get<std::string>());
  }
  CHECK(get_json("/api/facets/country")["values"].size() <= 20);
  CHECK(get_json("/api/facets/country?size=1")["values"].size() == 1);
  CHECK(get_json("/api/facets/country?size=1")["values"][0] == all["values"][0]);
  // lang, year and month match their value or their label in either UI language.
  CHECK(contains(values_of(get_json("/api/facets/lang?prefix=ru")), "ru"));
  CHECK(contains(values_of(get_json("/api/facets/lang?prefix=russ")), "ru"));
  const auto russkiy = get_json("/api/facets/lang?prefix=" + url_encoded("рус") + "&ui_lang=ru");
  REQUIRE(contains(values_of(russkiy), "ru"));
  CHECK(russkiy["values"][0]["label"] == "Русский");
  const auto years = values_of(get_json("/api/facets/year?prefix=202&size=100"));
  CHECK(!years.empty());
  for (const auto& year : years) CHECK(year.starts_with("202"));
  CHECK(contains(values_of(get_json("/api/facets/month?prefix=2020-1&size=100")), "2020-10"));
  CHECK(contains(values_of(get_json("/api/facets/month?prefix=" + url_encoded("Октябрь 2020"))), "2020-10"));
  CHECK(contains(values_of(get_json("/api/facets/month?prefix=october")), "2020-10"));
}

TEST_CASE("facet value search: an unknown facet is a 404 of its own, bad parameters 400") {
  const auto unknown = get_json("/api/facets/colour?prefix=a", 404);
  CHECK(unknown["error"]["code"] == "not_found");
  CHECK(unknown["error"]["message"].get<std::string>().find("no facet named 'colour'") != std::string::npos);
  for (const std::string& path : std::vector<std::string>{"/api/facets/country?size=0", "/api/facets/country?size=101", "/api/facets/country?size=x",
                                 "/api/facets/country?ui_lang=fr", "/api/facets/country?from=2020-13-01",
                                 "/api/facets/country?prefix=" + std::string(300, 'a'),
                                 "/api/facets/country?q=" + std::string(1100, 'a')}) {
    const auto error = get_json(path, 400);
    CHECK_MESSAGE(error["error"]["code"] == "bad_parameter", path);
  }
}

TEST_CASE("opensearch.xml describes the UI, suggestions and feed at the Host the client used") {
  auto res = get("/opensearch.xml", {{"Host", "news.example:8443"}});
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type").starts_with("application/opensearchdescription+xml"));
  const XmlDoc doc(res->body);
  REQUIRE(doc.root());
  CHECK(name_of(doc.root()) == "OpenSearchDescription");
  CHECK(ns_of(doc.root()) == "http://a9.com/-/spec/opensearch/1.1/");
  CHECK(child_text(doc.root(), "ShortName") == "Caravan");
  CHECK(!child_text(doc.root(), "Description").empty());
  CHECK(child_text(doc.root(), "InputEncoding") == "UTF-8");
  std::map<std::string, std::string> templates;
  for (xmlNodePtr url : children(doc.root(), "Url")) templates[attribute_of(url, "type")] = attribute_of(url, "template");
  CHECK(templates["text/html"] == "http://news.example:8443/?q={searchTerms}");
  CHECK(templates["application/x-suggestions+json"].starts_with("http://news.example:8443/api/suggest?q={searchTerms}"));
  CHECK(templates["application/atom+xml"] == "http://news.example:8443/feed.atom?q={searchTerms}");
  // A Host with anything else is not echoed: the listen address stands in.
  for (const char* host : {"evil.example/\"><x", "a b", "news.example\\x"}) {
    auto odd = get("/opensearch.xml", {{"Host", host}});
    REQUIRE(odd);
    const XmlDoc odd_doc(odd->body);
    REQUIRE(odd_doc.root());
    for (xmlNodePtr url : children(odd_doc.root(), "Url"))
      CHECK(attribute_of(url, "template").starts_with("http://127.0.0.1:" + std::to_string(server().port) + "/"));
  }
  // The suggestions URL answers in OpenSearch's array format; the UI links the description.
  const auto suggestions = get_json("/api/suggest?q=drug%20traf&format=opensearch");
  REQUIRE(suggestions.is_array());
  CHECK(suggestions[0] == "drug traf");
  CHECK(contains(suggestions[1].get<std::vector<std::string>>(), "drug trafficking"));
  CHECK(get("/")->body.find(R"(<link rel="search" type="application/opensearchdescription+xml" href="/opensearch.xml" title="Caravan">)") !=
        std::string::npos);
}

namespace {

struct Feed {
  std::string raw;
  std::unique_ptr<XmlDoc> doc;
  std::vector<xmlNodePtr> entries;
};

Feed feed(const std::string& query) {
  auto res = portal().client().Get("/feed.atom" + query);
  REQUIRE(res);
  REQUIRE_MESSAGE(res->status == 200, res->body);
  CHECK(res->get_header_value("Content-Type").starts_with("application/atom+xml"));
  Feed out{res->body, std::make_unique<XmlDoc>(res->body), {}};
  REQUIRE_MESSAGE(out.doc->root(), res->body);
  CHECK(name_of(out.doc->root()) == "feed");
  CHECK(ns_of(out.doc->root()) == "http://www.w3.org/2005/Atom");
  out.entries = children(out.doc->root(), "entry");
  return out;
}

xmlNodePtr entry_titled(const Feed& f, const std::string& prefix) {
  for (xmlNodePtr entry : f.entries)
    if (child_text(entry, "title").starts_with(prefix)) return entry;
  return nullptr;
}

}  // namespace

TEST_CASE("feed.atom: the newest 20 items of a search as valid Atom 1.0") {
  const Feed all = feed("");
  CHECK(all.entries.size() == 20);  // 29 items in the index
  const std::string base = "http://127.0.0.1:" + std::to_string(portal().port);
  CHECK(child_text(all.doc->root(), "id") == base + "/feed.atom");
  CHECK(!child_text(all.doc->root(), "title").empty());
  CHECK(std::regex_match(child_text(all.doc->root(), "updated"), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
  CHECK(child_text(all.doc->root(), "updated") == "2027-01-05T00:00:00Z");  // the newest item
  bool self = false;
  for (xmlNodePtr link : children(all.doc->root(), "link"))
    self |= attribute_of(link, "rel") == "self" && attribute_of(link, "href") == base + "/feed.atom";
  CHECK(self);
  std::string previous = "9999";
  std::set<std::string> entry_ids;
  for (xmlNodePtr entry : all.entries) {
    const std::string id = child_text(entry, "id");
    CHECK(id.starts_with("tag:caravan,2026:doc/"));
    entry_ids.insert(id);
    CHECK(!child_text(entry, "title").empty());
    const std::string updated = child_text(entry, "updated");
    CHECK(std::regex_match(updated, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
    if (updated.starts_with("20")) {  // dated items come newest first
      CHECK(updated <= previous);
      previous = updated;
    }
    REQUIRE(children(entry, "link").size() == 1);
    CHECK(!attribute_of(children(entry, "link")[0], "href").empty());
    CHECK(children(entry, "summary").size() == 1);
  }
  CHECK(entry_ids.size() == all.entries.size());

  const Feed filtered = feed("?q=border&country=KZ&lang=en");
  CHECK(!filtered.entries.empty());
  CHECK(filtered.entries.size() < 20);
  CHECK(child_text(filtered.doc->root(), "id") == base + "/feed.atom?country=KZ&lang=en&q=border");
  for (xmlNodePtr entry : filtered.entries) CHECK(attribute_of(entry, "lang") == "en");  // xml:lang
}

TEST_CASE("feed.atom escapes markup in titles and snippets and keeps Russian text intact") {
  const Feed escaped = feed("?q=seizure");
  xmlNodePtr entry = entry_titled(escaped, "Seizure");
  REQUIRE(entry);
  CHECK(child_text(entry, "title") == "Seizure <heroin> & <opium> \"arrests\" 'at' the border");
  CHECK(escaped.raw.find("Seizure &lt;heroin&gt; &amp; &lt;opium&gt;") != std::string::npos);
  CHECK(attribute_of(children(entry, "link")[0], "href") == "https://example.org/esc?a=1&b=2");
  const std::string summary = child_text(entry, "summary");
  CHECK(attribute_of(children(entry, "summary")[0], "type") == "text");
  CHECK(summary.find("<mark>") == std::string::npos);  // the highlight is markup, not text
  CHECK(summary.find("&amp;") == std::string::npos);   // the snippet's HTML escapes are undone once
  CHECK(summary.find('\x07') == std::string::npos);    // not a character of XML 1.0
  CHECK(escaped.raw.find("<script>") == std::string::npos);
  CHECK(child_text(entry, "updated") == "2027-01-05T00:00:00Z");

  const Feed russian = feed("?q=" + url_encoded("совещание руководителей"));
  xmlNodePtr ru = entry_titled(russian, "Совещание руководителей в Душанбе");
  REQUIRE(ru);
  CHECK(child_text(ru, "summary").find("Душанбе") != std::string::npos);
  CHECK(attribute_of(children(ru, "link")[0], "href") ==
        "http://127.0.0.1:" + std::to_string(portal().port) + "/doc/ru-feed");  // no URL: its document view
  CHECK(attribute_of(ru, "lang") == "ru");
  CHECK(child_text(russian.doc->root(), "title").find("совещание руководителей") != std::string::npos);

  auto bad = portal().client().Get("/feed.atom?from=2020-13-01");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(json::parse(bad->body)["error"]["code"] == "bad_parameter");
}

namespace {

// Sample lines "name{labels} value" of a Prometheus text exposition, by "name{labels}".
std::map<std::string, double> samples(const std::string& text) {
  std::map<std::string, double> out;
  std::istringstream in(text);
  std::string line;
  const std::regex sample(R"re(([a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*"(,[a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*")*\})?) ([-+0-9.eE]+|\+Inf|NaN))re");
  while (std::getline(in, line)) {
    if (line.empty() || line.starts_with("# ")) continue;
    std::smatch match;
    CHECK_MESSAGE(std::regex_match(line, match, sample), line);
    if (!match.empty()) out[match[1]] = std::stod(match[4]);
  }
  return out;
}

std::map<std::string, double> scrape() {
  auto res = get("/metrics");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type").starts_with("text/plain; version=0.0.4"));
  return samples(res->body);
}

}  // namespace

TEST_CASE("metrics: Prometheus text with request counters, latency histograms and gauges that rise") {
  auto res = get("/metrics");
  REQUIRE(res);
  for (const char* type : {"# TYPE caravan_http_requests_total counter", "# TYPE caravan_http_request_duration_seconds histogram",
                           "# TYPE caravan_index_documents gauge", "# TYPE process_resident_memory_bytes gauge"})
    CHECK_MESSAGE(res->body.find(type) != std::string::npos, type);
  auto before = scrape();
  CHECK(before["caravan_index_documents"] == 27);
  CHECK(before["process_resident_memory_bytes"] > 1e6);

  for (int i = 0; i < 3; ++i) get_json("/api/search?q=meeting");
  get_json("/api/search?size=0", 400);
  get_json("/api/facets/country?prefix=kaz");
  get_json("/api/nothing", 404);
  get("/no-such-page-" + std::to_string(before.size()));
  get("/feed.atom");
  auto after = scrape();
  const std::string ok = R"(caravan_http_requests_total{route="search",status="200"})";
  CHECK(after[ok] == before[ok] + 3);
  const std::string bad = R"(caravan_http_requests_total{route="search",status="400"})";
  CHECK(after[bad] == before[bad] + 1);
  const std::string facets = R"(caravan_http_requests_total{route="facets",status="200"})";
  CHECK(after[facets] == before[facets] + 1);
  const std::string other = R"(caravan_http_requests_total{route="other",status="404"})";
  CHECK(after[other] == before[other] + 2);  // unknown paths share one label
  const std::string feed_ok = R"(caravan_http_requests_total{route="feed",status="200"})";
  CHECK(after[feed_ok] == before[feed_ok] + 1);
  const std::string metrics_ok = R"(caravan_http_requests_total{route="metrics",status="200"})";
  CHECK(after[metrics_ok] >= before[metrics_ok] + 1);  // the scrape before this one

  // The search histogram: cumulative buckets 0.005 .. 5, +Inf equal to the count, a sum.
  const std::string prefix = R"(caravan_http_request_duration_seconds_bucket{route="search",le=")";
  double previous = 0;
  for (const char* le : {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "+Inf"}) {
    REQUIRE_MESSAGE(after.count(prefix + le + "\"}"), le);
    CHECK(after[prefix + le + "\"}"] >= previous);
    previous = after[prefix + le + "\"}"];
  }
  const double count = after[R"(caravan_http_request_duration_seconds_count{route="search"})"];
  CHECK(previous == count);
  CHECK(count == before[R"(caravan_http_request_duration_seconds_count{route="search"})"] + 4);
  CHECK(after[R"(caravan_http_request_duration_seconds_sum{route="search"})"] > 0);
  // Labels stay bounded: only the fixed routes appear.
  const std::set<std::string> routes = {"search", "suggest", "facets", "doc", "stats", "healthz", "metrics",
                                        "opensearch", "feed", "preflight", "static", "other"};
  for (const auto& [name, value] : after) {
    const std::smatch match = [&] {
      std::smatch m;
      std::regex_search(name, m, std::regex(R"re(route="([^"]*)")re"));
      return m;
    }();
    if (!match.empty()) CHECK_MESSAGE(routes.count(match[1]), name);
  }
}
