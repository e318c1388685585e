// HTTP conventions without the HTTP library: content coding, entity tags, cache lifetimes.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace caravan {

// Whether an Accept-Encoding value accepts gzip: "gzip" (or "x-gzip"), else "*", with a
// q-value above 0 ("gzip;q=0" refuses it). Names are case-insensitive.
bool accepts_gzip(std::string_view accept_encoding);

// The answers searchd compresses itself: its JSON, Atom and OpenSearch documents. cpp-httplib
// compresses text/*, plain application/json and a few others (the static files, /metrics)
// on its own, so those are left to it and never compressed twice.
bool compressed_by_searchd(std::string_view content_type);

// Whether an answer of this type is compressed for a client that accepts gzip, by searchd or
// by cpp-httplib: such answers say "Vary: Accept-Encoding".
bool compressible(std::string_view content_type);

// What is too small to be worth a gzip header and trailer.
constexpr size_t kMinCompressedBytes = 256;

// data as one gzip member (RFC 1952). Throws std::runtime_error if zlib fails.
std::string gzip(std::string_view data);

// A weak entity tag for everything that decides an answer (the index revision, the request
// target, ...): W/"16 hex digits" of a 64-bit FNV-1a hash of the parts. Weak because answers
// with one tag may differ in what does not matter (took_ms, the content coding).
std::string weak_entity_tag(std::initializer_list<std::string_view> parts);

// Whether an If-None-Match value names tag, compared weakly (RFC 9110 13.1.2).
bool if_none_match_names(std::string_view if_none_match, std::string_view tag);

// Whether it is "*" (or lists it): any current answer matches, known only once it is made.
bool if_none_match_any(std::string_view if_none_match);

// Cache-Control values. Index-bound answers may be stored but are checked again every time
// (a 304 when the ETag still names them), so a new index generation shows at once; live state
// (health, metrics) and errors are not stored; a static file asked for with ?v= never changes.
constexpr const char* kCacheRevalidate = "no-cache";
constexpr const char* kCacheNoStore = "no-store";
constexpr const char* kCacheImmutable = "public, max-age=31536000, immutable";

// list with token added to a comma-separated list (a Vary value) unless already there.
std::string with_list_token(std::string_view list, std::string_view token);

}  // namespace caravan
