// The shared searchd of the HTTP tests and the small client helpers they use.
#include "tests/search_server.h"

#include <doctest/doctest.h>

#include <cctype>
#include <regex>
#include <vector>

namespace caravan::test {

SearchServer::SearchServer() {
  const RunResult build = run({CARAVAN_INDEXER_BIN, "build", "--out", index, "--quiet",
                               (fixtures() / "news" / "mixed.jsonl").string(),
                               (demo_dir() / "portal_listing_page1.txt").string(),
                               (demo_dir() / "news_region.jsonl").string()});
  REQUIRE_MESSAGE(build.exit_code == 0, build.output);
  searchd = std::make_unique<Process>(std::vector<std::string>{
      CARAVAN_SEARCHD_BIN, "--index", index, "--listen", "127.0.0.1:0", "--cors-origin", "https://portal.example"});
  port = listening_port(*searchd);
}

SearchServer& server() {
  static SearchServer instance;
  return instance;
}

httplib::Result get(const std::string& path, const httplib::Headers& headers) {
  httplib::Client client("127.0.0.1", server().port);
  client.set_connection_timeout(5);
  client.set_read_timeout(10);
  return client.Get(path, headers);
}

nlohmann::json get_json(const std::string& path, int expected_status) {
  auto res = get(path);
  REQUIRE(res);
  CHECK_MESSAGE(res->status == expected_status, path << " -> " << res->status << " " << res->body);
  CHECK(res->get_header_value("Content-Type").find("application/json") == 0);
  return nlohmann::json::parse(res->body);
}

std::set<std::string> ids(const nlohmann::json& result) {
  std::set<std::string> out;
  for (const auto& hit : result["hits"]) out.insert(hit["id"].get<std::string>());
  return out;
}

unsigned count_of(const nlohmann::json& result, const std::string& facet, const std::string& value) {
  for (const auto& v : result["facets"][facet])
    if (v["value"] == value) return v["count"];
  return 0;
}

std::string url_encoded(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') out += static_cast<char>(c);
    else out += std::string("%") + hex[c >> 4] + hex[c & 15];
  }
  return out;
}

}  // namespace caravan::test
