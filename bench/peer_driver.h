// The shared driver of the peer benchmark clients: latency and throughput of one engine's answers.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace caravan::bench {

// What every engine returns for a query: the number of matches and the facet counts it gave.
struct Answer {
  long total = 0;
  std::map<std::string, std::map<std::string, long>> facets;  // facet -> value -> count
};

// One connection (or one opened index) to an engine; used by one thread only.
class Engine {
 public:
  virtual ~Engine() = default;
  virtual Answer ask(const std::string& words) = 0;
};

using EngineFactory = std::function<std::unique_ptr<Engine>()>;

// Runs the modes common to every client and prints JSON on stdout:
//   --queries FILE (one query a line) --mode latency [--passes N]: every query once to warm up,
//     then N passes in order; p50/p95/p99 of the latencies, this process's CPU per query and the
//     answers of the first pass;
//   --mode throughput --concurrency C --seconds S: C threads, each with its own engine, sending the
//     queries round-robin for S seconds; requests per second.
// `options` receives the flags the driver does not know (flag -> value). Returns the exit status.
int run_driver(int argc, char** argv, const std::function<EngineFactory(const std::map<std::string, std::string>&)>& make);

}  // namespace caravan::bench
