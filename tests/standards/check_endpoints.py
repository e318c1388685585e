#!/usr/bin/env python3
# searchd's feed, OpenSearch description and metrics read by the standards' own parsers.
"""Builds an index of the English and Russian test fixtures (plus two Russian items, one
without a URL) with the real caravan-indexer, starts caravan-searchd on a loopback port, then:

- /feed.atom (several searches, en and ru, plain and gzip): python3-feedparser reads it as
  Atom 1.0 without "bozo" (no well-formedness or encoding problem), every entry with an id,
  title, link and parsed date; xmllint validates it against the RELAX NG schema of RFC 4287
  (tests/standards/atom.rnc, converted with python3-rnc2rng); an item without a URL links to
  /doc/{id}.
- /opensearch.xml: xmllint finds it well-formed, in the OpenSearch 1.1 namespace, with its
  required ShortName (at most 16 characters) and Description (at most 1024) and Url templates
  with {searchTerms} for the page, the suggestions and the feed.
- /metrics: python3-prometheus-client's text_string_to_metric_families parses every family;
  histogram buckets are cumulative and end in +Inf equal to _count; the request counter of a
  route grows by the requests made.
Exit status 0 when all hold, 1 with the failures listed.
"""

import argparse
import gzip
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

import feedparser
from prometheus_client.parser import text_string_to_metric_families

