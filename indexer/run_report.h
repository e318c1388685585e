// What a build, update or delete tells the operator: each problem as it happens (above the
// progress bar), counted by its code, and the summary line at the end.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "indexer/progress_bar.h"
#include "indexer/readers/reader.h"

namespace caravan {

// How the index changed, by document id.
struct ChangeCounts {
  std::size_t added = 0;     // ids the index did not have
  std::size_t replaced = 0;  // ids it had, written again
  std::size_t deleted = 0;   // ids it had and has no more
};

// Thread-safe, as the progress bar it prints through.
class RunReport {
 public:
  // quiet: problems are counted, not printed; each is also passed to listener, when set.
  RunReport(ProgressBar& progress, bool quiet, std::function<void(const ReadProblem&)> listener = {});

  // Prints "where: reason" ("where: warning: reason" for a kept record) unless quiet, with
  // control characters shown as '?' (an input must not drive the terminal), and counts it.
  void problem(const ReadProblem& problem);
  // "caravan-indexer: message", also when quiet: what the indexer did besides indexing.
  void note(const std::string& message);

  ProgressBar& progress() { return progress_; }
  std::size_t skipped() const;
  std::size_t warnings() const;

  // "added 14, replaced 2, deleted 1, skipped 4 (bad_json: 2, missing_body: 1, not_object: 1)",
  // then "; 1 warning (bad_date: 1)" when there are warnings; codes by count, then by name.
  std::string summary(const ChangeCounts& changes) const;

 private:
  ProgressBar& progress_;
  bool quiet_;
  std::function<void(const ReadProblem&)> listener_;
  mutable std::mutex mutex_;
  std::map<std::string, std::size_t> skipped_;
  std::map<std::string, std::size_t> warnings_;
};

// A message as one printable line: control characters (a newline, ESC, \r) become '?'.
std::string printable_line(std::string text);

}  // namespace caravan
