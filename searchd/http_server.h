// The HTTP edge of searchd: one route table, request -> typed request -> Searcher -> JSON.
#pragma once

#include <memory>
#include <string>

#include "searchd/config.h"
#include "searchd/facet_search.h"
#include "searchd/http_caching.h"
#include "searchd/metrics.h"
#include "searchd/searcher.h"
#include "searchd/suggester.h"

namespace httplib {
class Server;
}

namespace caravan {

class HttpServer {
 public:
  HttpServer(const Config& config, Searcher& searcher, Suggester& suggester, FacetSearch& facet_search);
  ~HttpServer();

  // Binds config.host:config.port (port 0 picks a free one) and returns the bound port.
  // Throws std::runtime_error when it cannot bind.
  int bind();

  // Serves until stop() is called (from another thread or a signal watcher).
  void serve();
  void stop();

 private:
  void apply_limits();
  void add_routes();
  void add_metrics();

  const Config& config_;
  Searcher& searcher_;
  Suggester& suggester_;
  FacetSearch& facet_search_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;  // the bound port
  Metrics metrics_;
  HttpCaching caching_;
};

}  // namespace caravan
