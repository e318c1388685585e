// The polite crawler: a queue of URLs, robots.txt and a delay per host, redirects followed by hand.
#include "indexer/fetch/crawler.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <map>
#include <set>
#include <stdexcept>
#include <thread>

#include "indexer/fetch/fetch_memory.h"
#include "indexer/fetch/robots.h"
#include "indexer/fetch/sitemap.h"
#include "indexer/readers/feed_reader.h"
#include "indexer/readers/html_reader.h"

namespace caravan {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kMaxListingDepth = 4;  // sitemap index -> sitemap -> page is 2
constexpr std::chrono::milliseconds kMaxCrawlDelay{60000};

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string without_fragment(const std::string& url) { return url.substr(0, url.find('#')); }

struct Task {
  std::string url;
  int depth = 0;  // how many sitemaps or feeds led here
};

struct Host {
  RobotsRules robots;
  std::string robots_failure;  // why robots.txt could not be read: nothing is fetched then
  std::chrono::milliseconds delay{0};
  Clock::time_point next_request{};
};

// A response after redirects: the URL that answered, or why there is none.
struct Fetched {
  HttpResponse response;
  std::string final_url;
  std::string failure;
};

bool is_html(const HttpResponse& response) {
  const std::string type = lower(response.content_type);
  return type.empty() || type.find("html") != std::string::npos || looks_like_html_page(response.body);
}

class Crawler {
 public:
  Crawler(const FetchPolicy& policy, FetchMemory& memory, const ReaderSink& sink)
      : policy_(policy), client_(policy), memory_(memory), sink_(sink) {}

  CrawlCounts run(const std::vector<std::string>& urls) {
    for (const auto& url : urls) enqueue(url, 0);
    while (!queue_.empty()) {
      const Task task = std::move(queue_.front());
      queue_.pop_front();
      visit(task);
    }
    return counts_;
  }

 private:
  void enqueue(const std::string& url, int depth) {
    const std::string key = without_fragment(url);
    if (seen_.insert(key).second) queue_.push_back({key, depth});
  }

  void fail(const std::string& url, const std::string& reason) {
    ++counts_.failed;
    sink_.on_problem({url, reason, true, "fetch_failed"});
  }

  Host& host_of(const std::string& origin) {
    auto [it, added] = hosts_.try_emplace(origin);
    if (added) load_robots(origin, it->second);
    return it->second;
  }

  void load_robots(const std::string& origin, Host& host) {
    host.delay = policy_.delay;
    HttpResponse response = request(host, origin + "/robots.txt", {});
    for (int hop = 0; hop < policy_.max_redirects && response.status / 100 == 3 && !response.location.empty(); ++hop)
      response = request(host, response.location, {});  // http -> https, www -> bare host
    if (response.status >= 200 && response.status < 300) {
      host.robots = RobotsRules::parse(response.body, policy_.user_agent);
      if (auto delay = host.robots.crawl_delay()) host.delay = std::max(host.delay, std::min(*delay, kMaxCrawlDelay));
    } else if (response.status >= 500 || response.status == 0) {
      host.robots = RobotsRules::disallow_all();
      host.robots_failure = "robots.txt of " + origin + " unreadable (" +
                            (response.status ? "HTTP " + std::to_string(response.status) : response.error) +
                            "): nothing fetched from that host";
    }  // 4xx (or redirected too often): no rules, everything allowed
  }

  // One request, after waiting for the host's turn.
  HttpResponse request(Host& host, const std::string& url, const Validators& validators) {
    std::this_thread::sleep_until(host.next_request);
    HttpResponse response = client_.get(url, validators);
    host.next_request = Clock::now() + host.delay;
    return response;
  }

  Fetched fetch(const std::string& url, const Validators& validators) {
    Fetched fetched;
    std::vector<std::string> chain{url};
    for (int hop = 0;; ++hop) {
      const std::string& current = chain.back();
      const std::string origin = url_origin(current);
      if (origin.empty()) {
        fetched.failure = hop == 0 ? "not an absolute http(s) URL" : "redirected to " + current + ", not an http(s) URL";
        return fetched;
      }
      Host& host = host_of(origin);
      if (!host.robots_failure.empty() || !host.robots.allows(url_path(current))) {
        fetched.failure = !host.robots_failure.empty() ? host.robots_failure
                          : hop == 0 ? "disallowed by robots.txt"
                                     : "redirected to " + current + ", disallowed by robots.txt";
        return fetched;
      }
      fetched.response = request(host, current, validators);
      fetched.final_url = current;
      const long status = fetched.response.status;
      if (status == 0) fetched.failure = fetched.response.error;
      if (status < 300 || status >= 400 || status == 304) break;
      if (fetched.response.location.empty()) {
        fetched.failure = "HTTP " + std::to_string(status) + " without a Location";
        break;
      }
      if (std::find(chain.begin(), chain.end(), fetched.response.location) != chain.end()) {
        fetched.failure = "redirect loop (back to " + fetched.response.location + " after " + std::to_string(hop + 1) +
                          " redirects)";
        break;
      }
      if (hop + 1 > policy_.max_redirects) {
        fetched.failure = "more than " + std::to_string(policy_.max_redirects) + " redirects";
        break;
      }
      chain.push_back(fetched.response.location);
    }
    const long status = fetched.response.status;
    if (fetched.failure.empty() && status != 304 && (status < 200 || status >= 300))
      fetched.failure = "HTTP " + std::to_string(status);
    return fetched;
  }

