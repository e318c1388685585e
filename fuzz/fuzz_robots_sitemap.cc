// Fuzzes what the crawler reads from servers: robots.txt rules and their matching, and sitemaps.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/unexpected.h"
#include "indexer/fetch/robots.h"
#include "indexer/fetch/sitemap.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  return caravan::fuzz::run_checked([&] {
    const auto rules = caravan::RobotsRules::parse(content, "caravan-indexer/1.0");
    for (std::string_view path : {"/", "/news/2026/11/a.html?lang=ru", "/private/x.pdf", "/robots.txt"})
      (void)rules.allows(path);
    // The input's own first line as a path: patterns matched against what they were made of.
    (void)rules.allows(content.substr(0, std::min<std::size_t>(content.find('\n'), 512)));
    (void)rules.crawl_delay();
    (void)caravan::parse_sitemap(content);
  });
}
