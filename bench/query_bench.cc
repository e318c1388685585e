// caravan-bench-query: latency of /api/search per kind of query, against a running caravan-searchd.
//
// Reads "KIND<TAB>PATH" lines, sends each PATH once to warm up, then for each of --runs runs sends
// every PATH --repeat times in a seeded shuffled order over one keep-alive connection. Per kind and
// run it takes p50/p95/p99 of the client-side latency and of the server's took_ms, and prints, as
// JSON on stdout, the median of each percentile over the runs (single runs are noisy on shared
// machines). Any answer other than 200 fails the benchmark (exit 1).
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

struct Query {
  std::string kind, path;
  std::vector<double> matches;
};

struct Samples {
  std::vector<double> latency_ms, took_ms;
};

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  // Nearest rank: the smallest value with at least p% of the samples at or below it.
  const size_t rank = static_cast<size_t>(std::max(1.0, std::ceil(p / 100.0 * values.size())));
  return values[std::min(rank, values.size()) - 1];
}

double median(std::vector<double> values) { return percentile(std::move(values), 50); }

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "caravan-bench-query: %s\n", message.c_str());
  std::exit(1);
}

// Sends one request; returns the client latency in ms and fills took_ms and the match count.
double send(httplib::Client& client, const std::string& path, double& took_ms, double& total) {
  const auto started = std::chrono::steady_clock::now();
  auto response = client.Get(path);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  if (!response) fail("no answer for " + path + ": " + httplib::to_string(response.error()));
  if (response->status != 200) fail("status " + std::to_string(response->status) + " for " + path + ": " + response->body);
  const auto body = nlohmann::json::parse(response->body);
  took_ms = body.value("took_ms", 0.0);
  total = body.contains("related") ? static_cast<double>(body["related"].size()) : body.value("total", 0.0);  // /api/doc
  return ms;
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0, runs = 5, repeat = 5;
  unsigned seed = 1;
  std::string queries_file;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--port") port = std::atoi(value.c_str());
    else if (flag == "--queries") queries_file = value;
    else if (flag == "--runs") runs = std::atoi(value.c_str());
    else if (flag == "--repeat") repeat = std::atoi(value.c_str());
    else if (flag == "--seed") seed = static_cast<unsigned>(std::atoi(value.c_str()));
    else fail("unknown option " + flag);
  }
  if (port <= 0 || queries_file.empty() || runs < 1 || repeat < 1)
    fail("usage: caravan-bench-query --port PORT --queries FILE [--runs N] [--repeat N] [--seed N]");

  std::vector<Query> queries;
  std::ifstream in(queries_file);
  if (!in) fail("cannot read " + queries_file);
  for (std::string line; std::getline(in, line);) {
    const auto tab = line.find('\t');
    if (tab != std::string::npos) queries.push_back({line.substr(0, tab), line.substr(tab + 1), {}});
  }
  if (queries.empty()) fail("no queries in " + queries_file);

  httplib::Client client("127.0.0.1", port);
  client.set_tcp_nodelay(true);
  client.set_keep_alive(true);
  client.set_connection_timeout(5);
  client.set_read_timeout(60);

  double took = 0, total = 0;
  for (auto& query : queries) send(client, query.path, took, total);  // warm-up, not counted

  // kind -> one Samples per run
  std::map<std::string, std::vector<Samples>> by_kind;
  std::mt19937 rng(seed);
  for (int run = 0; run < runs; ++run) {
    std::vector<size_t> order;
    for (size_t q = 0; q < queries.size(); ++q)
      for (int r = 0; r < repeat; ++r) order.push_back(q);
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t q : order) {
      auto& samples = by_kind[queries[q].kind];
      samples.resize(runs);
      const double ms = send(client, queries[q].path, took, total);
      samples[run].latency_ms.push_back(ms);
      samples[run].took_ms.push_back(took);
      queries[q].matches.push_back(total);
    }
  }

  nlohmann::json out = nlohmann::json::object();
  for (const auto& [kind, per_run] : by_kind) {
    nlohmann::json entry;
    for (const char* which : {"latency_ms", "took_ms"}) {
      for (double p : {50.0, 95.0, 99.0}) {
        std::vector<double> over_runs;
        for (const auto& samples : per_run)
          over_runs.push_back(percentile(std::string(which) == "latency_ms" ? samples.latency_ms : samples.took_ms, p));
        entry[which]["p" + std::to_string(static_cast<int>(p))] = median(over_runs);
      }
    }
    double matches = 0;
    size_t count = 0;
    for (const auto& query : queries)
      if (query.kind == kind) matches += median(query.matches), ++count;
    entry["queries"] = count;
    entry["samples_per_run"] = per_run.front().latency_ms.size();
    entry["runs"] = runs;
    entry["mean_matches"] = count ? matches / count : 0;
    out[kind] = entry;
  }
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}
