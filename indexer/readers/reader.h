// What every input reader produces: news items, and bad records reported as "file:line: reason".
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "core/news_item.h"

namespace caravan {

struct ReadProblem {
  std::string where;   // "file:line"
  std::string reason;
  bool skipped;        // true: the record was dropped; false: a warning, the record was kept
  // A stable snake_case name of the kind of problem ("bad_json", "bad_date", ...), for the
  // summary's counts; reason is the message, which quotes the input and varies.
  std::string code = "other";
};

// The most one record may take as read: a JSON line, or a page, feed or listing file, which are
// read whole. A longer one is skipped unread, so it never has to fit in memory.
constexpr std::size_t kDefaultMaxRecordBytes = std::size_t{64} << 20;

// Readers call on_item for each good record and on_problem for each bad one; they never throw
// for bad content, only for an unreadable file.
// on_bytes_read, when set, is told how far into the current file reading is (in the file's own
// bytes: compressed ones for .gz) after each chunk, for a progress bar.
struct ReaderSink {
  std::function<void(NewsItem&&)> on_item;
  std::function<void(const ReadProblem&)> on_problem;
  std::function<void(std::uint64_t)> on_bytes_read;
};

}  // namespace caravan
