// Prometheus counters and histograms.
#include "searchd/metrics.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

namespace caravan {
namespace {

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

}  // namespace

const std::vector<std::string>& Metrics::routes() {
  static const std::vector<std::string> names = {"search", "suggest", "facets", "doc",  "stats",     "healthz",
                                                 "metrics", "opensearch", "feed", "preflight", "static", "other"};
  return names;
}

std::string Metrics::route_of(std::string_view method, std::string_view path, int status) {
  const bool api = path.starts_with("/api/");
  if (method == "OPTIONS") return api ? "preflight" : "other";
  if (path == "/api/search") return "search";
  if (path == "/api/suggest") return "suggest";
  if (path.starts_with("/api/facets/")) return "facets";
  if (path.starts_with("/api/doc/") || path.starts_with("/doc/")) return "doc";
  if (path == "/api/stats") return "stats";
  if (path == "/healthz") return "healthz";
  if (path == "/metrics") return "metrics";
  if (path == "/opensearch.xml") return "opensearch";
  if (path == "/feed.atom") return "feed";
  if (!api && (method == "GET" || method == "HEAD") && status < 400) return "static";
  return "other";
}

void Metrics::record(const std::string& route, int status, double seconds) {
  const std::string& known =
      std::find(routes().begin(), routes().end(), route) != routes().end() ? route : routes().back();
  if (status < 100 || status > 599) status = 0;
  const auto bucket = static_cast<size_t>(std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) - kBuckets.begin());
  std::lock_guard lock(mutex_);
  ++requests_[{known, status}];
  Histogram& histogram = durations_[known];
  if (bucket < kBuckets.size()) ++histogram.buckets[bucket];
  histogram.sum += seconds;
  ++histogram.count;
}

std::string Metrics::exposition(std::optional<unsigned> documents) const {
  std::string out;
  out += "# HELP caravan_http_requests_total HTTP requests answered, by route and status.\n"
         "# TYPE caravan_http_requests_total counter\n";
  std::map<std::string, Histogram> durations;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, count] : requests_)
      out += "caravan_http_requests_total{route=\"" + key.first + "\",status=\"" + std::to_string(key.second) + "\"} " +
             std::to_string(count) + "\n";
    durations = durations_;
  }
  out += "# HELP caravan_http_request_duration_seconds Time from routing a request to its answer, by route.\n"
         "# TYPE caravan_http_request_duration_seconds histogram\n";
  for (const auto& route : routes()) {
    const auto found = durations.find(route);
    const Histogram histogram = found == durations.end() ? Histogram{} : found->second;
    const std::string label = "route=\"" + route + "\"";
    std::uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += histogram.buckets[i];
      out += "caravan_http_request_duration_seconds_bucket{" + label + ",le=\"" + number(kBuckets[i]) + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    out += "caravan_http_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " + std::to_string(histogram.count) + "\n";
    out += "caravan_http_request_duration_seconds_sum{" + label + "} " + number(histogram.sum) + "\n";
    out += "caravan_http_request_duration_seconds_count{" + label + "} " + std::to_string(histogram.count) + "\n";
  }
  if (documents) {
    out += "# HELP caravan_index_documents Documents in the live index.\n"
           "# TYPE caravan_index_documents gauge\n"
           "caravan_index_documents " + std::to_string(*documents) + "\n";
  }
  out += "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
         "# TYPE process_resident_memory_bytes gauge\n"
         "process_resident_memory_bytes " + std::to_string(resident_memory_bytes()) + "\n";
  return out;
}

std::uint64_t resident_memory_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t size = 0, resident = 0;
  if (!(statm >> size >> resident)) return 0;
  const long page = sysconf(_SC_PAGESIZE);
  return resident * static_cast<std::uint64_t>(page > 0 ? page : 4096);
}

}  // namespace caravan
