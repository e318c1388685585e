// Bounds on what one record may cost to index, store and snippet: text is cut at a size, and
// problems that quote input are clipped.
#pragma once

#include <cstddef>
#include <string>

#include "indexer/readers/reader.h"

namespace caravan {

struct RecordLimits {
  std::size_t max_body_bytes = 256 * 1024;  // of UTF-8 text, after HTML is turned to text
  std::size_t max_title_bytes = 1024;
  std::size_t max_record_bytes = kDefaultMaxRecordBytes;  // as read; longer ones are skipped
};

// A problem's reason is clipped to this many bytes (a broken line is not echoed whole).
constexpr std::size_t kMaxReasonBytes = 300;

// Cuts text to at most max_bytes, at a character boundary, and at the last space before it
// when there is one in the last tenth; returns whether anything was cut.
bool truncate_text(std::string& text, std::size_t max_bytes);

// A sink that cuts each item's title and body to the limits (reporting each cut as a warning,
// the item still indexed) and clips every problem's reason, then passes both on to next.
ReaderSink limited_sink(const RecordLimits& limits, ReaderSink next);

}  // namespace caravan
