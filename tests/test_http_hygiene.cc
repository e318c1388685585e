// What searchd must not give away (files outside --web, files under another MIME type, its paths)
// and the HTTP conventions clients and caches expect: gzip, ETag and 304, Cache-Control, 405, 404 bodies.
#include <doctest/doctest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "tests/subprocess.h"
#include "tests/test_paths.h"

using namespace caravan::test;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& path, const std::string& content) { std::ofstream(path, std::ios::binary) << content; }

// A searchd of its own on a loopback port, with extra arguments (--web, an index that is missing).
struct OwnSearchd {
  std::unique_ptr<Process> process;
  int port = 0;

  OwnSearchd(const std::string& index, std::vector<std::string> extra) {
    std::vector<std::string> argv = {CARAVAN_SEARCHD_BIN, "--index", index, "--listen", "127.0.0.1:0"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    process = std::make_unique<Process>(argv, true);
    port = listening_port(*process);
  }

  httplib::Result get(const std::string& path) const { return client().Get(path); }

  // A client that hands over bodies as sent (no decompression) and asks for what headers say.
  httplib::Client client() const {
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(5);
    client.set_read_timeout(10);
    return client;
  }
  httplib::Result raw_get(const std::string& path, const httplib::Headers& headers) const {
    httplib::Client c = client();
    c.set_decompress(false);
    return c.Get(path, headers);
  }
};

}  // namespace

TEST_CASE("--web serves only regular files under the web root: no symlinks out, no NUL tricks") {
  TempDir dir;
  const fs::path web = dir.path() / "web", secrets = dir.path() / "secrets";
  fs::create_directories(web / "css");
  fs::create_directories(secrets);
  write(web / "index.html", "<!doctype html><html lang=\"ru\"><title>Караван</title></html>");
  write(web / "app.js", "console.log('Caravan');");
  write(web / "css" / "style.css", "body { color: black; }");
  write(secrets / "token.txt", "SECRET-TOKEN");
  fs::create_symlink("../secrets/token.txt", web / "token.txt");  // a file link leading out of the root
  fs::create_symlink(secrets, web / "private");                   // a directory link leading out
  fs::create_symlink("app.js", web / "alias.js");                 // a link that stays inside: still refused
  const std::string index = (dir.path() / "index").string();
  write(dir.path() / "items.jsonl",
        R"json({"id":"js-1","url":"javascript:alert(document.cookie)","title":"Customs meeting","body":"Customs officers met in Almaty."})json"
        "\n"
        R"({"id":"ru-1","url":"https://example.org/ru/1","title":"Совещание","body":"Совещание таможенников в Бишкеке."})"
        "\n");
  const RunResult build = run({CARAVAN_INDEXER_BIN, "build", "--out", index, (dir.path() / "items.jsonl").string()});
  REQUIRE_MESSAGE(build.exit_code == 0, build.output);
  CHECK(build.output.find("items.jsonl:1: warning: bad url 'javascript:alert(document.cookie)'") != std::string::npos);
  const OwnSearchd searchd(index, {"--web", web.string()});

  for (const char* path : {"/", "/index.html", "/app.js", "/css/style.css"}) {
    const auto res = searchd.get(path);
    REQUIRE(res);
    CHECK_MESSAGE(res->status == 200, std::string(path));
  }
  CHECK(searchd.get("/")->body.find("Караван") != std::string::npos);
  CHECK(searchd.get("/app.js")->get_header_value("Content-Type").find("javascript") != std::string::npos);

  for (const char* path : {"/token.txt", "/private/token.txt", "/alias.js", "/css", "/../secrets/token.txt",
                           "/%2e%2e/secrets/token.txt", "/nothing.js"}) {
    const auto res = searchd.get(path);
    REQUIRE(res);
    CHECK_MESSAGE(res->status == 404, std::string(path) << " -> " << res->status);
    CHECK_MESSAGE(res->body.find("SECRET") == std::string::npos, std::string(path));
  }
  for (const char* path : {"/app.js%00.html", "/app.js%00", "/index.html%0d%0aX-Injected:%201", "/app.js%7f"}) {
    const auto res = searchd.get(path);
    REQUIRE(res);
    CHECK_MESSAGE(res->status == 400, std::string(path) << " -> " << res->status);
    CHECK_MESSAGE(res->body.find("console.log") == std::string::npos, std::string(path));
    CHECK_FALSE(res->has_header("X-Injected"));
  }

  // The API still answers, and serves no javascript: link (the indexer refused to store it).
  const auto doc = nlohmann::json::parse(searchd.get("/api/doc/js-1")->body);
  CHECK(doc["url"] == "");
  CHECK(nlohmann::json::parse(searchd.get("/api/doc/ru-1")->body)["url"] == "https://example.org/ru/1");
}

