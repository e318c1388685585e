// Reads a run's input files into a sink, moving the progress bar by the bytes read; the sink
// that feeds build's and update's document pipeline.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "indexer/document_pipeline.h"
#include "indexer/progress_bar.h"
#include "indexer/readers/input_files.h"
#include "indexer/readers/reader.h"
#include "indexer/record_limits.h"
#include "indexer/run_report.h"

namespace caravan {

// Reports each unknown file of listing to sink as skipped, sets the bar's total to the files'
// bytes, then reads the files in order; the bar advances by each file's offset (compressed
// bytes for .gz) as it is read. Each file's public URL is made from base_url and the inputs
// (--base-url, see readers/page_url.h).
void read_inputs(const InputListing& listing, ReaderSink sink, std::size_t max_record_bytes, ProgressBar& progress,
                 const std::string& base_url = "", const std::vector<std::string>& inputs = {});

// Each item read goes to the pipeline and each problem to the report, within the record limits.
ReaderSink pipeline_sink(DocumentPipeline& pipeline, RunReport& report, const RecordLimits& limits);

}  // namespace caravan
