// Latency and throughput loops of the peer benchmark clients (see peer_driver.h).
#include "bench/peer_driver.h"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace caravan::bench {
namespace {

using Clock = std::chrono::steady_clock;

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t rank = static_cast<size_t>(std::max(1.0, std::ceil(p / 100.0 * values.size())));
  return values[std::min(rank, values.size()) - 1];
}

double process_cpu_ms() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto ms = [](const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

std::vector<std::string> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::string> queries;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) queries.push_back(line);
  if (queries.empty()) throw std::runtime_error("no queries in " + path);
  return queries;
}

nlohmann::json latency(const EngineFactory& factory, const std::vector<std::string>& queries, int passes) {
  auto engine = factory();
  nlohmann::json answers = nlohmann::json::array();
  for (const auto& query : queries) {
    const Answer answer = engine->ask(query);
    answers.push_back({{"total", answer.total}, {"facets", answer.facets}});
  }
  std::vector<double> samples;
  const double cpu_before = process_cpu_ms();
  const auto started = Clock::now();
  for (int pass = 0; pass < passes; ++pass) {
    for (const auto& query : queries) {
      const auto sent = Clock::now();
      engine->ask(query);
      samples.push_back(std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
    }
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return {{"mode", "latency"},
          {"samples", samples.size()},
          {"seconds", seconds},
          {"latency_ms", {{"p50", percentile(samples, 50)}, {"p95", percentile(samples, 95)}, {"p99", percentile(samples, 99)}}},
          {"client_cpu_ms_per_query", (process_cpu_ms() - cpu_before) / samples.size()},
          {"answers", answers}};
}

nlohmann::json throughput(const EngineFactory& factory, const std::vector<std::string>& queries, int concurrency,
                          double seconds) {
  std::vector<std::unique_ptr<Engine>> engines;
  for (int i = 0; i < concurrency; ++i) engines.push_back(factory());
  std::atomic<long> done{0};
  std::atomic<bool> failed{false};
  std::string failure;
  const auto until = Clock::now() + std::chrono::duration<double>(seconds);
  const double cpu_before = process_cpu_ms();
  const auto started = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < concurrency; ++t) {
    threads.emplace_back([&, t] {
      try {
        for (size_t next = t * queries.size() / concurrency; Clock::now() < until; ++next) {
          engines[t]->ask(queries[next % queries.size()]);
          ++done;
        }
      } catch (const std::exception& error) {
        if (!failed.exchange(true)) failure = error.what();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  if (failed) throw std::runtime_error(failure);
  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  return {{"mode", "throughput"}, {"concurrency", concurrency}, {"seconds", elapsed}, {"requests", done.load()},
          {"qps", done / elapsed}, {"client_cpu_ms_per_query", (process_cpu_ms() - cpu_before) / std::max(1L, done.load())}};
}

}  // namespace

int run_driver(int argc, char** argv, const std::function<EngineFactory(const std::map<std::string, std::string>&)>& make) {
  std::map<std::string, std::string> options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag.rfind("--", 0) != 0) {
      std::fprintf(stderr, "%s: expected --flag VALUE pairs, got %s\n", argv[0], argv[i]);
      return 2;
    }
    options[flag.substr(2)] = argv[i + 1];
  }
  auto take = [&](const std::string& name, const std::string& fallback) {
    auto found = options.find(name);
    if (found == options.end()) return fallback;
    std::string value = found->second;
    options.erase(found);
    return value;
  };
  try {
    const std::string queries_file = take("queries", ""), mode = take("mode", "latency");
    const int passes = std::stoi(take("passes", "3")), concurrency = std::stoi(take("concurrency", "1"));
    const double seconds = std::stod(take("seconds", "5"));
    if (queries_file.empty() || (mode != "latency" && mode != "throughput") || passes < 1 || concurrency < 1 || seconds <= 0)
      throw std::runtime_error("usage: --queries FILE --mode latency|throughput [--passes N] [--concurrency C] [--seconds S] ...");
    const auto queries = read_queries(queries_file);
    const EngineFactory factory = make(options);
    const auto out = mode == "latency" ? latency(factory, queries, passes) : throughput(factory, queries, concurrency, seconds);
    std::printf("%s\n", out.dump().c_str());
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "%s: %s\n", argv[0], error.what());
    return 1;
  }
}

}  // namespace caravan::bench