TEST_CASE("without an index: 503 'no index is available', no server paths; the reason logged once") {
  TempDir dir;
  const std::string index = (dir.path() / "missing-index").string();
  const OwnSearchd searchd(index, {});
  for (const char* path : {"/api/search?q=meeting", "/api/search?q=%D1%81%D0%BE%D0%B2%D0%B5%D1%89%D0%B0%D0%BD%D0%B8%D0%B5",
                           "/api/stats", "/api/suggest?q=cus", "/api/doc/en-1", "/healthz"}) {
    const auto res = searchd.get(path);
    REQUIRE(res);
    CHECK_MESSAGE(res->status == 503, std::string(path));
    const auto body = nlohmann::json::parse(res->body);
    CHECK(body["error"]["code"] == "no_index");
    CHECK(body["error"]["message"] == "no index is available");
    CHECK_MESSAGE(res->body.find(dir.path().string()) == std::string::npos, res->body);
  }
  const std::string logged = searchd.process->read_line(3000);
  CHECK(logged.find("no index can be opened at " + index) != std::string::npos);
  CHECK(searchd.process->read_line(500).empty());  // six failed requests, one line

  // Once an index appears, it is served.
  const RunResult build = run({CARAVAN_INDEXER_BIN, "build", "--out", index, "--quiet",
                               (fixtures() / "news" / "mixed.jsonl").string()});
  REQUIRE_MESSAGE(build.exit_code == 0, build.output);
  CHECK(searchd.get("/api/search?q=meeting")->status == 200);
}

namespace {

std::string gunzip(const std::string& data) {
  z_stream stream{};
  REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);  // gzip only
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  int status = Z_OK;
  while (status == Z_OK) {
    char buffer[16384];
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
  }
  inflateEnd(&stream);
  CHECK(status == Z_STREAM_END);
  return out;
}

// Bodies compared without took_ms, the one field that changes from answer to answer.
std::string comparable(const std::string& body) {
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return body;
  json.erase("took_ms");
  return json.dump();
}

// A searchd with --web over an index of the English and Russian fixtures, rebuilt by some tests.
struct ConventionsSearchd {
  TempDir dir;
  fs::path web = dir.path() / "web";
  std::string index = (dir.path() / "index").string();
  std::unique_ptr<OwnSearchd> searchd;

  ConventionsSearchd() {
    fs::create_directories(web);
    write(web / "index.html", "<!doctype html><html lang=\"ru\"><title>Караван</title><script src=\"app.js?v=1\"></script></html>");
    write(web / "app.js", "console.log('Caravan: поиск новостей');\n");
    write(web / "widget.js", "console.log('Caravan widget');\n");
    build();
    searchd = std::make_unique<OwnSearchd>(index, std::vector<std::string>{"--web", web.string()});
  }

  void build(const std::vector<std::string>& more = {}) const {
    std::vector<std::string> argv = {CARAVAN_INDEXER_BIN, "build", "--out", index, "--quiet",
                                     (fixtures() / "news" / "mixed.jsonl").string()};
    argv.insert(argv.end(), more.begin(), more.end());
    const RunResult built = run(argv);
    REQUIRE_MESSAGE(built.exit_code == 0, built.output);
  }
};

ConventionsSearchd& conventions() {
  static ConventionsSearchd instance;
  return instance;
}

const std::string kRussianQuery = "/api/search?q=%D1%81%D0%BE%D0%B2%D0%B5%D1%89%D0%B0%D0%BD%D0%B8%D0%B5&size=20";  // совещание

}  // namespace

