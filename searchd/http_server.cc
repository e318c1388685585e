// Routes, error mapping, CORS and security headers, with cpp-httplib.
#include "searchd/http_server.h"

#include <httplib.h>

#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <stdexcept>

#include "searchd/api_error.h"
#include "searchd/atom_feed.h"
#include "searchd/doc_page.h"
#include "searchd/json_output.h"
#include "searchd/opensearch.h"

namespace caravan {
namespace {

using Handler = std::function<nlohmann::json(const httplib::Request&)>;

// The CSP with the pages allowed to frame the UI (--frame-ancestors, default 'self').
std::string content_security_policy(const std::vector<std::string>& frame_ancestors) {
  std::string policy =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors";
  for (const auto& source : frame_ancestors) policy += " " + source;
  return frame_ancestors.empty() ? policy + " 'none'" : policy;
}

// How long a browser may cache a preflight answer, in seconds.
constexpr const char* kPreflightMaxAge = "600";

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(dump(body), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, ErrorCode code, const std::string& message) {
  const ErrorInfo info = error_info(code);
  send_json(res, info.http_status, error_json(info.name, message));
}

// An unexpected error: its details (library messages name files of the index) go to stderr,
// the client gets a fixed message.
void send_unexpected(httplib::Response& res, const httplib::Request& req, ErrorCode code, const std::string& details) {
  std::fprintf(stderr, "caravan-searchd: %s: %s\n", req.path.c_str(), details.c_str());
  send_error(res, code, code == ErrorCode::kNoIndex ? "no index is available" : "internal error");
}

using Writer = std::function<void(const httplib::Request&, httplib::Response&)>;

// Maps every exception to the JSON error body once, here at the edge; writer sets the answer.
httplib::Server::Handler route(Writer writer) {
  return [writer = std::move(writer)](const httplib::Request& req, httplib::Response& res) {
    try {
      writer(req, res);
    } catch (const ApiError& error) {
      send_error(res, error.code(), error.what());
    } catch (const Xapian::DatabaseOpeningError& error) {
      send_unexpected(res, req, ErrorCode::kNoIndex, error.get_msg());
    } catch (const Xapian::Error& error) {
      send_unexpected(res, req, ErrorCode::kInternal, error.get_type() + std::string(": ") + error.get_msg());
    } catch (const std::exception& error) {
      send_unexpected(res, req, ErrorCode::kInternal, error.what());
    }
  };
}

httplib::Server::Handler json_route(Handler handler) {
  return route([handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    send_json(res, 200, handler(req));
  });
}

// Scheme and authority for absolute URLs in documents (OpenSearch, Atom): the Host the client
// used when it is made of host-name, address and port characters only, else the listen address.
std::string base_url(const httplib::Request& req, const std::string& listen_host, int port) {
  std::string host = req.get_header_value("Host");
  const bool valid = !host.empty() && host.size() <= 255 && std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == ':' || c == '-' || c == '[' || c == ']';
  });
  if (!valid)
    host = (listen_host.find(':') != std::string::npos ? "[" + listen_host + "]" : listen_host) + ":" + std::to_string(port);
  // Behind the TLS-terminating proxy of deploy/nginx the client used https.
  const std::string scheme = req.get_header_value("X-Forwarded-Proto") == "https" ? "https" : "http";
  return scheme + "://" + host;
}

// When the request on this worker thread reached routing (set by the pre-routing handler, read
// by the post-routing handler); a request refused before routing (unparsable) has none.
thread_local std::optional<std::chrono::steady_clock::time_point> request_started;

std::pair<time_t, time_t> seconds_and_micros(double seconds) {
  const auto whole = static_cast<time_t>(seconds);
  return {whole, static_cast<time_t>((seconds - static_cast<double>(whole)) * 1e6)};
}

// Rejects a request whose head is over the limits before any route runs.
bool head_within_limits(const httplib::Request& req, const ServerLimits& limits) {
  if (req.headers.size() > limits.max_headers) return false;
  size_t bytes = req.method.size() + req.target.size() + req.version.size() + 4;
  for (const auto& [name, value] : req.headers) bytes += name.size() + value.size() + 4;
  return bytes <= limits.max_header_bytes;
}

// /widget.js is loaded by the portal's pages on every view, from another origin: let browsers
// keep it for a while, and let pages that require CORP (COEP: require-corp) load it.
void set_widget_headers(const httplib::Request& req, httplib::Response& res) {
  if (req.path != "/widget.js" || (res.status != 200 && res.status != 304)) return;  // a 304 renews the 200's lifetime
  res.set_header("Cache-Control", "public, max-age=300");
  res.set_header("Cross-Origin-Resource-Policy", "cross-origin");
}

QueryParams params_of(const httplib::Request& req) { return QueryParams(req.params.begin(), req.params.end()); }

