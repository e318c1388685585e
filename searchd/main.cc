// caravan-searchd: serves the Caravan index over HTTP until SIGINT or SIGTERM.
#include <xapian.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <thread>

#include "core/analyzer.h"
#include "core/gazetteer.h"
#include "searchd/config.h"
#include "searchd/facet_search.h"
#include "searchd/http_server.h"
#include "searchd/index_pool.h"
#include "searchd/searcher.h"
#include "searchd/suggester.h"
#include "searchd/xml_writer.h"

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "--version") == 0) {
      std::printf("caravan-searchd %s (Xapian %s)\n", CARAVAN_VERSION, Xapian::version_string());
      return 0;
    }
  caravan::Config config;
  try {
    config = caravan::parse_config(argc, argv);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "caravan-searchd: %s\nTry 'caravan-searchd --help'.\n", error.what());
    return 2;
  }
  if (config.show_help) {
    std::fputs(caravan::usage_text().c_str(), stdout);
    return 0;
  }
  caravan::init_xml_library();  // before any request thread uses libxml2 (feeds, OpenSearch)
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  try {
    const caravan::Analyzer analyzer(config.stopwords_dir);
    const caravan::Gazetteers gazetteers = caravan::Gazetteers::load(config.gazetteers_dir);
    caravan::IndexPool pool(config.index, {config.ranking.time_budget_ms, config.partial_results});
    caravan::Searcher searcher(pool, analyzer, gazetteers, config.ranking);
    caravan::Suggester suggester(pool, gazetteers);
    caravan::FacetSearch facet_search(searcher, gazetteers);
    caravan::HttpServer server(config, searcher, suggester, facet_search);
    const int port = server.bind();
    std::printf("caravan-searchd: serving %s on http://%s:%d/\n", config.index.c_str(), config.host.c_str(), port);
    std::fflush(stdout);
    std::thread watcher([&server, signals] {
      int received = 0;
      sigwait(&signals, &received);
      server.stop();
    });
    server.serve();
    pthread_kill(watcher.native_handle(), SIGTERM);
    watcher.join();
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "caravan-searchd: %s\n", error.what());
    return 1;
  }
}
