// What every input reader produces: news items, and bad records reported as "file:line: reason".
#pragma once

#include <functional>
#include <string>

#include "core/news_item.h"

namespace caravan {

struct ReadProblem {
  std::string where;   // "file:line"
  std::string reason;
  bool skipped;        // true: the record was dropped; false: a warning, the record was kept
};

// Readers call on_item for each good record and on_problem for each bad one; they never throw
// for bad content, only for an unreadable file.
struct ReaderSink {
  std::function<void(NewsItem&&)> on_item;
  std::function<void(const ReadProblem&)> on_problem;
};

}  // namespace caravan
