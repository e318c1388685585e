// One HTTP(S) GET at a time over libcurl, bounded in time and size, conditional when asked.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace caravan {

// How politely and how far the indexer fetches (the --user-agent, --fetch-* options).
struct FetchPolicy {
  std::string user_agent = "caravan-indexer";
  std::chrono::milliseconds delay{1000};      // between two requests to the same host
  std::chrono::milliseconds timeout{30000};   // for a whole response, connecting included
  std::size_t max_bytes = std::size_t{16} << 20;  // a longer response is refused
  int max_redirects = 5;
};

// What a server said when a response was last fetched: sent back to ask "changed since?".
struct Validators {
  std::string etag;
  std::string last_modified;
  bool empty() const { return etag.empty() && last_modified.empty(); }
};

struct HttpResponse {
  long status = 0;           // 0 when no response came (error says why)
  std::string body;
  std::string location;      // of a 3xx, resolved against the request URL
  std::string content_type;
  Validators validators;     // ETag and Last-Modified of the response
  std::string error;         // "timed out after 2 s", "response over N bytes (--max-fetch-bytes)", ...
};

// A libcurl handle reused for every request (keep-alive to the same host); not thread-safe:
// one per thread. Redirects are not followed here: the caller decides (robots.txt, loops).
// Only http and https are spoken. The first HttpClient initializes libcurl for the process.
class HttpClient {
 public:
  explicit HttpClient(const FetchPolicy& policy);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // GETs url; with validators, asks only for a changed response (If-None-Match,
  // If-Modified-Since), and a 304 comes back with an empty body. Never throws for the network.
  HttpResponse get(const std::string& url, const Validators& validators = {});

 private:
  struct Handle;
  FetchPolicy policy_;
  std::unique_ptr<Handle> handle_;
};

// The scheme-and-host part of an absolute http(s) URL, lower-cased: "http://a.org:8080"; "" when
// the URL is not absolute http(s).
std::string url_origin(const std::string& url);

// The path and query of an absolute URL ("/a/b?c"), "/" when it has none.
std::string url_path(const std::string& url);

}  // namespace caravan
