// searchd's HTTP conventions at the edge: ETags and 304s, Cache-Control, gzip and Vary, 405s.
#pragma once

#include <filesystem>
#include <string>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace caravan {

class Searcher;

// Runs in the pre- and post-routing handlers, so the route table stays as it is. What decides
// an answer's caching is its route (Metrics::route_of): index-bound answers (search, suggest,
// facets, doc, stats, feed, OpenSearch) carry a weak ETag of the index revision and the
// request, live ones (healthz, metrics) and errors are not stored, static files are checked
// by size and time, or kept a year when asked for with ?v=. Holds no state between requests.
class HttpCaching {
 public:
  // web_root: the canonical --web directory, empty without one.
  HttpCaching(Searcher& searcher, std::filesystem::path web_root);

  // Before routing: answers (true) a method other than GET, HEAD or OPTIONS on a route or a
  // file with 405 and Allow, and a GET whose If-None-Match names the current ETag with 304;
  // else notes the ETag on res for finish().
  bool answer_early(const httplib::Request& req, httplib::Response& res) const;

  // After routing: ETag and Cache-Control by status and route (a Cache-Control the route set
  // itself stands, except for errors and ?v=), gzip for the documents searchd
  // writes when the client accepts it, and Vary: Accept-Encoding wherever a coding may apply.
  void finish(const httplib::Request& req, httplib::Response& res) const;

 private:
  bool refuse_method(const httplib::Request& req, httplib::Response& res) const;
  std::string entity_tag(const httplib::Request& req, const std::string& route) const;
  std::filesystem::path static_file(const std::string& path) const;  // empty when none
  static void set_cache_control(const httplib::Request& req, httplib::Response& res, const std::string& route);
  static void compress(const httplib::Request& req, httplib::Response& res);

  Searcher& searcher_;
  std::filesystem::path web_root_;
};

}  // namespace caravan