TEST_CASE("gzip: JSON, Atom and OpenSearch answers are compressed when asked for, and decompress to the plain answer") {
  const OwnSearchd& searchd = *conventions().searchd;
  for (const std::string& path : {std::string("/api/search?q=meeting&size=20"), kRussianQuery, std::string("/api/stats"),
                                 std::string("/api/suggest?q=me"), std::string("/api/facets/country?prefix="),
                                 std::string("/feed.atom?q=meeting"), std::string("/opensearch.xml")}) {
    const auto plain = searchd.raw_get(path, {{"Accept-Encoding", "identity"}});
    const auto zipped = searchd.raw_get(path, {{"Accept-Encoding", "deflate, gzip;q=0.8"}});
    REQUIRE(plain);
    REQUIRE(zipped);
    CHECK_MESSAGE(plain->status == 200, path);
    CHECK(zipped->status == 200);
    CHECK_FALSE(plain->has_header("Content-Encoding"));
    CHECK(plain->get_header_value("Vary").find("Accept-Encoding") != std::string::npos);
    CHECK(zipped->get_header_value("Vary").find("Accept-Encoding") != std::string::npos);
    if (plain->body.size() < 256) continue;  // too small to be worth it: sent as it is
    CHECK_MESSAGE(zipped->get_header_value("Content-Encoding") == "gzip", path);
    CHECK(zipped->get_header_value("Content-Length") == std::to_string(zipped->body.size()));
    CHECK(zipped->get_header_value("Content-Type") == plain->get_header_value("Content-Type"));
    CHECK_MESSAGE(zipped->body.size() < plain->body.size(), path);
    CHECK_MESSAGE(comparable(gunzip(zipped->body)) == comparable(plain->body), path);
  }
  const auto russian = searchd.raw_get(kRussianQuery, {{"Accept-Encoding", "gzip"}});
  REQUIRE(russian);
  CHECK(gunzip(russian->body).find("Совещание") != std::string::npos);
  // gzip;q=0 refuses it; "*" accepts it; a client that says nothing gets the plain answer.
  CHECK_FALSE(searchd.raw_get(kRussianQuery, {{"Accept-Encoding", "gzip;q=0, identity"}})->has_header("Content-Encoding"));
  CHECK(searchd.raw_get(kRussianQuery, {{"Accept-Encoding", "*"}})->get_header_value("Content-Encoding") == "gzip");
  CHECK_FALSE(searchd.raw_get(kRussianQuery, {{"Accept-Encoding", ""}})->has_header("Content-Encoding"));
}

TEST_CASE("ETag and 304: bound to the index revision and the request; live answers and errors are not stored") {
  ConventionsSearchd& own = conventions();
  const OwnSearchd& searchd = *own.searchd;
  const auto first = searchd.get(kRussianQuery);
  REQUIRE(first);
  const std::string tag = first->get_header_value("ETag");
  CHECK(std::regex_match(tag, std::regex(R"(W/"[0-9a-f]{16}")")));
  CHECK(first->get_header_value("Cache-Control") == "no-cache");
  CHECK(searchd.get(kRussianQuery)->get_header_value("ETag") == tag);
  CHECK(searchd.get("/api/search?q=meeting")->get_header_value("ETag") != tag);

  // Connection: close, since a 304 has no body and so no Content-Length for the client to wait on.
  const auto conditional = [&](const std::string& path, const std::string& if_none_match) {
    return searchd.raw_get(path, {{"If-None-Match", if_none_match}, {"Connection", "close"}});
  };
  const auto not_modified = conditional(kRussianQuery, tag);
  REQUIRE(not_modified);
  CHECK(not_modified->status == 304);
  CHECK(not_modified->body.empty());
  CHECK(not_modified->get_header_value("ETag") == tag);
  CHECK_FALSE(not_modified->has_header("Content-Length"));
  CHECK(conditional(kRussianQuery, "W/\"0000000000000000\", " + tag)->status == 304);
  CHECK(conditional(kRussianQuery, tag.substr(2))->status == 304);  // weak comparison
  CHECK(conditional(kRussianQuery, "W/\"0000000000000000\"")->status == 200);
  CHECK(conditional("/feed.atom?q=meeting", searchd.get("/feed.atom?q=meeting")->get_header_value("ETag"))->status == 304);

  for (const char* path : {"/healthz", "/metrics"}) {
    const auto live = searchd.get(path);
    CHECK_MESSAGE(live->get_header_value("Cache-Control") == "no-store", path);
    CHECK_FALSE(live->has_header("ETag"));
  }
  const auto bad = searchd.get("/api/search?page=0");
  CHECK(bad->status == 400);
  CHECK(bad->get_header_value("Cache-Control") == "no-store");
  CHECK_FALSE(bad->has_header("ETag"));
  CHECK(conditional("/api/search?page=0", "*")->status == 400);  // "*" names only an answer that exists
  CHECK(conditional(kRussianQuery, "*")->status == 304);

  // An update commits a new revision, a rebuild swaps in a new generation: the tag changes each time.
  const std::string items = (own.dir.path() / "more.jsonl").string();
  write(items, R"({"id":"ru-etag","title":"Совещание в Оше","body":"Совещание пограничников прошло в Оше.","lang":"ru"})" "\n");
  const RunResult updated = run({CARAVAN_INDEXER_BIN, "update", "--out", own.index, "--quiet", items});
  REQUIRE_MESSAGE(updated.exit_code == 0, updated.output);
  const std::string after_update = searchd.get(kRussianQuery)->get_header_value("ETag");
  CHECK(after_update != tag);
  CHECK(conditional(kRussianQuery, tag)->status == 200);
  own.build();
  const auto rebuilt = searchd.get(kRussianQuery);
  CHECK(rebuilt->get_header_value("ETag") != after_update);
  CHECK(rebuilt->get_header_value("ETag") != tag);
  CHECK(conditional(kRussianQuery, after_update)->status == 200);
  CHECK(conditional(kRussianQuery, rebuilt->get_header_value("ETag"))->status == 304);
}