// Runs before the --web mount point, which follows symlinks (a link in the web directory would
// publish any file it points to) and stats "app.js" for "/app.js%00.html" but sends it as
// text/html. A path with a control byte is a 400; a symlink on the way, a path resolving
// outside the root (canonical) or anything but a regular file is a 404; the rest is left to
// the mount point (which answers 404 for what does not exist).
httplib::Server::HandlerResponse guard_static_file(const std::filesystem::path& root, const httplib::Request& req,
                                                   httplib::Response& res) {
  namespace fs = std::filesystem;
  using Result = httplib::Server::HandlerResponse;
  const std::string& target = req.path;
  if (!target.starts_with("/") || target.starts_with("/api/") || target == "/healthz") return Result::Unhandled;
  if (std::any_of(target.begin(), target.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; })) {
    res.status = 400;
    return Result::Handled;
  }
  const std::string relative = target.substr(1) + (target.ends_with("/") ? "index.html" : "");
  std::error_code error;
  fs::path path = root;
  bool refused = false;
  for (const auto& part : fs::path(relative)) refused |= fs::is_symlink(fs::symlink_status(path /= part, error));
  const fs::path resolved = fs::weakly_canonical(path, error);
  refused |= error || std::mismatch(root.begin(), root.end(), resolved.begin(), resolved.end()).first != root.end();
  refused |= fs::exists(resolved, error) && !fs::is_regular_file(resolved, error);
  if (!refused) return Result::Unhandled;
  res.status = 404;
  return Result::Handled;
}

// The canonical --web directory, empty without one.
std::filesystem::path web_root(const std::string& web_dir) {
  return web_dir.empty() ? std::filesystem::path() : std::filesystem::weakly_canonical(web_dir);
}

// The body of a non-API error that has none: a page for a browser (404) or a line of text.
void explain_error(httplib::Response& res) {
  if (res.status == 404)
    res.set_content("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>\n"
                    "<body><h1>Not found</h1><p>Nothing is at this address. <a href=\"/\">Search Caravan</a></p></body></html>\n",
                    "text/html; charset=utf-8");
  else
    res.set_content("HTTP " + std::to_string(res.status) + (res.status < 500 ? ": the request cannot be answered\n" : ": internal error\n"),
                    "text/plain; charset=utf-8");
}

}  // namespace

HttpServer::HttpServer(const Config& config, Searcher& searcher, Suggester& suggester, FacetSearch& facet_search)
    : config_(config), searcher_(searcher), suggester_(suggester), facet_search_(facet_search), server_(std::make_unique<httplib::Server>()),
      caching_(searcher, web_root(config.web_dir)) {
  server_->set_tcp_nodelay(true);
  apply_limits();
  add_routes();
  add_metrics();
}

HttpServer::~HttpServer() = default;

void HttpServer::apply_limits() {
  const ServerLimits& limits = config_.limits;
  const auto threads = static_cast<size_t>(limits.threads);
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  const auto [read_s, read_us] = seconds_and_micros(limits.read_timeout_s);
  server_->set_read_timeout(read_s, read_us);
  const auto [write_s, write_us] = seconds_and_micros(limits.write_timeout_s);
  server_->set_write_timeout(write_s, write_us);
  server_->set_keep_alive_timeout(limits.keep_alive_timeout_s);
  server_->set_keep_alive_max_count(static_cast<size_t>(limits.keep_alive_requests));
  server_->set_payload_max_length(limits.max_body_bytes);
}

