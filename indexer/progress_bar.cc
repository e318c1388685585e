// Drawing the progress bar, and keeping messages off it.
#include "indexer/progress_bar.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace caravan {
namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(250);
constexpr std::size_t kDefaultColumns = 80;

std::size_t terminal_columns(std::FILE* out) {
  winsize size{};
  if (::ioctl(::fileno(out), TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return kDefaultColumns;
}

unsigned percent(const ProgressState& state) {
  if (state.total == 0) return 0;
  return static_cast<unsigned>(std::min<std::uint64_t>(state.done, state.total) * 100 / state.total);
}

std::string rate_text(const ProgressState& state) {
  const double rate = state.seconds > 0 ? state.documents / state.seconds : 0;
  return with_thousands(static_cast<std::uint64_t>(std::llround(rate))) + " docs/s";
}

// From the rate of units so far; "-:--" until some are done.
std::string eta_text(const ProgressState& state) {
  if (state.done == 0 || state.seconds <= 0) return "ETA -:--";
  const std::uint64_t left = state.total > state.done ? state.total - state.done : 0;
  return "ETA " + clock_text(state.seconds * static_cast<double>(left) / static_cast<double>(state.done));
}

std::string total_text(const ProgressState& state) {
  if (state.unit != "bytes") return with_thousands(state.total) + " " + state.unit;
  return size_text(state.total);
}

}  // namespace

std::string with_thousands(std::uint64_t number) {
  std::string digits = std::to_string(number);
  for (std::size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
  return digits;
}

std::string size_text(std::uint64_t bytes) {
  char text[32];
  if (bytes < 1000000) std::snprintf(text, sizeof text, "%.0f KB", static_cast<double>(bytes) / 1e3);
  else std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return text;
}

std::string clock_text(double seconds) {
  const auto whole = static_cast<long long>(std::max(0.0, std::round(seconds)));
  char text[32];
  if (whole >= 3600) std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", whole / 3600, whole / 60 % 60, whole % 60);
  else std::snprintf(text, sizeof text, "%lld:%02lld", whole / 60, whole % 60);
  return text;
}

std::string progress_bar_text(const ProgressState& state, std::size_t bar_width) {
  std::string text;
  if (state.total > 0) {
    const std::size_t filled = bar_width * percent(state) / 100;
    char share[8];
    std::snprintf(share, sizeof share, "%3u%%", percent(state));
    text = "[" + std::string(filled, '#') + std::string(bar_width - filled, '.') + "] " + share + "  ";
  }
  text += with_thousands(state.documents) + " docs  " + rate_text(state);
  if (state.total > 0) text += "  " + eta_text(state);
  return text;
}

std::string progress_log_text(const ProgressState& state) {
  std::string text;
  if (state.total > 0) text = std::to_string(percent(state)) + "% of " + total_text(state) + ", ";
  text += with_thousands(state.documents) + " docs, " + rate_text(state);
  if (state.total > 0) text += ", " + eta_text(state);
  return text;
}

ProgressBar::ProgressBar(std::FILE* out, ProgressMode mode, std::chrono::milliseconds interval)
    : out_(out),
      mode_(mode),
      interval_(interval),
      columns_(mode == ProgressMode::kTerminal ? terminal_columns(out) : kDefaultColumns),
      start_(Clock::now()),
      last_draw_(start_ - kRedrawInterval) {
  if (mode_ == ProgressMode::kPlain) last_draw_ = start_;  // the first line after one interval
}

void ProgressBar::set_total(std::uint64_t units, std::string unit) {
  const std::lock_guard lock(mutex_);
  progress_.total = units;
  progress_.unit = std::move(unit);
  tick_locked();
}

void ProgressBar::advance(std::uint64_t units) {
  const std::lock_guard lock(mutex_);
  progress_.done += units;
  tick_locked();
}

void ProgressBar::set_done(std::uint64_t units) {
  const std::lock_guard lock(mutex_);
  progress_.done = std::max(progress_.done, units);
  tick_locked();
}

void ProgressBar::add_documents(std::size_t count) {
  const std::lock_guard lock(mutex_);
  progress_.documents += count;
  tick_locked();
}

void ProgressBar::message(std::string_view line) {
  const std::lock_guard lock(mutex_);
  clear_locked();
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fputc('\n', out_);
  if (mode_ == ProgressMode::kTerminal) tick_locked();
  std::fflush(out_);
}

void ProgressBar::finish() {
  const std::lock_guard lock(mutex_);
  clear_locked();
  // A log gets a last line, so that even a run shorter than one interval shows its rate.
  if (!finished_ && mode_ == ProgressMode::kPlain && interval_.count() > 0) draw_locked();
  finished_ = true;
  std::fflush(out_);
}

ProgressState ProgressBar::state() const {
  const std::lock_guard lock(mutex_);
  return state_locked();
}

ProgressState ProgressBar::state_locked() const {
  ProgressState state = progress_;
  state.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
  return state;
}

// Draws when it is time to: every 250 ms on a terminal, every interval in a log.
void ProgressBar::tick_locked() {
  if (finished_ || mode_ == ProgressMode::kOff) return;
  if (mode_ == ProgressMode::kPlain && interval_.count() == 0) return;
  const auto now = Clock::now();
  const auto wait = mode_ == ProgressMode::kTerminal ? kRedrawInterval : std::chrono::duration_cast<Clock::duration>(interval_);
  if (now - last_draw_ < wait) return;
  last_draw_ = now;
  draw_locked();
}

void ProgressBar::draw_locked() {
  const ProgressState state = state_locked();
  if (mode_ == ProgressMode::kPlain) {
    std::fprintf(out_, "caravan-indexer: %s\n", progress_log_text(state).c_str());
  } else {
    std::string line = progress_bar_text(state);
    if (line.size() >= columns_) line.resize(columns_ > 1 ? columns_ - 1 : 0);  // ASCII only: no character cut
    std::fprintf(out_, "\r%s\033[K", line.c_str());
    visible_ = true;
  }
  std::fflush(out_);
}

void ProgressBar::clear_locked() {
  if (!visible_) return;
  std::fputs("\r\033[K", out_);
  visible_ = false;
}

}  // namespace caravan