ATOM_NS = "http://www.w3.org/2005/Atom"
OPENSEARCH_NS = "http://a9.com/-/spec/opensearch/1.1/"
EXTRA_ITEMS = (
    '{"id":"ru-std-1","title":"Совещание в Бишкеке","body":"Совещание руководителей таможенных служб '
    'прошло в Бишкеке.","date":"2027-02-01","lang":"ru"}\n'
    '{"id":"ru-std-2","url":"https://example.org/ru/std-2","title":"Совещание в Ташкенте «Граница»",'
    '"body":"Совещание пограничников & таможенников прошло в Ташкенте.","date":"2027-02-02","lang":"ru"}\n'
)

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def fetch(port, path, headers=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as answer:
        body = answer.read()
        if answer.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return answer.status, answer.headers, body


def start_searchd(binary, index):
    proc = subprocess.Popen([binary, "--index", index, "--listen", "127.0.0.1:0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    match = re.search(r"127\.0\.0\.1:(\d+)", proc.stdout.readline())
    if not match:
        proc.kill()
        sys.exit("check_endpoints: searchd did not start: " + proc.stderr.read())
    return proc, int(match.group(1))


def atom_schema(source, work):
    """RFC 4287's compact schema as RELAX NG XML for xmllint. rnc2rng declares the "local"
    prefix as xmlns:local="", which XML namespaces forbid; the schema never uses the prefix
    itself (it writes ns=""), so the declaration is dropped."""
    rng = subprocess.run(["rnc2rng", os.path.join(source, "tests", "standards", "atom.rnc")],
                         capture_output=True, text=True, check=True).stdout
    path = os.path.join(work, "atom.rng")
    with open(path, "w", encoding="utf-8") as out:
        out.write(rng.replace(' xmlns:local=""', "").replace('\n         xmlns:local=""', ""))
    return path


def xmllint(args, document):
    return subprocess.run(["xmllint", "--noout", "--nonet"] + args + ["-"], input=document,
                          capture_output=True)


def xpath(document, expression):
    done = subprocess.run(["xmllint", "--nonet", "--xpath", expression, "-"], input=document, capture_output=True)
    return done.stdout.decode("utf-8").strip() if done.returncode == 0 else None


def check_feed(port, schema, path, encoding):
    status, headers, body = fetch(port, path, {"Accept-Encoding": encoding})
    if not check(status == 200, f"{path}: status {status}"):
        return None
    check(headers.get("Content-Type", "").startswith("application/atom+xml"), f"{path}: type {headers.get('Content-Type')}")
    check((headers.get("Content-Encoding") == "gzip") == (encoding == "gzip"), f"{path} ({encoding}): Content-Encoding")
    feed = feedparser.parse(body)
    check(not feed.bozo, f"{path}: feedparser bozo: {feed.get('bozo_exception')}")
    check(feed.version == "atom10", f"{path}: feedparser version {feed.version!r}")
    check(feed.namespaces.get("") == ATOM_NS, f"{path}: default namespace {feed.namespaces}")
    check(feed.feed.get("title") and feed.feed.get("id") and feed.feed.get("updated_parsed"), f"{path}: feed head")
    check(bool(feed.entries) != ("nothing-matches" in path), f"{path}: {len(feed.entries)} entries")
    for entry in feed.entries:
        check(entry.get("id") and entry.get("title") and entry.get("link") and entry.get("updated_parsed"),
              f"{path}: entry without id, title, link or date: {entry.get('id')}")
    valid = xmllint(["--relaxng", schema], body)
    check(valid.returncode == 0, f"{path}: not valid against RFC 4287's schema: {valid.stderr.decode()[:600]}")
    return feed


def check_feeds(port, schema):
    russian = urllib.parse.quote("совещание")
    for path in ["/feed.atom", "/feed.atom?q=meeting", "/feed.atom?q=" + russian, "/feed.atom?lang=ru&country=KZ",
                 "/feed.atom?q=nothing-matches-this"]:
        for encoding in ["identity", "gzip"]:
            check_feed(port, schema, path, encoding)
    feed = check_feed(port, schema, "/feed.atom?q=" + russian + "&lang=ru", "gzip")
    if feed is None:
        return
    by_id = {entry.id: entry for entry in feed.entries}
    check(len(feed.entries) >= 2, f"russian feed: {len(feed.entries)} entries")
    without_url = by_id.get("tag:caravan,2026:doc/ru-std-1")
    if check(without_url is not None, "russian feed: no entry ru-std-1"):
        check(without_url.link == f"http://127.0.0.1:{port}/doc/ru-std-1", f"ru-std-1 links to {without_url.link}")
        check(without_url.title == "Совещание в Бишкеке", f"ru-std-1 title {without_url.title!r}")
    with_url = by_id.get("tag:caravan,2026:doc/ru-std-2")
    if check(with_url is not None, "russian feed: no entry ru-std-2"):
        check(with_url.link == "https://example.org/ru/std-2", f"ru-std-2 links to {with_url.link}")
        check(with_url.title == "Совещание в Ташкенте «Граница»", f"ru-std-2 title {with_url.title!r}")


def check_opensearch(port):
    status, headers, body = fetch(port, "/opensearch.xml", {"Accept-Encoding": "gzip"})
    check(status == 200, f"opensearch: status {status}")
    check(headers.get("Content-Type") == "application/opensearchdescription+xml", f"opensearch: type {headers.get('Content-Type')}")
    well_formed = xmllint([], body)
    check(well_formed.returncode == 0, f"opensearch: not well-formed: {well_formed.stderr.decode()[:300]}")
    root = f"/*[local-name()='OpenSearchDescription' and namespace-uri()='{OPENSEARCH_NS}']"
    check(xpath(body, f"count({root})") == "1", "opensearch: root is not OpenSearchDescription in the 1.1 namespace")
    short_name = xpath(body, f"string({root}/*[local-name()='ShortName'])")
    check(short_name and len(short_name) <= 16, f"opensearch: ShortName {short_name!r}")
    description = xpath(body, f"string({root}/*[local-name()='Description'])")
    check(description and len(description) <= 1024, f"opensearch: Description {description!r}")
    for kind in ["text/html", "application/x-suggestions+json", "application/atom+xml"]:
        template = xpath(body, f"string({root}/*[local-name()='Url' and @type='{kind}']/@template)")
        check(template and template.startswith(f"http://127.0.0.1:{port}/") and "{searchTerms}" in template,
              f"opensearch: Url {kind}: {template!r}")
    # The suggestions template answers as OpenSearch suggestions: [query, [completions]].
    suggest = xpath(body, f"string({root}/*[local-name()='Url' and @type='application/x-suggestions+json']/@template)") or ""
    if suggest:
        import json
        _, _, answer = fetch(port, suggest.replace(f"http://127.0.0.1:{port}", "").replace("{searchTerms}", "me"))
        parsed = json.loads(answer)
        check(isinstance(parsed, list) and parsed[0] == "me" and isinstance(parsed[1], list), f"suggestions: {parsed!r}")


def metric_families(port):
    status, headers, body = fetch(port, "/metrics")
    check(status == 200, f"metrics: status {status}")
    check(headers.get("Content-Type", "").startswith("text/plain; version=0.0.4"), f"metrics: type {headers.get('Content-Type')}")
    try:
        return {family.name: family for family in text_string_to_metric_families(body.decode("utf-8"))}
    except Exception as error:  # the parser's own complaint is the finding
        check(False, f"metrics: the Prometheus parser refused it: {error}")
        return {}


def sample_value(families, family, sample, labels):
    for s in families.get(family).samples if family in families else []:
        if s.name == sample and all(s.labels.get(k) == v for k, v in labels.items()):
            return s.value
    return 0.0


def check_histograms(families):
    histograms = [f for f in families.values() if f.type == "histogram"]
    check(any(f.name == "caravan_http_request_duration_seconds" for f in histograms), "metrics: no duration histogram")
    for family in histograms:
        by_route = {}
        for s in family.samples:
            key = tuple(sorted((k, v) for k, v in s.labels.items() if k != "le"))
            by_route.setdefault(key, {"buckets": [], "count": None})
            if s.name.endswith("_bucket"):
                by_route[key]["buckets"].append((float(s.labels["le"]), s.value))
            elif s.name.endswith("_count"):
                by_route[key]["count"] = s.value
        for key, series in by_route.items():
            buckets = sorted(series["buckets"])
            counts = [count for _, count in buckets]
            check(counts == sorted(counts), f"metrics: {family.name}{key}: buckets not cumulative {counts}")
            check(buckets and buckets[-1][0] == float("inf") and buckets[-1][1] == series["count"],
                  f"metrics: {family.name}{key}: +Inf bucket is not _count")


def check_metrics(port):
    before = metric_families(port)
    for family in ["caravan_http_requests", "caravan_http_request_duration_seconds", "caravan_index_documents",
                   "process_resident_memory_bytes"]:
        check(family in before, f"metrics: no family {family} (have {sorted(before)})")
    check(before.get("caravan_http_requests") is not None and before["caravan_http_requests"].type == "counter",
          "metrics: caravan_http_requests_total is not a counter")
    check_histograms(before)
    labels = {"route": "search", "status": "200"}
    searches = sample_value(before, "caravan_http_requests", "caravan_http_requests_total", labels)
    not_found = sample_value(before, "caravan_http_requests", "caravan_http_requests_total", {"route": "other", "status": "404"})
    count = sample_value(before, "caravan_http_request_duration_seconds", "caravan_http_request_duration_seconds_count",
                         {"route": "search"})
    for query in ["meeting", urllib.parse.quote("совещание"), "border"]:
        fetch(port, "/api/search?q=" + query)
    try:
        fetch(port, "/api/nothing")
    except urllib.error.HTTPError as error:
        check(error.code == 404, f"/api/nothing: {error.code}")
    after = metric_families(port)
    check_histograms(after)
    check(sample_value(after, "caravan_http_requests", "caravan_http_requests_total", labels) == searches + 3,
          "metrics: 3 searches did not add 3 to caravan_http_requests_total{route=search,status=200}")
    check(sample_value(after, "caravan_http_requests", "caravan_http_requests_total", {"route": "other", "status": "404"})
          == not_found + 1, "metrics: a 404 was not counted")
    check(sample_value(after, "caravan_http_request_duration_seconds", "caravan_http_request_duration_seconds_count",
                       {"route": "search"}) == count + 3, "metrics: the search histogram did not count 3 more")
    check(sample_value(after, "caravan_index_documents", "caravan_index_documents", {}) >= 10, "metrics: documents gauge")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--indexer", required=True)
    parser.add_argument("--searchd", required=True)
    parser.add_argument("--source", required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="caravan-standards-") as work:
        items = os.path.join(work, "extra.jsonl")
        with open(items, "w", encoding="utf-8") as out:
            out.write(EXTRA_ITEMS)
        index = os.path.join(work, "index")
        subprocess.run([args.indexer, "build", "--quiet", "--out", index, items,
                        os.path.join(args.source, "tests", "fixtures", "news", "mixed.jsonl")], check=True)
        schema = atom_schema(args.source, work)
        proc, port = start_searchd(args.searchd, index)
        try:
            check_feeds(port, schema)
            check_opensearch(port)
            check_metrics(port)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    for failure in failures:
        print("FAIL:", failure)
    print(f"check_endpoints: {'all standards checks passed' if not failures else str(len(failures)) + ' failures'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
