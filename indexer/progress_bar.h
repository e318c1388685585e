// The indexer's progress on stderr: a redrawn bar on a terminal, a plain line every few seconds
// elsewhere (CI, cron), and messages printed above the bar, never onto it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace caravan {

// Where a run stands. Units are what the total counts: input bytes (compressed ones for .gz),
// or the URLs a crawler was given; total 0 means not known.
struct ProgressState {
  std::uint64_t done = 0;
  std::uint64_t total = 0;
  std::string unit = "bytes";
  std::size_t documents = 0;
  double seconds = 0;
};

// "[########............]  42%  12,345 docs  1,234 docs/s  ETA 0:37"; without a total, only the
// documents and their rate.
std::string progress_bar_text(const ProgressState& state, std::size_t bar_width = 20);

// "42% of 29.1 MB, 12,345 docs, 1,234 docs/s, ETA 0:37" for logs, one line per interval.
std::string progress_log_text(const ProgressState& state);

// 12345 -> "12,345".
std::string with_thousands(std::uint64_t number);

// Bytes as "820 KB" or "29.1 MB" (decimal units).
std::string size_text(std::uint64_t bytes);

// Seconds as "0:37", "12:05" or "1:02:03".
std::string clock_text(double seconds);

enum class ProgressMode {
  kOff,       // nothing but messages
  kTerminal,  // one line redrawn in place with \r and ESC[K, at most 4 times a second
  kPlain,     // a progress line every interval
};

// Thread-safe: a crawler may feed it from its fetching threads.
class ProgressBar {
 public:
  ProgressBar(std::FILE* out, ProgressMode mode, std::chrono::milliseconds interval = std::chrono::seconds(10));
  ~ProgressBar() { finish(); }  // also when an error ends the run: its message starts on a clean line
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // The work to do, known up front: the inputs' bytes, or a crawler's URL count ("URLs").
  void set_total(std::uint64_t units, std::string unit = "bytes");
  // Units more done.
  void advance(std::uint64_t units);
  // Units done so far, for a reader that knows its offset; never goes back.
  void set_done(std::uint64_t units);
  void add_documents(std::size_t count = 1);

  // Prints line (one line, no newline in it) above the bar: the bar is cleared first and
  // redrawn after it, so neither is cut into the other.
  void message(std::string_view line);

  // Removes the bar, so what is printed next starts on a clean line (a log gets a last line);
  // draws nothing afterwards.
  void finish();

  ProgressState state() const;

 private:
  using Clock = std::chrono::steady_clock;
  ProgressState state_locked() const;
  void tick_locked();
  void draw_locked();
  void clear_locked();

  std::FILE* out_;
  ProgressMode mode_;
  std::chrono::milliseconds interval_;
  std::size_t columns_;  // of the terminal: a longer bar line would wrap and break the redraw
  mutable std::mutex mutex_;
  Clock::time_point start_, last_draw_;
  ProgressState progress_;
  bool visible_ = false;
  bool finished_ = false;
};

}  // namespace caravan
