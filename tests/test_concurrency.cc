// Many clients at once against one searchd: every query kind answers as it does alone, and
// searchd survives (issue 7: a shared Xapian::Query::MatchAll crashed it within hundreds of requests).
#include <doctest/doctest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <regex>
#include <atomic>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "tests/search_server.h"
#include "tests/shard_cluster.h"
#include "tests/subprocess.h"

using nlohmann::json;
using namespace caravan::test;

namespace {

// One request of each kind the API serves: empty, filter-only and negation-only queries (no
// positive word), words, phrases, OR, wildcards, cross-script names, synonyms, relaxed and
// corrected queries, coordinated queries with countries and organizations expanded, sorting, dates, disjunctive facets, suggestions, documents with their related
// items (JSON and the HTML page), stats, errors,
// facet value search, OpenSearch, feeds and metrics.
const std::vector<std::string>& request_kinds() {
  static const std::vector<std::string> paths = {
      "/api/search?q=",
      "/api/search?q=&facets=&size=1",
      "/api/search?q=country:ZZ&facets=&size=1",
      "/api/search?country=KZ",
      "/api/search?q=country:KZ%20lang:ru",
      "/api/search?q=-meeting",
      "/api/search?q=NOT%20heroin&country=KZ",
      "/api/search?q=meeting",
      "/api/search?q=%22drug%20trafficking%22",
      "/api/search?q=heroin%20OR%20opium",
      "/api/search?q=traf*",
      // Snippets (searchd/snippets.h) of a Russian phrase and a Russian wildcard.
      "/api/search?q=" + url_encoded("\"незаконный оборот\""),
      "/api/search?q=" + url_encoded("нарко*"),
      "/api/search?q=Tashkent",
      "/api/search?q=Tashkent&lang=ru",  // highlights in the other script (searchd/highlights.h)
      "/api/search?q=UNODC&lang=ru",     // highlights of an organization's other names
      "/api/search?q=" + url_encoded("совещаниях"),
      "/api/search?q=" + url_encoded("УНП ООН") + "&size=100",
      "/api/search?q=customs%20unicorns",
      "/api/search?q=meetnig",
      "/api/search?q=meeting&sort=date",
      "/api/search?from=2021-01-01&to=2021-12-31",
      "/api/search?q=date:2020-10",
      "/api/search?country=KZ&country=TJ&lang=ru",
      "/api/search?q=title:meeting",
      "/api/search?q=%21%21%21",
      "/api/search?q=%22unclosed",
      "/api/search?q=kyrgyz&snippets=0",
      "/api/search?q=customs%20unicorns&relax=0",
      "/api/search?q=meetnig&spell=0",
      // Coordinated ranking (a bonus source per concept, per request) with entity expansion: a country in
      // a Russian case form, an organization's long name sharing only some words.
      "/api/search?q=" + url_encoded("героин Туркменистане Киргизии"),
      "/api/search?q=United%20Nations%20drugs%20office%20Tajikistan&size=50",
      "/api/suggest?q=drug%20traf",
      "/api/suggest?q=kaz&ui_lang=ru",
      "/api/doc/ru-3",
      "/api/doc/no-such-id",
      "/api/doc/en-1",
      "/doc/ru-3?ui_lang=ru",
      "/doc/en-1",
      "/doc/no-such-id?ui_lang=ru",
      "/api/stats",
      "/healthz",
      "/api/search?size=0",
      "/api/nothing",
      "/api/facets/country?prefix=kaz",
      "/api/facets/country?prefix=" + url_encoded("каз") + "&q=meeting&lang=en&ui_lang=ru",
      "/api/facets/month?prefix=2020",
      "/api/facets/colour",
      "/api/suggest?q=drug%20traf&format=opensearch",
      "/opensearch.xml",
      "/feed.atom?q=meeting",
      "/feed.atom?country=KZ&lang=ru",
      "/metrics",
  };
  return paths;
}

// Status and body, without what changes from run to run: took_ms, and the numbers of /metrics
// (its answer is compared by the lines that describe the metrics).
std::string answer_of(const httplib::Result& res) {
  if (!res) return "no answer: " + httplib::to_string(res.error());
  const std::string status = std::to_string(res->status) + " ";
  if (res->get_header_value("Content-Type").starts_with("text/plain")) {
    std::string described;
    for (size_t start = 0; start < res->body.size();) {
      size_t end = res->body.find('\n', start);
      if (end == std::string::npos) end = res->body.size();
      if (res->body.compare(start, 2, "# ") == 0) described += res->body.substr(start, end - start) + "\n";
      start = end + 1;
    }
    return status + described;
  }
  json body = json::parse(res->body, nullptr, false);
  if (body.is_discarded()) return status + res->body;  // XML: compared as it is
  if (body.is_object()) body.erase("took_ms");
  return status + body.dump();
}

}  // namespace