TEST_CASE("static files: revalidated by ETag, kept a year when versioned with ?v=") {
  const OwnSearchd& searchd = *conventions().searchd;
  const auto page = searchd.get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Cache-Control") == "no-cache");
  const std::string tag = page->get_header_value("ETag");
  REQUIRE_FALSE(tag.empty());
  const auto again = searchd.raw_get("/", {{"If-None-Match", tag}, {"Connection", "close"}});
  CHECK(again->status == 304);
  CHECK(again->body.empty());
  const auto script = searchd.get("/app.js?v=1");
  CHECK(script->status == 200);
  CHECK(script->get_header_value("Cache-Control") == "public, max-age=31536000, immutable");
  CHECK(searchd.get("/app.js")->get_header_value("Cache-Control") == "no-cache");
  // A route's own lifetime stands (the widget's five minutes), on its 304 too.
  const auto widget = searchd.get("/widget.js");
  CHECK(widget->get_header_value("Cache-Control") == "public, max-age=300");
  const auto widget_again = searchd.raw_get("/widget.js", {{"If-None-Match", widget->get_header_value("ETag")}, {"Connection", "close"}});
  CHECK(widget_again->status == 304);
  CHECK(widget_again->get_header_value("Cache-Control") == "public, max-age=300");
  // A changed file has another tag.
  write(conventions().web / "app.js", "console.log('Caravan 2: поиск новостей, больше');\n");
  CHECK(searchd.get("/app.js")->get_header_value("ETag") != script->get_header_value("ETag"));
}

TEST_CASE("405 with Allow for other methods on known routes (a JSON error for the API); 404 with a body elsewhere") {
  const OwnSearchd& searchd = *conventions().searchd;
  httplib::Client client = searchd.client();
  const auto post = client.Post("/api/search?q=meeting", "q=meeting", "application/x-www-form-urlencoded");
  REQUIRE(post);
  CHECK(post->status == 405);
  CHECK(post->get_header_value("Allow") == "GET, HEAD, OPTIONS");
  const auto error = nlohmann::json::parse(post->body);
  CHECK(error["error"]["code"] == "method_not_allowed");
  CHECK(error["error"]["message"].get<std::string>().find("POST") != std::string::npos);
  CHECK(client.Put("/api/doc/en-1", "{}", "application/json")->status == 405);
  CHECK(client.Delete("/api/doc/en-1")->status == 405);
  CHECK(client.Patch("/api/stats", "{}", "application/json")->status == 405);
  CHECK(client.Delete("/api/facets/country")->get_header_value("Allow") == "GET, HEAD, OPTIONS");
  for (const char* path : {"/feed.atom", "/opensearch.xml", "/healthz", "/metrics", "/", "/app.js"}) {
    const auto res = searchd.client().Post(path, "x", "text/plain");
    REQUIRE(res);
    CHECK_MESSAGE(res->status == 405, path);
    CHECK(res->get_header_value("Allow") == "GET, HEAD");
    CHECK_FALSE(res->body.empty());
  }
  // What does not exist is a 404, whatever the method, with a body.
  const auto missing_api = client.Post("/api/nothing", "x", "text/plain");
  CHECK(missing_api->status == 404);
  CHECK(nlohmann::json::parse(missing_api->body)["error"]["code"] == "not_found");
  for (const char* path : {"/nothing.html", "/no/such/page", "/%D0%BD%D0%B5%D1%82"}) {
    const auto res = searchd.get(path);
    REQUIRE(res);
    CHECK_MESSAGE(res->status == 404, path);
    CHECK(res->get_header_value("Content-Type").starts_with("text/html"));
    CHECK(res->body.find("Not found") != std::string::npos);
    CHECK(res->get_header_value("Cache-Control") == "no-store");
  }
  CHECK(searchd.client().Post("/nothing.html", "x", "text/plain")->status == 404);
  CHECK(searchd.get("/api/nothing")->get_header_value("Content-Type").starts_with("application/json"));
}
