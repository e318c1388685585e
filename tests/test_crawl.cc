// caravan-indexer over HTTP: a loopback site (tests/crawl/site.py) built, searched and updated.
#include <doctest/doctest.h>
#include <httplib.h>
#include <xapian.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "tests/search_server.h"
#include "tests/subprocess.h"
#include "tests/test_paths.h"

using namespace caravan::test;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The site, on a port it picked, logging each request it answers.
struct Site {
  TempDir dir;
  fs::path log = dir.path() / "requests.log";
  std::unique_ptr<Process> process;
  int port = 0;
  std::string base;

  Site() {
    process = std::make_unique<Process>(std::vector<std::string>{
        "/usr/bin/python3", (source_dir() / "tests" / "crawl" / "site.py").string(), "--log", log.string()});
    const std::string line = process->read_line();
    REQUIRE_MESSAGE(std::regex_match(line, std::regex(R"(\d+)")), line);
    port = std::stoi(line);
    base = "http://127.0.0.1:" + line;
  }

  // "GET /path STATUS USER-AGENT" lines since the last call.
  std::vector<std::string> take_log() {
    std::vector<std::string> lines;
    std::ifstream in(log);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::ofstream(log, std::ios::trunc);
    return lines;
  }
};

// How often each "GET path status" appears in lines, user agents left out.
std::map<std::string, int> requests(const std::vector<std::string>& lines) {
  std::map<std::string, int> counts;
  for (const auto& line : lines) {
    std::istringstream words(line);
    std::string method, path, status;
    words >> method >> path >> status;
    ++counts[method + " " + path + " " + status];
  }
  return counts;
}

RunResult indexer(const std::string& command, const std::string& out, std::vector<std::string> extra) {
  std::vector<std::string> argv = {CARAVAN_INDEXER_BIN, command, "--out", out};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return run(argv);
}

const std::vector<std::string> kFast = {"--fetch-delay", "0", "--fetch-timeout", "1", "--max-fetch-bytes", "1000000"};

std::vector<std::string> with(std::vector<std::string> options, const std::vector<std::string>& urls) {
  options.insert(options.end(), urls.begin(), urls.end());
  return options;
}

// The URLs of the hits for q, from a searchd on the index.
std::vector<std::string> hit_urls(httplib::Client& client, const std::string& q) {
  auto res = client.Get("/api/search?relax=0&q=" + url_encoded(q));
  REQUIRE(res);
  REQUIRE(res->status == 200);
  const auto result = nlohmann::json::parse(res->body);
  std::vector<std::string> urls;
  for (const auto& hit : result["hits"]) urls.push_back(hit["url"]);
  return urls;
}

}  // namespace