// Sends every path kRounds times from each of `clients` threads to 127.0.0.1:port, in a shuffled
// order; returns the answers that differ from the one-client answer (expected).
static std::vector<std::string> mismatches_under_load(int port, const std::vector<std::string>& paths,
                                               const std::vector<std::string>& expected, int clients_count, int rounds,
                                               std::atomic<int>& served) {
  std::mutex mutex;
  std::vector<std::string> mismatches;
  std::vector<std::thread> clients;
  for (int c = 0; c < clients_count; ++c) {
    clients.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(c % 2 == 0);  // half reuse one connection, half open one per request
      client.set_connection_timeout(5);
      client.set_read_timeout(20);
      std::mt19937 shuffle(static_cast<unsigned>(c));
      std::vector<size_t> order(paths.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      for (int round = 0; round < rounds; ++round) {
        std::shuffle(order.begin(), order.end(), shuffle);
        for (const size_t i : order) {
          const std::string got = answer_of(client.Get(paths[i]));
          ++served;
          if (got != expected[i]) {
            std::lock_guard lock(mutex);
            mismatches.push_back(paths[i] + " -> " + got.substr(0, 300));
          }
        }
      }
    });
  }
  for (auto& client : clients) client.join();
  return mismatches;
}

TEST_CASE("concurrent clients get the same answers as one client, for every query kind") {
  const auto& paths = request_kinds();
  std::vector<std::string> expected;
  for (const auto& path : paths) expected.push_back(answer_of(get(path)));
  for (size_t i = 0; i < paths.size(); ++i) CHECK_MESSAGE(expected[i].rfind("no answer", 0) != 0, paths[i]);

  constexpr int kClients = 8, kRounds = 30;
  std::atomic<int> served{0};
  const auto mismatches = mismatches_under_load(server().port, paths, expected, kClients, kRounds, served);
  CHECK(served == kClients * kRounds * static_cast<int>(paths.size()));
  CHECK_MESSAGE(mismatches.empty(), mismatches.size() << " differing answers, first: "
                                                      << (mismatches.empty() ? "" : mismatches.front()));
  CHECK(server().searchd->running());
  CHECK(get_json("/healthz")["status"] == "ok");
}

TEST_CASE("concurrent conditional and gzip requests: 304 for a current ETag, the same answer otherwise") {
  const std::vector<std::string> paths = {"/api/search?q=meeting", "/api/search?q=" + url_encoded("совещание"),
                                          "/api/suggest?q=kaz", "/api/facets/country?prefix=kaz", "/api/stats",
                                          "/feed.atom?q=meeting", "/opensearch.xml"};
  std::vector<std::string> expected, tags;
  for (const auto& path : paths) {
    const auto res = get(path);
    REQUIRE(res);
    expected.push_back(answer_of(res));
    tags.push_back(res->get_header_value("ETag"));
    CHECK_MESSAGE(!tags.back().empty(), path);
  }
  constexpr int kClients = 8, kRounds = 20;
  std::mutex mutex;
  std::vector<std::string> mismatches;
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", server().port);
      client.set_connection_timeout(5);
      client.set_read_timeout(20);
      for (int round = 0; round < kRounds; ++round) {
        for (size_t i = 0; i < paths.size(); ++i) {
          // Odd rounds revalidate (Connection: close: a 304 has no Content-Length to wait on),
          // even ones ask for gzip, which the client undoes.
          const bool revalidate = (round + c) % 2 == 1;
          const auto res = revalidate ? client.Get(paths[i], {{"If-None-Match", tags[i]}, {"Connection", "close"}})
                                      : client.Get(paths[i], {{"Accept-Encoding", "gzip"}});
          const bool ok = revalidate ? res && res->status == 304 && res->body.empty() && res->get_header_value("ETag") == tags[i]
                                     : answer_of(res) == expected[i];
          if (!ok) {
            std::lock_guard lock(mutex);
            mismatches.push_back(paths[i] + (revalidate ? " (revalidated) -> " : " (gzip) -> ") +
                                 (res ? std::to_string(res->status) : "no answer"));
          }
        }
      }
    });
  }
  for (auto& client : clients) client.join();
  CHECK_MESSAGE(mismatches.empty(), mismatches.size() << " wrong answers, first: " << (mismatches.empty() ? "" : mismatches.front()));
  CHECK(server().searchd->running());
}

