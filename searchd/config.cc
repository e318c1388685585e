// The option table of caravan-searchd and its three sources (file, environment, flags).
#include "searchd/config.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <stdexcept>

#include "core/data_paths.h"

namespace caravan {
namespace {

struct OptionSpec {
  const char* flag;
  const char* env;
  std::string default_value;
  const char* help;
  std::function<void(Config&, const std::string&)> apply;
};

double number_value(const char* flag, const std::string& value) {
  try {
    size_t used = 0;
    const double number = std::stod(value, &used);
    if (used == value.size() && number >= 0) return number;
  } catch (const std::exception&) {
  }
  throw std::invalid_argument(std::string("--") + flag + " needs a non-negative number, got '" + value + "'");
}

int count_value(const char* flag, const std::string& value, int min, int max) {
  const double number = number_value(flag, value);
  if (number != static_cast<int>(number) || number < min || number > max)
    throw std::invalid_argument(std::string("--") + flag + " needs a whole number in " + std::to_string(min) + ".." +
                                std::to_string(max) + ", got '" + value + "'");
  return static_cast<int>(number);
}

double seconds_value(const char* flag, const std::string& value) {
  const double seconds = number_value(flag, value);
  if (seconds < 0.01 || seconds > 3600)
    throw std::invalid_argument(std::string("--") + flag + " needs seconds in 0.01..3600, got '" + value + "'");
  return seconds;
}

std::vector<std::string> comma_list(const std::string& value) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find(',', start);
    if (end == std::string::npos) end = value.size();
    if (end > start) items.push_back(value.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

void apply_listen(Config& config, const std::string& value) {
  const auto colon = value.rfind(':');
  if (colon == std::string::npos || colon == 0)
    throw std::invalid_argument("--listen needs HOST:PORT, got '" + value + "'");
  const std::string port = value.substr(colon + 1);
  const double number = number_value("listen", port);
  if (number > 65535 || number != static_cast<int>(number))
    throw std::invalid_argument("--listen port must be 0..65535, got '" + port + "'");
  config.host = value.substr(0, colon);
  config.port = static_cast<int>(number);
}

const std::vector<OptionSpec>& option_table() {
  static const std::vector<OptionSpec> table = {
      {"index", "CARAVAN_INDEX", "", "the live index path written by caravan-indexer build --out",
       [](Config& c, const std::string& v) { c.index = v; }},
      {"listen", "CARAVAN_LISTEN", "127.0.0.1:8080", "HOST:PORT to serve on (port 0: any free port)", apply_listen},
      {"web", "CARAVAN_WEB", default_data_dir("web", CARAVAN_DEFAULT_WEB), "directory of the web UI served at /",
       [](Config& c, const std::string& v) { c.web_dir = v; }},
      {"gazetteers", "CARAVAN_GAZETTEERS", default_data_dir("gazetteers", CARAVAN_DEFAULT_GAZETTEERS), "countries.tsv and organizations.tsv (labels)",
       [](Config& c, const std::string& v) { c.gazetteers_dir = v; }},
      {"stopwords", "CARAVAN_STOPWORDS", default_data_dir("stopwords", CARAVAN_DEFAULT_STOPWORDS), "<lang>.txt stopword lists",
       [](Config& c, const std::string& v) { c.stopwords_dir = v; }},
      {"cors-origin", "CARAVAN_CORS_ORIGINS", "", "an origin allowed to call the API (repeatable; env: comma-separated)",
       [](Config& c, const std::string& v) {
         for (auto& origin : comma_list(v)) c.cors_origins.push_back(std::move(origin));
       }},
      {"frame-ancestors", "CARAVAN_FRAME_ANCESTORS", "",
       "a source allowed to frame the UI in the CSP, e.g. https://portal.example (repeatable; env: comma-separated; "
       "default 'self')",
       [](Config& c, const std::string& v) {
         for (const auto& source : comma_list(v)) {
           // A source is one token of the header: no separators, spaces or control bytes.
           const bool clean = std::all_of(source.begin(), source.end(), [](unsigned char ch) {
             return ch > 0x20 && ch < 0x7f && ch != ';' && ch != ',';
           });
           if (!clean) throw std::invalid_argument("--frame-ancestors needs an origin such as https://portal.example, got '" + source + "'");
           if (!c.frame_ancestors_set) c.frame_ancestors.clear();
           c.frame_ancestors_set = true;
           c.frame_ancestors.push_back(source);
         }
       }},
      {"recency-weight", "CARAVAN_RECENCY_WEIGHT", "1.0", "weight added to the newest item (0: no recency boost)",
       [](Config& c, const std::string& v) { c.ranking.recency_weight = number_value("recency-weight", v); }},
      {"recency-half-life", "CARAVAN_RECENCY_HALF_LIFE", "365", "age in days at which the recency boost halves",
       [](Config& c, const std::string& v) { c.ranking.recency_half_life_days = number_value("recency-half-life", v); }},
      {"time-budget-ms", "CARAVAN_TIME_BUDGET_MS", "500",
       "milliseconds a search may count matches; past it totals and facets are estimates (exact: false); 0: no limit",
       [](Config& c, const std::string& v) { c.ranking.time_budget_ms = number_value("time-budget-ms", v); }},
      {"partial-results", "CARAVAN_PARTIAL_RESULTS", "0",
       "1: a sharded index answers from the shards that reply, \"partial\": true, instead of a 503 "
       "(a bare --partial-results means 1)",
       [](Config& c, const std::string& v) { c.partial_results = count_value("partial-results", v, 0, 1) == 1; }},
      {"threads", "CARAVAN_THREADS", "32", "worker threads; each serves one connection at a time",
       [](Config& c, const std::string& v) { c.limits.threads = count_value("threads", v, 1, 1024); }},
      {"read-timeout", "CARAVAN_READ_TIMEOUT", "5", "seconds to wait for the next bytes of a request",
       [](Config& c, const std::string& v) { c.limits.read_timeout_s = seconds_value("read-timeout", v); }},
      {"write-timeout", "CARAVAN_WRITE_TIMEOUT", "5", "seconds to wait for a client to read the answer",
       [](Config& c, const std::string& v) { c.limits.write_timeout_s = seconds_value("write-timeout", v); }},
      {"keep-alive-timeout", "CARAVAN_KEEP_ALIVE_TIMEOUT", "2", "whole seconds an idle connection is kept for its next request",
       [](Config& c, const std::string& v) { c.limits.keep_alive_timeout_s = count_value("keep-alive-timeout", v, 1, 3600); }},
      {"keep-alive-requests", "CARAVAN_KEEP_ALIVE_REQUESTS", "100", "requests served on one connection before it closes",
       [](Config& c, const std::string& v) { c.limits.keep_alive_requests = count_value("keep-alive-requests", v, 1, 100000); }},
  };
  return table;
}

const OptionSpec& find_option(const std::string& flag) {
  for (const auto& spec : option_table())
    if (flag == spec.flag) return spec;
  throw std::invalid_argument("unknown option --" + flag);
}

void apply_file(Config& config, const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument("--config: cannot read " + path);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    const auto equals = line.find('=');
    if (equals == std::string::npos) throw std::invalid_argument(path + ":" + std::to_string(number) + ": expected name = value");
    auto trim = [](std::string s) {
      s.erase(0, s.find_first_not_of(" \t"));
      s.erase(s.find_last_not_of(" \t\r") + 1);
      return s;
    };
    find_option(trim(line.substr(0, equals))).apply(config, trim(line.substr(equals + 1)));
  }
}

}  // namespace

std::string usage_text() {
  std::string text = "Usage: caravan-searchd --index INDEX [OPTION]...\n"
                     "Serve Caravan search over HTTP: the JSON API under /api and the web UI at /.\n\n";
  for (const auto& spec : option_table()) {
    text += "  --" + std::string(spec.flag) + "  " + spec.help + "\n      env " + spec.env;
    if (!spec.default_value.empty()) text += ", default " + spec.default_value;
    text += "\n";
  }
  text += "  --config FILE  read 'name = value' lines first (names as the flags above)\n"
          "  --help         this help\n"
          "  --version      the versions of caravan-searchd and Xapian\n";
  return text;
}

Config parse_config(int argc, char** argv) {
  Config config;
  for (const auto& spec : option_table())
    if (!spec.default_value.empty()) spec.apply(config, spec.default_value);
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--config") apply_file(config, argv[i + 1]);
  for (const auto& spec : option_table())
    if (const char* value = std::getenv(spec.env); value && *value) spec.apply(config, value);
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") { config.show_help = true; continue; }
    if (arg == "--partial-results") { config.partial_results = true; continue; }
    if (!arg.starts_with("--")) throw std::invalid_argument("unexpected argument '" + arg + "'");
    std::string name = arg.substr(2), value;
    if (const auto equals = name.find('='); equals != std::string::npos) {
      value = name.substr(equals + 1);
      name.resize(equals);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      throw std::invalid_argument("--" + name + " needs a value");
    }
    if (name == "config") continue;
    find_option(name).apply(config, value);
  }
  if (config.index.empty() && !config.show_help) throw std::invalid_argument("--index INDEX is required");
  return config;
}

}  // namespace caravan
