// Default ids for news items that arrive without one.
#include "core/news_item.h"

#include <cstdint>
#include <cstdio>

namespace caravan {
namespace {

std::uint64_t fnv1a64(std::string_view text, std::uint64_t hash = 0xcbf29ce484222325ULL) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace

std::string default_item_id(const NewsItem& item) {
  std::uint64_t hash = item.url.empty() ? fnv1a64(item.body, fnv1a64(item.title)) : fnv1a64(item.url);
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

}  // namespace caravan