  void visit(const Task& task) {
    ++counts_.urls;
    const Validators validators = memory_.recall(task.url);
    const Fetched fetched = fetch(task.url, validators);
    if (!fetched.failure.empty()) return fail(task.url, fetched.failure);
    if (fetched.response.status == 304) {
      ++counts_.not_modified;
      return;
    }
    ++counts_.fetched;
    const std::string& body = fetched.response.body;
    if (auto sitemap = parse_sitemap(body)) return read_listing(task, sitemap->locations);
    if (looks_like_feed(body)) return read_feed_items(task, body);
    if (!is_html(fetched.response))
      return fail(task.url, "not a page, feed or sitemap (Content-Type: " + fetched.response.content_type + ")");
    read_page(task, fetched);
  }

  void read_listing(const Task& task, const std::vector<std::string>& locations) {
    if (task.depth >= kMaxListingDepth)
      return fail(task.url, "sitemaps or feeds nested more than " + std::to_string(kMaxListingDepth) + " deep; not followed");
    for (const auto& location : locations) enqueue(location, task.depth + 1);
  }

  // Items with a link are visited as pages; those without are indexed from the feed.
  void read_feed_items(const Task& task, const std::string& body) {
    std::vector<std::string> links;
    ReaderSink items;
    items.on_item = [&](NewsItem&& item) {
      if (item.url.empty()) sink_.on_item(std::move(item));
      else links.push_back(item.url);
    };
    items.on_problem = sink_.on_problem;
    read_feed(body, task.url, items);
    read_listing(task, links);
  }

  void read_page(const Task& task, const Fetched& fetched) {
    ReaderSink page;
    page.on_item = [&](NewsItem&& item) {
      if (item.url.empty()) {
        item.url = fetched.final_url;
        item.id = default_item_id(item);
      }
      item.source = fetched.final_url;
      memory_.remember(task.url, fetched.response.validators, item.id);
      sink_.on_item(std::move(item));
    };
    page.on_problem = [&](const ReadProblem& problem) {
      ReadProblem named = problem;
      if (named.where == task.url + ":1") named.where = task.url;  // a page has no lines to name
      if (named.skipped) ++counts_.failed;
      sink_.on_problem(named);
    };
    read_html_page(fetched.response.body, task.url, page);
  }

  const FetchPolicy& policy_;
  HttpClient client_;
  FetchMemory& memory_;
  const ReaderSink& sink_;
  std::deque<Task> queue_;
  std::set<std::string> seen_;
  std::map<std::string, Host> hosts_;
  CrawlCounts counts_;
};

bool has_scheme(const std::string& input) {
  const auto colon = input.find("://");
  if (colon == std::string::npos || colon == 0 || !std::isalpha(static_cast<unsigned char>(input[0]))) return false;
  return std::all_of(input.begin(), input.begin() + static_cast<long>(colon), [](unsigned char c) {
    return std::isalnum(c) || c == '+' || c == '-' || c == '.';
  });
}

}  // namespace

SplitInputs split_inputs(const std::vector<std::string>& inputs) {
  SplitInputs split;
  for (const auto& input : inputs) {
    if (!has_scheme(input)) {
      split.paths.push_back(input);
      continue;
    }
    const std::string scheme = lower(input.substr(0, input.find("://")));
    if (scheme != "http" && scheme != "https") throw std::runtime_error(input + ": only http and https URLs are fetched");
    split.urls.push_back(input);
  }
  return split;
}

CrawlCounts crawl(const std::vector<std::string>& urls, const FetchPolicy& policy, Xapian::WritableDatabase& db,
                  bool conditional, const ReaderSink& sink) {
  if (urls.empty()) return {};
  FetchMemory memory(db, conditional);
  return Crawler(policy, memory, sink).run(urls);
}

}  // namespace caravan