TEST_CASE("concurrent clients of local and remote shards get the same answers as one client") {
  auto& cluster = shard_cluster();
  if (!cluster.available) {
    MESSAGE("the shared corpora (../shared/data/bench) are not there: shards not tested");
    return;
  }
  const auto& paths = request_kinds();
  for (const int port : {cluster.sharded_searchd.port, cluster.remote_searchd.port}) {
    std::vector<std::string> expected;
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(20);
    for (const auto& path : paths) expected.push_back(answer_of(client.Get(path)));
    constexpr int kClients = 4, kRounds = 3;
    std::atomic<int> served{0};
    const auto mismatches = mismatches_under_load(port, paths, expected, kClients, kRounds, served);
    CHECK(served == kClients * kRounds * static_cast<int>(paths.size()));
    CHECK_MESSAGE(mismatches.empty(), mismatches.size() << " differing answers, first: "
                                                        << (mismatches.empty() ? "" : mismatches.front()));
  }
}

namespace {

// While clients ask for `paths`, an update commits `late_items` (JSON lines) as a new revision;
// every answer is that of the revision before or of the one after, never a mix, and the new
// revision is served once it is there.
void check_answers_across_update(const std::vector<std::string>& paths, const std::string& late_items) {
  TempDir dir;
  const std::string out = (dir.path() / "index").string();
  const auto built = run({CARAVAN_INDEXER_BIN, "build", "--quiet", "--out", out, (fixtures() / "news" / "mixed.jsonl").string()});
  REQUIRE_MESSAGE(built.exit_code == 0, built.output);
  Process searchd({CARAVAN_SEARCHD_BIN, "--index", out, "--listen", "127.0.0.1:0"});
  const int port = listening_port(searchd);
  auto answers = [&](httplib::Client& client) {
    std::vector<std::string> got;
    for (const auto& path : paths) got.push_back(answer_of(client.Get(path)));
    return got;
  };
  httplib::Client one("127.0.0.1", port);
  const auto before = answers(one);

  std::atomic<bool> updated{false}, stop{false};
  std::atomic<int> after_update{0};
  std::vector<std::vector<std::string>> seen;
  std::mutex mutex;
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&] {
      httplib::Client client("127.0.0.1", port);
      client.set_read_timeout(20);
      while (!stop) {
        const bool late = updated;
        auto got = answers(client);
        std::lock_guard lock(mutex);
        seen.push_back(std::move(got));
        if (late) ++after_update;
      }
    });
  }
  const auto late = dir.path() / "late.jsonl";
  std::ofstream(late) << late_items;
  const auto update = run({CARAVAN_INDEXER_BIN, "update", "--out", out, late.string()});
  REQUIRE_MESSAGE(update.exit_code == 0, update.output);
  updated = true;
  while (after_update < 20) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  stop = true;
  for (auto& client : clients) client.join();
  const auto after = answers(one);
  CHECK(after != before);
  CHECK(after[0].find("\"total\":") != std::string::npos);
  size_t old_ones = 0, new_ones = 0;
  for (const auto& got : seen) {
    for (size_t i = 0; i < paths.size(); ++i) {
      CHECK_MESSAGE((got[i] == before[i] || got[i] == after[i]), paths[i] << " -> " << got[i].substr(0, 300));
      old_ones += got[i] == before[i] && got[i] != after[i];
      new_ones += got[i] == after[i] && got[i] != before[i];
    }
  }
  CHECK(new_ones > 0);
  MESSAGE(old_ones << " answers from the old revision, " << new_ones << " from the new one");
  CHECK(searchd.running());
}

}  // namespace

// Facet counts come from columns loaded once per index revision (searchd/facet_columns.h).
TEST_CASE("facet counts while an update commits: each answer is the old revision's or the new one's") {
  check_answers_across_update(
      {"/api/search?q=&facet_size=100", "/api/search?q=&country=KZ&facet_size=100",
       "/api/search?q=" + url_encoded("наркотиков") + "&lang=ru&lang=en", "/api/search?q=drug&org=UNODC&year=2020"},
      R"({"id":"late-1","title":"Drug seizure","body":"UNODC and Kazakhstan: a drug seizure on 5 May 2020.",)"
      R"("lang":"en","countries":["KZ","UZ"],"organizations":["UNODC"],"date":"2020-05-05"})"
      "\n");
}

// The recency boost reads the day column of the revision a request reads (RecencySource): an
// update that adds the newest items moves every boost; each ranking is the old revision's or
// the new one's, in English and Russian.
TEST_CASE("recency ranking while an update commits: each answer is the old revision's or the new one's") {
  check_answers_across_update(
      {"/api/search?q=drug&facets=", "/api/search?q=" + url_encoded("наркотиков") + "&facets=",
       "/api/search?q=border&snippets=0&facets=", "/api/search?q=" + url_encoded("границе") + "&relax=0&facets="},
      R"({"id":"late-en","title":"Drug border","body":"A drug seizure at the border on 2 March 2024.",)"
      R"("lang":"en","date":"2024-03-02"})"
      "\n"
      R"({"id":"late-ru","title":"Наркотики на границе","body":"Изъятие наркотиков на границе 3 марта 2024 года.",)"
      R"("lang":"ru","date":"2024-03-03"})"
      "\n");
}
