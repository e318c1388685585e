// The OpenSearch 1.1 description (GET /opensearch.xml) that lets a browser add Caravan as a search engine.
#pragma once

#include <string>

namespace caravan {

inline constexpr const char* kOpenSearchContentType = "application/opensearchdescription+xml";

// base_url: scheme and authority the client reached searchd at, "http://news.example:8080".
// The document names the UI, the suggestions (OpenSearch's array format) and the Atom feed.
std::string opensearch_description(const std::string& base_url);

}  // namespace caravan
