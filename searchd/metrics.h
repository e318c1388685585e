// Request counters and latency histograms of searchd, in Prometheus text exposition format 0.0.4.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace caravan {

inline constexpr const char* kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

// Thread-safe (one mutex; a record is a few increments). Labels stay bounded: routes are the
// fixed set of routes(), statuses those HTTP has.
class Metrics {
 public:
  // search, suggest, facets, doc, stats, healthz, metrics, opensearch, feed, preflight, static, other.
  static const std::vector<std::string>& routes();

  // The route label of a request: the API route it reached, "preflight" for OPTIONS under /api/,
  // "static" for a file of the UI that was served, "other" for everything else (unknown paths).
  static std::string route_of(std::string_view method, std::string_view path, int status);

  void record(const std::string& route, int status, double seconds);

  // caravan_http_requests_total{route,status}, caravan_http_request_duration_seconds{route}
  // (buckets 0.005 .. 5 s), caravan_index_documents (when known), process_resident_memory_bytes.
  std::string exposition(std::optional<unsigned> documents) const;

 private:
  static constexpr std::array<double, 10> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};  // not cumulative here; summed on output
    double sum = 0;
    std::uint64_t count = 0;
  };

  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> durations_;
};

// The resident set size of this process, from /proc/self/statm; 0 when unknown.
std::uint64_t resident_memory_bytes();

}  // namespace caravan
