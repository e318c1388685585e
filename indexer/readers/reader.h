// What every input reader produces: news items, and bad records reported as "file:line: reason".
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "core/news_item.h"

namespace caravan {

struct ReadProblem {
  std::string where;   // "file:line"
  std::string reason;
  bool skipped;        // true: the record was dropped; false: a warning, the record was kept
};

// The most one record may take as read: a JSON line, or a page, feed or listing file, which are
// read whole. A longer one is skipped unread, so it never has to fit in memory.
constexpr std::size_t kDefaultMaxRecordBytes = std::size_t{64} << 20;

// Readers call on_item for each good record and on_problem for each bad one; they never throw
// for bad content, only for an unreadable file.
struct ReaderSink {
  std::function<void(NewsItem&&)> on_item;
  std::function<void(const ReadProblem&)> on_problem;
};

}  // namespace caravan
