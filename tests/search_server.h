// One caravan-searchd on a loopback port over an index of the test fixtures, shared by the HTTP tests.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <memory>
#include <set>
#include <string>

#include "tests/subprocess.h"
#include "tests/test_paths.h"

namespace caravan::test {

// Builds one index from the test fixtures, the portal sample and the demo's region-language items
// (Kazakh, Uzbek, Kyrgyz, Tajik), then serves it; built once per test binary.
struct SearchServer {
  TempDir dir;
  std::string index = (dir.path() / "index").string();
  std::unique_ptr<Process> searchd;
  int port = 0;

  SearchServer();
};

SearchServer& server();

httplib::Result get(const std::string& path, const httplib::Headers& headers = {});

// GETs path and checks its status and that the body is JSON.
nlohmann::json get_json(const std::string& path, int expected_status = 200);

std::set<std::string> ids(const nlohmann::json& result);

unsigned count_of(const nlohmann::json& result, const std::string& facet, const std::string& value);

std::string url_encoded(const std::string& text);

}  // namespace caravan::test
