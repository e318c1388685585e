// caravan-bench-peer-sphinx: the peer benchmark's SphinxQL client (Sphinx 2.2 searchd, MySQL protocol).
// One round trip per query: the top 10 (id, title, url), a FACET per facet over all matches, SHOW META.
// Flags: --port PORT [--index bench] plus those of peer_driver.h.
#include <mysql.h>

#include <stdexcept>
#include <string>

#include "bench/peer_driver.h"

namespace {

// FACET result sets in the order the query asks for them; LIMITs above any facet's value count.
constexpr const char* kFacets[] = {"year", "month", "lang", "country", "organization"};
constexpr const char* kFacetSql =
    " FACET year LIMIT 100 FACET month LIMIT 1000 FACET lang LIMIT 100"
    " FACET countries LIMIT 1000 FACET orgs LIMIT 1000; SHOW META";

class SphinxEngine : public caravan::bench::Engine {
 public:
  SphinxEngine(int port, std::string index) : index_(std::move(index)) {
    mysql_ = mysql_init(nullptr);
    if (!mysql_real_connect(mysql_, "127.0.0.1", "", "", "", port, nullptr, CLIENT_MULTI_STATEMENTS))
      throw std::runtime_error(std::string("cannot connect to Sphinx: ") + mysql_error(mysql_));
  }
  ~SphinxEngine() override { mysql_close(mysql_); }

  caravan::bench::Answer ask(const std::string& words) override {
    // The words are letters only (run_peers.py draws them so); quotes are escaped anyway.
    std::string escaped;
    for (char c : words) escaped += (c == '\'' || c == '\\') ? ' ' : c;
    const std::string sql = "SELECT id, title, url FROM " + index_ + " WHERE MATCH('" + escaped +
                            "') LIMIT 10 OPTION field_weights=(title=3, body=1), max_matches=1000" + kFacetSql;
    if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0)
      throw std::runtime_error(std::string("Sphinx: ") + mysql_error(mysql_) + " for " + sql);
    caravan::bench::Answer answer;
    int set = 0;
    do {
      MYSQL_RES* result = mysql_store_result(mysql_);
      if (!result) continue;
      while (MYSQL_ROW row = mysql_fetch_row(result)) {
        if (set >= 1 && set <= 5) answer.facets[kFacets[set - 1]][row[0] ? row[0] : ""] = std::stol(row[1]);
        if (set == 6 && std::string(row[0]) == "total_found") answer.total = std::stol(row[1]);
      }
      mysql_free_result(result);
      ++set;
    } while (mysql_next_result(mysql_) == 0);
    if (mysql_errno(mysql_)) throw std::runtime_error(std::string("Sphinx: ") + mysql_error(mysql_));
    return answer;
  }

 private:
  MYSQL* mysql_ = nullptr;
  std::string index_;
};

}  // namespace

int main(int argc, char** argv) {
  mysql_library_init(0, nullptr, nullptr);
  const int status = caravan::bench::run_driver(argc, argv, [](const std::map<std::string, std::string>& options) {
    const int port = std::stoi(options.at("port"));
    const std::string index = options.count("index") ? options.at("index") : "bench";
    return caravan::bench::EngineFactory([port, index] { return std::make_unique<SphinxEngine>(port, index); });
  });
  mysql_library_end();
  return status;
}
