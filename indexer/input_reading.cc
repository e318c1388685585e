// The read loop of build and update, with progress by bytes, and the sink into their pipeline.
#include "indexer/input_reading.h"

#include <cstdint>
#include <filesystem>
#include <system_error>
#include <utility>

#include "indexer/readers/page_url.h"

namespace caravan {

void read_inputs(const InputListing& listing, ReaderSink sink, std::size_t max_record_bytes, ProgressBar& progress,
                 const std::string& base_url, const std::vector<std::string>& inputs) {
  progress.set_total(listing.bytes);  // first, so that no bar is drawn without it
  for (const auto& path : listing.unknown) sink.on_problem(unknown_file_problem(path));
  std::uint64_t before = 0;  // the bytes of the files read already
  sink.on_bytes_read = [&](std::uint64_t offset) { progress.set_done(before + offset); };
  for (const auto& file : listing.files) {
    read_input_file(file, sink, max_record_bytes, public_url(base_url, inputs, file));
    std::error_code unknown_size;
    const auto size = std::filesystem::file_size(file, unknown_size);
    if (!unknown_size) before += size;
    progress.set_done(before);
  }
}

ReaderSink pipeline_sink(DocumentPipeline& pipeline, RunReport& report, const RecordLimits& limits) {
  ReaderSink sink;
  sink.on_item = [&pipeline](NewsItem&& item) { pipeline.push(std::move(item)); };
  sink.on_problem = [&report](const ReadProblem& problem) { report.problem(problem); };
  return limited_sink(limits, sink);
}

}  // namespace caravan
