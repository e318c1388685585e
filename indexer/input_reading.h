// Reads a run's input files into a sink, moving the progress bar by the bytes read.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "indexer/progress_bar.h"
#include "indexer/readers/input_files.h"
#include "indexer/readers/reader.h"

namespace caravan {

// Reports each unknown file of listing to sink as skipped, sets the bar's total to the files'
// bytes, then reads the files in order; the bar advances by each file's offset (compressed
// bytes for .gz) as it is read. Each file's public URL is made from base_url and the inputs
// (--base-url, see readers/page_url.h).
void read_inputs(const InputListing& listing, ReaderSink sink, std::size_t max_record_bytes, ProgressBar& progress,
                 const std::string& base_url = "", const std::vector<std::string>& inputs = {});

}  // namespace caravan
