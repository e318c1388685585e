// Counting problems by code and wording the summary.
#include "indexer/run_report.h"

#include <algorithm>
#include <numeric>
#include <utility>
#include <vector>

namespace caravan {
namespace {

std::size_t total(const std::map<std::string, std::size_t>& counts) {
  return std::accumulate(counts.begin(), counts.end(), std::size_t{0},
                         [](std::size_t sum, const auto& entry) { return sum + entry.second; });
}

// "(bad_json: 2, missing_body: 1)": most frequent first, then by code, so the order is stable.
std::string by_code(const std::map<std::string, std::size_t>& counts) {
  std::vector<std::pair<std::string, std::size_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string text;
  for (const auto& [code, count] : sorted) text += (text.empty() ? "(" : ", ") + code + ": " + std::to_string(count);
  return text + ")";
}

}  // namespace

std::string printable_line(std::string text) {
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  return text;
}

RunReport::RunReport(ProgressBar& progress, bool quiet, std::function<void(const ReadProblem&)> listener)
    : progress_(progress), quiet_(quiet), listener_(std::move(listener)) {}

void RunReport::problem(const ReadProblem& problem) {
  {
    const std::lock_guard lock(mutex_);
    ++(problem.skipped ? skipped_ : warnings_)[problem.code];
  }
  if (listener_) listener_(problem);
  if (quiet_) return;
  progress_.message(printable_line(problem.where + ": " + (problem.skipped ? "" : "warning: ") + problem.reason));
}

void RunReport::note(const std::string& message) { progress_.message(printable_line("caravan-indexer: " + message)); }

std::size_t RunReport::skipped() const {
  const std::lock_guard lock(mutex_);
  return total(skipped_);
}

std::size_t RunReport::warnings() const {
  const std::lock_guard lock(mutex_);
  return total(warnings_);
}

std::string RunReport::summary(const ChangeCounts& changes) const {
  const std::lock_guard lock(mutex_);
  const std::size_t skipped = total(skipped_), warnings = total(warnings_);
  std::string text = "added " + std::to_string(changes.added) + ", replaced " + std::to_string(changes.replaced) +
                     ", deleted " + std::to_string(changes.deleted) + ", skipped " + std::to_string(skipped);
  if (skipped > 0) text += " " + by_code(skipped_);
  if (warnings > 0) text += "; " + std::to_string(warnings) + (warnings == 1 ? " warning " : " warnings ") + by_code(warnings_);
  return text;
}

}  // namespace caravan
