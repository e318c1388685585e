// robots.txt rules, sitemaps and URL inputs, as the crawler reads them (no network).
#include <doctest/doctest.h>

#include <stdexcept>

#include "indexer/fetch/crawler.h"
#include "indexer/fetch/robots.h"
#include "indexer/fetch/sitemap.h"

using namespace caravan;

TEST_CASE("robots.txt: our group, else *, longest match, Allow on ties, wildcards") {
  const char* text =
      "# a comment\n"
      "User-agent: *\n"
      "Disallow: /\n"
      "\n"
      "User-agent: other-bot\n"
      "User-Agent: Caravan-Indexer   # two agents share a group\n"
      "Disallow: /private/\n"
      "Allow: /private/open\n"
      "Disallow: /*.pdf$\n"
      "Disallow: /search*q=\n"
      "Allow: /same\n"
      "Disallow: /same\n"
      "Crawl-delay: 2.5\n";
  const auto rules = RobotsRules::parse(text, "caravan-indexer/0.1 (+https://example.org)");
  struct Case { const char* path; bool allowed; };
  for (const Case& c : std::initializer_list<Case>{
           {"/", true}, {"/news/1.html", true}, {"/private/", false}, {"/private/x.html", false},
           {"/private/open.html", true}, {"/doc.pdf", false}, {"/doc.pdf?x=1", true}, {"/search?lang=ru&q=x", false},
           {"/search", true}, {"/same", true}, {"/robots.txt", true}}) {
    CAPTURE(c.path);
    CHECK(rules.allows(c.path) == c.allowed);
  }
  REQUIRE(rules.crawl_delay());
  CHECK(rules.crawl_delay()->count() == 2500);

  const auto others = RobotsRules::parse(text, "SomeBot/2.0");  // falls back to the * group
  CHECK_FALSE(others.allows("/news/1.html"));
  CHECK(others.allows("/robots.txt"));
  CHECK_FALSE(others.crawl_delay());
}

TEST_CASE("robots.txt: no group for us allows everything; empty Disallow allows; junk is ignored") {
  CHECK(RobotsRules::parse("User-agent: googlebot\nDisallow: /\n", "caravan-indexer").allows("/a"));
  CHECK(RobotsRules::parse("User-agent: *\nDisallow:\n", "caravan-indexer").allows("/a"));
  CHECK(RobotsRules::parse("Disallow: /\n<html>not robots</html>\n", "caravan-indexer").allows("/a"));
  CHECK(RobotsRules::parse("User-agent: *\r\nDisallow: /a\r\n", "caravan-indexer").allows("/b"));
  CHECK_FALSE(RobotsRules::parse("User-agent: *\r\nDisallow: /a\r\n", "caravan-indexer").allows("/a/b"));
  CHECK_FALSE(RobotsRules::parse("User-agent: *\nCrawl-delay: soon\n", "x").crawl_delay());
  CHECK(RobotsRules::allow_all().allows("/x"));
  CHECK_FALSE(RobotsRules::disallow_all().allows("/x"));
  // Many stars cost no more than pattern x path.
  const std::string stars = "User-agent: *\nDisallow: /" + std::string(40, '*') + "b\n";
  CHECK(RobotsRules::parse(stars, "x").allows("/" + std::string(4000, 'a')));
}

TEST_CASE("sitemaps: a urlset lists pages, a sitemapindex sitemaps; anything else is not a sitemap") {
  const auto urlset = parse_sitemap(
      "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
      "<url><loc> https://example.org/a.html </loc><lastmod>2026-11-01</lastmod></url>"
      "<url><loc></loc></url><url><loc>https://example.org/б.html</loc></url></urlset>");
  REQUIRE(urlset);
  CHECK_FALSE(urlset->is_index);
  CHECK(urlset->locations == std::vector<std::string>{"https://example.org/a.html", "https://example.org/б.html"});

  const auto index = parse_sitemap(
      "<sm:sitemapindex xmlns:sm=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
      "<sm:sitemap><sm:loc>https://example.org/s1.xml</sm:loc></sm:sitemap></sm:sitemapindex>");
  REQUIRE(index);
  CHECK(index->is_index);
  CHECK(index->locations == std::vector<std::string>{"https://example.org/s1.xml"});

  CHECK_FALSE(parse_sitemap("<rss version=\"2.0\"><channel></channel></rss>"));
  CHECK_FALSE(parse_sitemap("<!DOCTYPE html><html><body><p>urlset</p></body></html>"));
  CHECK_FALSE(parse_sitemap("<feed><title>&lt;urlset</title></feed>"));
}

TEST_CASE("inputs: http(s) URLs are fetched, other schemes refused, the rest are paths") {
  const auto split = split_inputs({"news/", "HTTPS://example.org/feed.rss", "a.jsonl", "http://example.org/"});
  CHECK(split.paths == std::vector<std::string>{"news/", "a.jsonl"});
  CHECK(split.urls == std::vector<std::string>{"HTTPS://example.org/feed.rss", "http://example.org/"});
  CHECK_THROWS_WITH_AS(split_inputs({"ftp://example.org/a"}), "ftp://example.org/a: only http and https URLs are fetched",
                       std::runtime_error);
  CHECK(split_inputs({"dir/with://odd"}).paths.size() == 1);
  CHECK(url_origin("HTTP://Example.ORG:8080/a?b") == "http://example.org:8080");
  CHECK(url_origin("file:///etc/passwd") == "");
  CHECK(url_path("https://example.org") == "/");
  CHECK(url_path("https://example.org/a/b?c=d#e") == "/a/b?c=d");
}
