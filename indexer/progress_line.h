// A one-line progress report on stderr for long indexing runs on a terminal.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>

namespace caravan {

class ProgressLine {
 public:
  explicit ProgressLine(bool enabled) : enabled_(enabled), start_(Clock::now()), last_(start_) {}

  // Redraws at most four times a second.
  void update(std::size_t done) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    std::fprintf(stderr, "\rindexed %zu documents (%.0f docs/s)", done, done / seconds());
  }

  // Clears the line so the summary that follows starts clean.
  void finish() {
    if (enabled_) std::fprintf(stderr, "\r\033[K");
  }

  double seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  Clock::time_point start_, last_;
};

}  // namespace caravan
