// Cutting oversized records down to size before they are analyzed, stored and snippeted.
#include "indexer/record_limits.h"

#include <utility>

#include "core/normalize.h"

namespace caravan {
namespace {

// How far back from the cut a space is looked for, so the text ends with a whole word.
constexpr std::size_t kWordBoundaryWindow = 64;

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

std::string clipped(const std::string& reason) {
  const std::string_view kept = utf8_prefix(reason, kMaxReasonBytes);
  return kept.size() == reason.size() ? reason : std::string(kept) + "…";
}

// Cuts one field and reports it, naming the option that sets its limit when there is one.
void limit_field(std::string& text, std::size_t max_bytes, const char* field, const char* option,
                 const NewsItem& item, const ReaderSink& next) {
  const std::size_t before = text.size();
  if (!truncate_text(text, max_bytes)) return;
  std::string reason = std::string(field) + " truncated from " + std::to_string(before) + " to " +
                       std::to_string(text.size()) + " bytes (limit " + std::to_string(max_bytes);
  reason += option ? std::string(", ") + option + ")" : std::string(")");
  next.on_problem({item.source, reason, false, std::string(field) + "_truncated"});
}

}  // namespace

bool truncate_text(std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return false;
  std::size_t end = utf8_prefix(text, max_bytes).size();
  const std::size_t window_start = end > kWordBoundaryWindow ? end - kWordBoundaryWindow : 0;
  // The character right after the cut may itself be a space: then the cut is a word boundary.
  if (!is_space(text[end])) {
    std::size_t space = end;
    while (space > window_start && !is_space(text[space - 1])) --space;
    if (space > window_start) end = space;
  }
  while (end > 0 && is_space(text[end - 1])) --end;
  text.resize(end);
  return true;
}

ReaderSink limited_sink(const RecordLimits& limits, ReaderSink next) {
  ReaderSink sink;
  sink.on_item = [limits, next](NewsItem&& item) {
    limit_field(item.title, limits.max_title_bytes, "title", nullptr, item, next);
    limit_field(item.body, limits.max_body_bytes, "body", "--max-body-bytes", item, next);
    next.on_item(std::move(item));
  };
  sink.on_problem = [next](const ReadProblem& problem) {
    next.on_problem({problem.where, clipped(problem.reason), problem.skipped, problem.code});
  };
  sink.on_bytes_read = next.on_bytes_read;
  return sink;
}

}  // namespace caravan
