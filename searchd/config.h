// caravan-searchd settings: each declared once with its flag, environment variable and default.
#pragma once

#include <string>
#include <vector>

#include "searchd/searcher.h"

namespace caravan {

struct Config {
  std::string index;                      // the live index path
  std::string host = "127.0.0.1";
  int port = 8080;                        // 0: any free port (printed at start)
  std::string web_dir;
  std::string gazetteers_dir;
  std::string stopwords_dir;
  std::vector<std::string> cors_origins;  // allowed origins; none by default
  RankingSettings ranking;
  bool show_help = false;
};

// Precedence: defaults < --config FILE (lines "name = value", names as the long flags) <
// environment (CARAVAN_*) < flags. Throws std::invalid_argument with a message naming the
// flag for an unknown option or a bad value.
Config parse_config(int argc, char** argv);

// The usage text, generated from the option table.
std::string usage_text();

}  // namespace caravan
