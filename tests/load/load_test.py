#!/usr/bin/env python3
# make load: searchd under concurrent queries while a rebuild swaps in and an update commits.
"""Builds an index (data/demo and the test fixtures) in a temp dir, starts caravan-searchd on
a loopback port, then runs CLIENTS threads of real requests (words in en, ru and the region's
languages, phrases, filters, facets, dates, empty and filter-only queries, suggestions,
documents) and malformed ones (bad parameters, odd syntax) for at most SECONDS or REQUESTS,
while another thread rebuilds the index (a new generation swapped in) and then commits an
update with a new item. Asserted: no 5xx, no connection error, every valid request 200, every
malformed one its 4xx, searchd alive at the end, and the updated item found afterwards.
Printed: requests, q/s, latency median and p99, searchd RSS at start and end.
"""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

VALID = [
    "q=", "q=&facets=&size=1", "q=country:KZ", "country=KZ&country=UZ", "q=-meeting",
    "q=meeting", "q=meetings&sort=date", "q=border%20officers", "q=%22joint%20meeting%22",
    "q=heroin%20OR%20opium", "q=preca*", "q=Tashkent", "q=UNODC&size=50",
    "q=" + urllib.parse.quote("совещание"), "q=" + urllib.parse.quote("Ташкенте"),
    "q=" + urllib.parse.quote("УНП ООН"), "q=" + urllib.parse.quote("есірткі"),
    "q=uchrashuv", "q=customs%20unicorns", "q=meetnig", "from=2020-01-01&to=2021-12-31",
    "q=date:2020", "lang=ru&facet_size=3", "q=title:meeting&ui_lang=ru", "page=2&size=5",
    "q=" + urllib.parse.quote("граница") + "&org=UNODC",
]
OTHER_VALID = ["/api/suggest?q=drug%20traf", "/api/suggest?q=kaz&ui_lang=ru", "/api/stats", "/healthz",
               "/api/doc/en-1"]
MALFORMED = [  # (path, expected status)
    ("/api/search?size=0", 400), ("/api/search?size=abc", 400), ("/api/search?from=2020-13-45", 400),
    ("/api/search?sort=sideways", 400), ("/api/search?facets=nope", 400), ("/api/suggest?q=", 400),
    ("/api/search?q=" + "a" * 1100, 400), ("/api/nothing", 404), ("/api/doc/no-such-id", 404),
    ("/api/search?q=%22%28%28%28-OR", 200), ("/api/search?q=%00%ff%fe", 200), ("/api/search?q=*:*", 200),
]


