// Fuzzes the JSON Lines reader (read_jsonl) and the indexer's analysis of the items it lets through.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/reader_sink.h"
#include "fuzz/unexpected.h"
#include "indexer/readers/input_files.h"
#include "indexer/readers/jsonl_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  static const caravan::ReaderSink sink = caravan::fuzz::checking_sink();
  return caravan::fuzz::run_checked([&] {
    (void)caravan::detect_format("input", content);
    caravan::read_jsonl(content, "fuzz.jsonl", sink);
  });
}
