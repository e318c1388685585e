// Fetches the portal over HTTP: sitemaps, feeds and pages from the URLs given, politely, into
// the same record sink the file readers feed.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/fetch/http_client.h"
#include "indexer/readers/reader.h"

namespace caravan {

struct CrawlCounts {
  std::size_t urls = 0;          // URLs visited (given, or found in sitemaps and feeds)
  std::size_t fetched = 0;       // answered with a body that was read
  std::size_t not_modified = 0;  // answered 304: the item in the index is kept
  std::size_t failed = 0;        // reported as "url: reason" and skipped
};

// The inputs that are URLs (http:// or https://, any case) and those that are paths.
struct SplitInputs {
  std::vector<std::string> paths;
  std::vector<std::string> urls;
};

// Throws std::runtime_error for an input with another scheme ("ftp://...: only http and https
// URLs are fetched").
SplitInputs split_inputs(const std::vector<std::string>& inputs);

// Visits each URL and what it leads to, one request at a time, waiting policy.delay (or the
// host's robots.txt Crawl-delay, up to 60 s, when longer) between two requests to a host:
// - robots.txt of each host is fetched first and obeyed (a 4xx allows everything; a 5xx or no
//   answer allows nothing on that host);
// - redirects are followed up to policy.max_redirects, each hop checked against robots.txt; a
//   loop or one hop too many fails;
// - a sitemap index's sitemaps and a sitemap's pages are visited (nested up to 4 deep);
// - a feed's items are visited as pages through their links (one item per page, whether a
//   sitemap or a feed lists it: a URL is visited once); an item without a link is indexed from
//   the feed itself;
// - a page is read with the HTML reader; its item's url is the page's (after redirects) unless
//   it declares og:url or a canonical link.
// Each failure (HTTP status, timeout, size, robots.txt, not a page) is one skipped problem
// "url: reason". With conditional, pages are asked for with the validators db remembers and a
// 304 keeps their item; every page read is remembered in db ("fetch:<url>" metadata).
CrawlCounts crawl(const std::vector<std::string>& urls, const FetchPolicy& policy, Xapian::WritableDatabase& db,
                  bool conditional, const ReaderSink& sink);

}  // namespace caravan
