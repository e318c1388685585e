// What searchd must not give away: files outside --web, files under another MIME type, its paths.
#include <doctest/doctest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

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
    const std::string line = process->read_line();
    std::smatch match;
    REQUIRE_MESSAGE(std::regex_search(line, match, std::regex(R"(127\.0\.0\.1:(\d+))")), line);
    port = std::stoi(match[1]);
  }

  httplib::Result get(const std::string& path) const {
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(5);
    client.set_read_timeout(10);
    return client.Get(path);
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
