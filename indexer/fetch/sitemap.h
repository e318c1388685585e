// Sitemaps (sitemaps.org 0.9): a urlset lists pages, a sitemapindex lists more sitemaps.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caravan {

struct Sitemap {
  bool is_index = false;               // true: locations are sitemaps; false: pages
  std::vector<std::string> locations;  // the <loc> of each <url> or <sitemap>, trimmed, in order
};

// The sitemap in content, or nothing when its root element is neither <urlset> nor
// <sitemapindex> (whatever the namespace). Parsed with libxml2 without network or entities;
// empty <loc>s are left out.
std::optional<Sitemap> parse_sitemap(std::string_view content);

}  // namespace caravan
