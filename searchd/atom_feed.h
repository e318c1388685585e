// A search as an Atom 1.0 feed (GET /feed.atom): the newest matching items.
#pragma once

#include <ctime>
#include <string>
#include <string_view>

#include "searchd/search_request.h"
#include "searchd/searcher.h"

namespace caravan {

inline constexpr const char* kAtomContentType = "application/atom+xml; charset=utf-8";
inline constexpr int kFeedEntries = 20;

// The search behind a feed: the /api/search parameters (q, filters, dates), newest first, the
// first kFeedEntries items, no facets. Throws ApiError(kBadParameter) as /api/search does.
SearchRequest parse_feed_request(const QueryParams& params);

// The feed document. base_url: "http://host:port" the client used; params: the request's, for
// the self link (which is also the feed id) and the link to the same search in the UI;
// index_time: when the index last changed, the date of items without one.
// Entries: id "tag:caravan,2026:doc/<id>", title, updated (the item's date, else index_time),
// a link to the item's URL (else to its /doc/{id} page), the snippet as plain text.
std::string atom_feed(const SearchResult& result, const std::string& base_url, const QueryParams& params,
                      std::time_t index_time);

// RFC 3339 UTC: "2026-12-01T11:34:15Z".
std::string rfc3339(std::time_t time);

}  // namespace caravan