def start_searchd(binary, index, extra):
    proc = subprocess.Popen([binary, "--index", index, "--listen", "127.0.0.1:0"] + extra,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    match = re.search(r"127\.0\.0\.1:(\d+)", line)
    if not match:
        proc.kill()
        sys.exit("load: searchd did not start: " + line + proc.stderr.read())
    return proc, int(match.group(1))


def stats(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/api/stats")
    return json.loads(conn.getresponse().read())


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.count = 0
        self.latencies = []
        self.failures = []
        self.statuses = {}

    def add(self, path, status, expected, seconds):
        with self.lock:
            self.count += 1
            self.latencies.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status != expected:
                self.failures.append(f"{path[:120]} -> {status} (expected {expected})")


def client(port, seed, deadline, budget, tally):
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    while time.monotonic() < deadline and budget():
        roll = rng.random()
        if roll < 0.75:
            path, expected = "/api/search?" + rng.choice(VALID), 200
        elif roll < 0.9:
            path, expected = rng.choice(OTHER_VALID), 200
        else:
            path, expected = rng.choice(MALFORMED)
        started = time.monotonic()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
        except (OSError, http.client.HTTPException) as error:
            status = f"error {type(error).__name__}"
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        tally.add(path, status, expected, time.monotonic() - started)


def reindex(indexer, index, inputs, update_file, log):
    """Rebuild (a new generation swaps in under load), then update the live index."""
    for argv in ([indexer, "build", "--quiet", "--out", index] + inputs,
                 [indexer, "update", "--quiet", "--out", index, update_file]):
        started = time.monotonic()
        done = subprocess.run(argv, capture_output=True, text=True)
        log.append((argv[1], done.returncode, time.monotonic() - started, (done.stdout + done.stderr)[-300:]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--indexer", required=True)
    parser.add_argument("--searchd", required=True)
    parser.add_argument("--source", required=True, help="the repository root")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--requests", type=int, default=100000)
    args = parser.parse_args()

    checks = {"passed": 0, "failed": 0}

    def check(ok, what):
        checks["passed" if ok else "failed"] += 1
        print(("  ok    " if ok else "  FAIL  ") + what, flush=True)

    work = tempfile.mkdtemp(prefix="caravan-load-")
    try:
        index = os.path.join(work, "index")
        inputs = [os.path.join(args.source, "data", "demo"),
                  os.path.join(args.source, "tests", "fixtures", "news", "mixed.jsonl")]
        subprocess.run([args.indexer, "build", "--quiet", "--out", index] + inputs, check=True)
        update_file = os.path.join(work, "update.jsonl")
        with open(update_file, "w") as out:
            out.write(json.dumps({"id": "load-new-1", "lang": "en", "date": "2026-11-30",
                                  "title": "Zanzibarite delegation visits Almaty",
                                  "body": "A zanzibarite delegation met customs officers in Almaty."}) + "\n")
        searchd, port = start_searchd(args.searchd, index, [])
        generation_before = stats(port)["generation"]
        rss_start = rss_mb(searchd.pid)
        tally = Tally()
        deadline = time.monotonic() + args.seconds
        budget = lambda: tally.count < args.requests  # noqa: E731
        threads = [threading.Thread(target=client, args=(port, seed, deadline, budget, tally))
                   for seed in range(args.clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(min(1.0, args.seconds / 4))
        log = []
        reindexer = threading.Thread(target=reindex, args=(args.indexer, index, inputs, update_file, log))
        reindexer.start()
        reindexer.join()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        rss_end = rss_mb(searchd.pid) if searchd.poll() is None else 0.0

        latencies = sorted(tally.latencies)
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else 0
        print(f"load: {tally.count} requests by {args.clients} clients in {elapsed:.1f} s "
              f"({tally.count / elapsed:.0f} q/s), latency median {statistics.median(latencies) * 1000:.1f} ms, "
              f"p99 {p99 * 1000:.1f} ms; statuses {dict(sorted(tally.statuses.items(), key=str))}")
        print(f"load: searchd RSS {rss_start:.1f} MB at start, {rss_end:.1f} MB at end")
        for step, code, seconds, output in log:
            print(f"load: {step} exit {code} in {seconds:.1f} s")
        check(all(code == 0 for _, code, _, _ in log) and len(log) == 2,
              "the rebuild and the update under load both succeeded: " +
              "; ".join(f"{s}: {o.strip()}" for s, c, _, o in log if c != 0))
        server_errors = sum(n for status, n in tally.statuses.items() if isinstance(status, int) and status >= 500)
        check(server_errors == 0, f"no 5xx ({server_errors})")
        connection_errors = sum(n for status, n in tally.statuses.items() if isinstance(status, str))
        check(connection_errors == 0, f"no connection errors ({connection_errors})")
        check(not tally.failures, f"every request got its expected status ({len(tally.failures)} did not"
              + (f", first: {tally.failures[0]}" if tally.failures else "") + ")")
        check(tally.count >= min(args.requests, 100), f"enough requests were served ({tally.count})")
        alive = searchd.poll() is None
        check(alive, "searchd is still running")
        if not alive:
            print("load: searchd's last words:\n" + searchd.stderr.read()[-20000:], flush=True)
            return 1
        generation_after = stats(port)["generation"]
        check(generation_after != generation_before and generation_after == os.path.basename(os.readlink(index)),
              f"the rebuilt generation is served ({generation_before} -> {generation_after})")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/api/search?q=zanzibarite")
        answer = json.loads(conn.getresponse().read())
        check([hit["id"] for hit in answer.get("hits", [])] == ["load-new-1"],
              "the updated item is served after the update")
        searchd.terminate()
        searchd.wait(timeout=10)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{checks['passed']} passed, {checks['failed']} failed")
    return 0 if checks["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
