// ETags, 304s, Cache-Control, gzip, Vary and 405s on cpp-httplib's requests and responses.
#include "searchd/http_caching.h"

#include <httplib.h>

#include <string>

#include "searchd/api_error.h"
#include "searchd/http_conventions.h"
#include "searchd/json_output.h"
#include "searchd/metrics.h"
#include "searchd/searcher.h"

namespace caravan {
namespace {

bool index_bound(const std::string& route) {
  return route == "search" || route == "suggest" || route == "facets" || route == "doc" || route == "stats" ||
         route == "feed" || route == "opensearch";
}

// The route a GET of this path would take ("static" for anything outside the API).
std::string route_of_path(const std::string& path) { return Metrics::route_of("GET", path, 200); }

// cpp-httplib's Response::set_header adds a field; these must be there once.
void replace_header(httplib::Response& res, const std::string& name, const std::string& value) {
  res.headers.erase(name);
  res.set_header(name, value);
}

}  // namespace

HttpCaching::HttpCaching(Searcher& searcher, std::filesystem::path web_root)
    : searcher_(searcher), web_root_(std::move(web_root)) {}

std::filesystem::path HttpCaching::static_file(const std::string& path) const {
  if (web_root_.empty() || !path.starts_with("/")) return {};
  const std::filesystem::path file = web_root_ / (path.substr(1) + (path.ends_with("/") ? "index.html" : ""));
  std::error_code error;
  return std::filesystem::is_regular_file(file, error) ? file : std::filesystem::path();
}

bool HttpCaching::refuse_method(const httplib::Request& req, httplib::Response& res) const {
  if (req.method == "GET" || req.method == "HEAD" || req.method == "OPTIONS") return false;
  const std::string route = route_of_path(req.path);
  const bool api = req.path.starts_with("/api/");
  if (route == "other" || (route == "static" && static_file(req.path).empty())) return false;  // a 404
  res.set_header("Allow", api ? "GET, HEAD, OPTIONS" : "GET, HEAD");
  if (api) {
    const ErrorInfo info = error_info(ErrorCode::kMethodNotAllowed);
    res.status = info.http_status;
    res.set_content(dump(error_json(info.name, req.method + " is not allowed on " + req.path + ": use GET")),
                    "application/json; charset=utf-8");
  } else {
    res.status = 405;
    res.set_content(req.method + " is not allowed on " + req.path + ": use GET\n", "text/plain; charset=utf-8");
  }
  res.set_header("Connection", "close");  // a body the request may carry is not read
  return true;
}

// "" when the answer has none: live answers, or no index to name (the route answers the 503).
std::string HttpCaching::entity_tag(const httplib::Request& req, const std::string& route) const {
  if (index_bound(route)) {
    try {
      // Host and X-Forwarded-Proto make the absolute URLs of the feed and the description.
      return weak_entity_tag({searcher_.revision(), req.target, req.get_header_value("Host"),
                              req.get_header_value("X-Forwarded-Proto")});
    } catch (const std::exception&) {
      return "";
    }
  }
  if (route != "static") return "";
  const std::filesystem::path file = static_file(req.path);
  std::error_code error;
  const auto size = file.empty() ? 0 : std::filesystem::file_size(file, error);
  const auto time = file.empty() ? std::filesystem::file_time_type() : std::filesystem::last_write_time(file, error);
  if (file.empty() || error) return "";
  return weak_entity_tag({file.string(), std::to_string(size), std::to_string(time.time_since_epoch().count())});
}

bool HttpCaching::answer_early(const httplib::Request& req, httplib::Response& res) const {
  if (refuse_method(req, res)) return true;
  if (req.method != "GET" && req.method != "HEAD") return false;
  const std::string tag = entity_tag(req, route_of_path(req.path));
  if (tag.empty()) return false;
  res.set_header("ETag", tag);
  if (!if_none_match_names(req.get_header_value("If-None-Match"), tag)) return false;
  res.status = 304;
  return true;
}

void HttpCaching::finish(const httplib::Request& req, httplib::Response& res) const {
  const std::string route = route_of_path(req.path);
  if (res.status == 200 && res.has_header("ETag") && if_none_match_any(req.get_header_value("If-None-Match"))) {
    res.status = 304;  // "*": there is an answer, and it is made now
    res.body.clear();
  }
  set_cache_control(req, res, route);
  if (res.status == 304) {
    // No content, and no Content-Length unless it were the 200's (RFC 9110 8.6).
    for (const char* name : {"Content-Length", "Content-Type", "Content-Encoding"}) res.headers.erase(name);
    replace_header(res, "Vary", with_list_token(res.get_header_value("Vary"), "Accept-Encoding"));
    return;
  }
  compress(req, res);
}

void HttpCaching::set_cache_control(const httplib::Request& req, httplib::Response& res, const std::string& route) {
  const bool validated = res.status == 200 || res.status == 304;
  if (!validated) res.headers.erase("ETag");
  if (res.status >= 400 || route == "healthz" || route == "metrics")
    replace_header(res, "Cache-Control", kCacheNoStore);
  else if (route == "static" && req.has_param("v"))
    replace_header(res, "Cache-Control", kCacheImmutable);
  else if (validated && req.method != "OPTIONS" && !res.has_header("Cache-Control"))  // a route's own (widget.js) stands
    res.set_header("Cache-Control", kCacheRevalidate);
}

void HttpCaching::compress(const httplib::Request& req, httplib::Response& res) {
  const std::string type = res.get_header_value("Content-Type");
  if (res.body.empty() || !compressible(type)) return;
  replace_header(res, "Vary", with_list_token(res.get_header_value("Vary"), "Accept-Encoding"));
  if (!compressed_by_searchd(type) || res.has_header("Content-Encoding") || res.body.size() < kMinCompressedBytes ||
      !accepts_gzip(req.get_header_value("Accept-Encoding")))
    return;
  try {
    res.body = gzip(res.body);
  } catch (const std::exception&) {
    return;  // zlib out of memory: the answer goes uncompressed, which every client reads
  }
  res.set_header("Content-Encoding", "gzip");
  replace_header(res, "Content-Length", std::to_string(res.body.size()));
}

}  // namespace caravan
