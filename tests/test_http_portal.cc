// What a portal needs around the search API: framing and CORS preflight; against the real
// searchd on a loopback port.
#include <doctest/doctest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include <fstream>
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
    const std::string line = process->read_line();
    std::smatch match;
    REQUIRE_MESSAGE(std::regex_search(line, match, std::regex(R"(127\.0\.0\.1:(\d+))")), line);
    port = std::stoi(match[1]);
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
