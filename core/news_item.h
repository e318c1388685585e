// The document model: one news item as read from any input format, before and after analysis.
#pragma once

#include <string>
#include <vector>

namespace caravan {

struct NewsItem {
  std::string id;                          // unique; readers default it to a hash of url or content
  std::string url;
  std::string title;
  std::string body;                        // plain text (readers strip HTML)
  std::string date;                        // "YYYY-MM-DD" or empty when unknown
  std::string lang;                        // iso639-1 (or "uz-Cyrl"-style tag); empty = identify
  std::vector<std::string> countries;      // ISO 3166-1 alpha-2, upper case
  std::vector<std::string> organizations;  // canonical ids from gazetteers/organizations.tsv
  std::string source;                      // where the item came from: "file:line"
};

// A stable id for an item that has none: a hex hash of its url, else of its title and body.
std::string default_item_id(const NewsItem& item);

}  // namespace caravan
