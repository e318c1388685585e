// caravan-searchd settings: each declared once with its flag, environment variable and default.
#pragma once

#include <string>
#include <vector>

#include "searchd/searcher.h"

namespace caravan {

// What one connection may take of searchd. cpp-httplib gives each connection a worker thread
// for as long as it is open, so these bound how long a slow or idle client can hold one; a
// public searchd runs behind the reverse proxy of deploy/nginx, which absorbs slow clients.
struct ServerLimits {
  int threads = 32;                  // worker threads, each serving one connection at a time
  double read_timeout_s = 5;         // longest wait for the next bytes of a request
  double write_timeout_s = 5;        // longest wait for the client to take the next bytes
  int keep_alive_timeout_s = 2;      // longest wait for the next request on an idle connection
  int keep_alive_requests = 100;     // requests on one connection before it is closed
  size_t max_header_bytes = 16384;   // request line and headers together; more: 431
  size_t max_headers = 64;           // header fields; more: 431
  size_t max_body_bytes = 65536;     // the API takes no body; more: 413
};

struct Config {
  std::string index;                      // the live index path
  std::string host = "127.0.0.1";
  int port = 8080;                        // 0: any free port (printed at start)
  std::string web_dir;
  std::string gazetteers_dir;
  std::string stopwords_dir;
  std::vector<std::string> cors_origins;  // allowed origins; none by default
  std::vector<std::string> frame_ancestors = {"'self'"};  // CSP frame-ancestors sources
  bool frame_ancestors_set = false;       // the first --frame-ancestors replaces the default
  RankingSettings ranking;
  bool partial_results = false;           // a sharded index answers without the shards that fail
  ServerLimits limits;
  bool show_help = false;
};

// Precedence: defaults < --config FILE (lines "name = value", names as the long flags) <
// environment (CARAVAN_*) < flags. Throws std::invalid_argument with a message naming the
// flag for an unknown option or a bad value.
Config parse_config(int argc, char** argv);

// The usage text, generated from the option table.
std::string usage_text();

}  // namespace caravan