void HttpServer::add_routes() {
  httplib::Server& s = *server_;
  s.Get("/api/search", json_route([this](const httplib::Request& req) {
    return search_result_json(searcher_.search(parse_search_request(params_of(req))));
  }));
  s.Get("/api/suggest", json_route([this](const httplib::Request& req) {
    const auto request = parse_suggest_request(params_of(req));
    const auto suggestions = suggester_.suggest(request);
    // format=opensearch: the array browsers read (OpenSearch suggestions 1.0), for /opensearch.xml.
    if (req.get_param_value("format") == "opensearch") return opensearch_suggestions_json(request.query, suggestions);
    return suggestions_json(request.query, suggestions);
  }));
  s.Get(R"(/api/facets/([^/]+))", json_route([this](const httplib::Request& req) {
    return facet_search_json(facet_search_.search(parse_facet_search_request(req.matches[1], params_of(req))));
  }));
  s.Get(R"(/api/doc/(.+))", json_route([this](const httplib::Request& req) {
    const auto view = searcher_.document_view(req.matches[1]);
    if (!view) throw ApiError(ErrorCode::kNotFound, "no document with id '" + std::string(req.matches[1]) + "'");
    return document_view_json(*view);
  }));
  s.Get(R"(/doc/(.+))", route([this](const httplib::Request& req, httplib::Response& res) {
    const std::string lang = req.has_param("ui_lang") ? req.get_param_value("ui_lang") : req.get_param_value("lang");
    const DocPageAnswer page = doc_page(searcher_, req.matches[1], lang, req.get_header_value("Accept-Language"));
    res.status = page.status;
    res.set_header("Vary", "Accept-Language");
    res.set_content(page.html, kHtmlContentType);
  }));
  s.Get("/api/stats", json_route([this](const httplib::Request&) { return stats_json(searcher_.stats()); }));
  s.Get("/healthz", json_route([this](const httplib::Request&) {
    return nlohmann::json{{"status", "ok"}, {"documents", searcher_.stats().documents}};
  }));
  s.Get("/opensearch.xml", route([this](const httplib::Request& req, httplib::Response& res) {
    res.set_content(opensearch_description(base_url(req, config_.host, port_)), kOpenSearchContentType);
  }));
  s.Get("/feed.atom", route([this](const httplib::Request& req, httplib::Response& res) {
    const SearchResult result = searcher_.search(parse_feed_request(params_of(req)));
    res.set_content(atom_feed(result, base_url(req, config_.host, port_), params_of(req), searcher_.stats().modified),
                    kAtomContentType);
  }));
  s.Options(R"(/api/.*)", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  if (!config_.web_dir.empty() && !s.set_mount_point("/", config_.web_dir))
    throw std::runtime_error("--web: no such directory " + config_.web_dir);
  // Before any route: the head limits, then (with --web) the static-file guard.
  s.set_pre_routing_handler([this, &limits = config_.limits, web = !config_.web_dir.empty(),
                             root = web_root(config_.web_dir)](const httplib::Request& req, httplib::Response& res) {
    request_started = std::chrono::steady_clock::now();
    if (!head_within_limits(req, limits)) {
      send_error(res, ErrorCode::kTooLarge,
                 "request headers over " + std::to_string(limits.max_headers) + " fields or " +
                     std::to_string(limits.max_header_bytes) + " bytes");
      res.set_header("Connection", "close");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (web && guard_static_file(root, req, res) == httplib::Server::HandlerResponse::Handled)
      return httplib::Server::HandlerResponse::Handled;
    return caching_.answer_early(req, res) ? httplib::Server::HandlerResponse::Handled
                                           : httplib::Server::HandlerResponse::Unhandled;
  });

  s.set_post_routing_handler([this, csp = content_security_policy(config_.frame_ancestors)](
                                 const httplib::Request& req, httplib::Response& res) {
    // Counted here, before the answer is written, so a client that has it sees it counted.
    double seconds = 0;
    if (request_started) seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - *request_started).count();
    request_started.reset();
    metrics_.record(Metrics::route_of(req.method, req.path, res.status), res.status, seconds);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Content-Security-Policy", csp);
    res.set_header("Referrer-Policy", "same-origin");
    set_widget_headers(req, res);
    const std::string origin = req.get_header_value("Origin");
    const auto& allowed = config_.cors_origins;
    if (!origin.empty() && std::find(allowed.begin(), allowed.end(), origin) != allowed.end()) {
      res.set_header("Access-Control-Allow-Origin", origin);
      res.set_header("Access-Control-Allow-Methods", "GET, OPTIONS");
      res.set_header("Vary", "Origin");
      if (req.method == "OPTIONS") {  // a preflight: what the page may send, and for how long to trust this
        res.set_header("Access-Control-Allow-Headers", "Content-Type");
        res.set_header("Access-Control-Max-Age", kPreflightMaxAge);
      }
    }
    caching_.finish(req, res);  // last: it extends the Vary above
  });
  s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    // Only where no route answered: a route's own 404 (no such document, no such facet) stands.
    if (!res.body.empty()) return;
    if (res.status == 404 && req.path.starts_with("/api/")) send_error(res, ErrorCode::kNotFound, "no such endpoint: " + req.path);
    else if (!req.path.starts_with("/api/")) explain_error(res);
  });
}

// GET /metrics. Every answer is counted by the post-routing handler, which runs for the error
// handler's and the pre-routing handler's answers too, under a bounded route label.
void HttpServer::add_metrics() {
  server_->Get("/metrics", route([this](const httplib::Request&, httplib::Response& res) {
    std::optional<unsigned> documents;
    try {
      documents = searcher_.stats().documents;
    } catch (const ApiError&) {
      // No index: the gauge is left out, the rest still answers.
    }
    res.set_content(metrics_.exposition(documents), kMetricsContentType);
  }));
}

// cpp-httplib 0.11.4 listens with a backlog of 5 (compiled into Debian's library): a burst
// of new connections overflowed it. The listening socket is caught as it is made and given
// the system's backlog once bound. SO_REUSEADDR, not the library's SO_REUSEPORT, so that a
// second searchd on a port in use fails instead of silently sharing it.
int HttpServer::bind() {
  int listening = -1;
  server_->set_socket_options([&listening](socket_t sock) {
    const int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (listening < 0) listening = sock;
  });
  const int port = config_.port == 0 ? server_->bind_to_any_port(config_.host)
                                     : (server_->bind_to_port(config_.host, config_.port) ? config_.port : -1);
  if (port < 0) throw std::runtime_error("cannot listen on " + config_.host + ":" + std::to_string(config_.port));
  if (listening >= 0 && ::listen(listening, SOMAXCONN) != 0)
    throw std::runtime_error("cannot listen on " + config_.host + ":" + std::to_string(port));
  port_ = port;
  return port;
}

void HttpServer::serve() { server_->listen_after_bind(); }

void HttpServer::stop() { server_->stop(); }

}  // namespace caravan