TEST_CASE("build fetches a site's sitemaps, feed and pages; update asks only for what changed") {
  Site site;
  TempDir dir;
  const std::string out = (dir.path() / "index").string();
  const std::vector<std::string> urls = {site.base + "/sitemap_index.xml", site.base + "/feed.rss"};

  const auto build = indexer("build", out, with(kFast, urls));
  CHECK_MESSAGE(build.exit_code == 0, build.output);
  const std::string& b = site.base;
  for (const std::string& line : {b + "/missing.html: HTTP 404",
                                 b + "/loop/a: redirect loop (back to " + b + "/loop/a after 2 redirects)",
                                 b + "/slow.html: timed out after 1 s (--fetch-timeout)",
                                 b + "/huge.html: response over 1000000 bytes (--max-fetch-bytes)",
                                 b + "/private/secret.html: disallowed by robots.txt",
                                 b + "/data.json: not a page, feed or sitemap (Content-Type: application/json)"})
    CHECK_MESSAGE(contains(build.output, line + "\n"), line);
  // 7 pages (one reached through a redirect, one listed by the feed only) and the feed's item without a link.
  CHECK(contains(build.output, "8 documents indexed"));
  CHECK_MESSAGE(contains(build.output, "added 8, replaced 0, deleted 0, skipped 6 (fetch_failed: 6)\n"), build.output);
  CHECK(contains(build.output, "17 URLs: 12 fetched, 0 unchanged (304), 6 failed"));
  {
    Xapian::Database db(out);
    CHECK(db.get_doccount() == 8);
    CHECK(contains(db.get_metadata("fetch:" + b + "/en/water.html"), "\"etag\":\"\\\""));
    CHECK(contains(db.get_metadata("fetch:" + b + "/en/border.html"), "\"last_modified\":\"Mon, 02 Nov 2026"));
    CHECK(db.get_metadata("fetch:" + b + "/feed.rss").empty());  // listings are always fetched whole
  }
  const auto first = site.take_log();
  auto counts = requests(first);
  CHECK(counts["GET /robots.txt 200"] == 1);
  CHECK(counts["GET /en/water.html 200"] == 1);  // listed by a sitemap and by the feed: fetched once
  CHECK(counts["GET /en/feed-only.html 200"] == 1);
  CHECK(counts["GET /moved 301"] == 1);
  CHECK(counts["GET /loop/b 302"] == 1);
  CHECK(counts.count("GET /private/secret.html 200") == 0);
  for (const auto& line : first) CHECK_MESSAGE(contains(line, " caravan-indexer/"), line);

  Process searchd({CARAVAN_SEARCHD_BIN, "--index", out, "--listen", "127.0.0.1:0"});
  httplib::Client client("127.0.0.1", listening_port(searchd));
  CHECK(hit_urls(client, "desalination") == std::vector<std::string>{b + "/en/water.html"});
  CHECK(hit_urls(client, "apricot") == std::vector<std::string>{b + "/en/feed-only.html"});
  CHECK(hit_urls(client, "camels") == std::vector<std::string>{b + "/en/moved-here.html"});  // after the redirect
  CHECK(hit_urls(client, "метро") == std::vector<std::string>{b + "/ru/news-1.html"});
  CHECK(hit_urls(client, "сейсмостойкость") == std::vector<std::string>{b + "/ru/changing.html"});
  CHECK(hit_urls(client, "Dzungarian") == std::vector<std::string>{""});  // the feed's item without a link
  CHECK(hit_urls(client, "editors") == std::vector<std::string>{b + "/private/open.html"});  // Allow beats Disallow

  httplib::Client control("127.0.0.1", site.port);
  REQUIRE(control.Post("/_control/change"));
  site.take_log();
  const auto update = indexer("update", out, with(kFast, urls));
  CHECK_MESSAGE(update.exit_code == 0, update.output);
  // the changed page and the linkless feed item
  CHECK_MESSAGE(contains(update.output, "added 0, replaced 2, deleted 0, skipped 6 (fetch_failed: 6)"), update.output);
  CHECK(contains(update.output, "17 URLs: 6 fetched, 6 unchanged (304), 6 failed"));
  counts = requests(site.take_log());
  for (const char* page : {"/en/water.html", "/en/border.html", "/en/feed-only.html", "/en/moved-here.html",
                                 "/private/open.html", "/ru/news-1.html"}) {
    CHECK_MESSAGE(counts["GET " + std::string(page) + " 304"] == 1, page);
    CHECK_MESSAGE(counts["GET " + std::string(page) + " 200"] == 0, page);
  }
  CHECK(counts["GET /ru/changing.html 200"] == 1);
  CHECK(counts["GET /sitemap-ru.xml 200"] == 1);
  CHECK(hit_urls(client, "продлили") == std::vector<std::string>{b + "/ru/changing.html"});  // re-indexed
  CHECK(hit_urls(client, "desalination") == std::vector<std::string>{b + "/en/water.html"});  // a 304 keeps it
  CHECK(Xapian::Database(out).get_doccount() == 8);

  // A page whose item was deleted is fetched whole again, not answered 304 and lost.
  auto found = client.Get("/api/search?q=desalination");
  REQUIRE(found);
  const std::string id = nlohmann::json::parse(found->body)["hits"][0]["id"];
  REQUIRE(indexer("delete", out, {id}).exit_code == 0);
  site.take_log();
  const auto again = indexer("update", out, with(kFast, urls));
  CHECK_MESSAGE(again.exit_code == 0, again.output);
  counts = requests(site.take_log());
  CHECK(counts["GET /en/water.html 200"] == 1);
  CHECK(counts["GET /en/border.html 304"] == 1);
  CHECK(hit_urls(client, "desalination") == std::vector<std::string>{b + "/en/water.html"});
}

TEST_CASE("politeness: a delay between requests to a host; an unreachable host and other schemes are errors") {
  Site site;
  TempDir dir;
  const std::string out = (dir.path() / "index").string();
  const auto started = std::chrono::steady_clock::now();
  // robots.txt, the feed and its two linked pages: three waits of 0.3 s.
  const auto polite = indexer("build", out, {"--fetch-delay", "0.3", "--user-agent", "another-bot/2.0", site.base + "/feed.rss"});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK_MESSAGE(polite.exit_code == 0, polite.output);
  CHECK(seconds >= 0.9);
  CHECK(contains(polite.output, "3 URLs: 3 fetched"));  // the feed and its two pages; robots.txt is not counted
  for (const auto& line : site.take_log()) CHECK_MESSAGE(contains(line, " another-bot/2.0"), line);

  // Nothing listens on port 1: robots.txt cannot be read, so nothing is fetched from that host.
  const auto refused = indexer("build", out, with(kFast, {"http://127.0.0.1:1/feed.rss"}));
  CHECK(refused.exit_code == 1);
  CHECK(contains(refused.output, "http://127.0.0.1:1/feed.rss: robots.txt of http://127.0.0.1:1 unreadable ("));
  const auto ftp = indexer("update", out, {"ftp://127.0.0.1/feed.rss"});
  CHECK(ftp.exit_code == 2);
  CHECK(contains(ftp.output, "ftp://127.0.0.1/feed.rss: only http and https URLs are fetched"));
  CHECK(indexer("build", out, {"--fetch-delay", "soon", site.base + "/feed.rss"}).exit_code == 2);
  CHECK(indexer("build", out, {"--fetch-timeout", "0", site.base + "/feed.rss"}).exit_code == 2);
}
