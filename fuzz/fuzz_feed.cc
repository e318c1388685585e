// Fuzzes the RSS 2.0 / Atom feed reader (looks_like_feed, read_feed) and the analysis of its items.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/reader_sink.h"
#include "fuzz/unexpected.h"
#include "indexer/readers/feed_reader.h"
#include "indexer/readers/input_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  static const caravan::ReaderSink sink = caravan::fuzz::checking_sink();
  return caravan::fuzz::run_checked([&] {
    (void)caravan::detect_format("input", content);
    (void)caravan::looks_like_feed(content);
    caravan::read_feed(content, "fuzz.rss", sink);
  });
}
