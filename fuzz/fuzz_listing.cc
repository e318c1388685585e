// Fuzzes the portal listing dump reader (looks_like_listing, read_listing, first_sentence) and the analysis of its items.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/reader_sink.h"
#include "fuzz/unexpected.h"
#include "indexer/readers/input_files.h"
#include "indexer/readers/listing_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  static const caravan::ReaderSink sink = caravan::fuzz::checking_sink();
  return caravan::fuzz::run_checked([&] {
    (void)caravan::detect_format("input", content);
    (void)caravan::looks_like_listing(content);
    (void)caravan::first_sentence(content);
    caravan::read_listing(content, "fuzz.txt", sink);
  });
}
