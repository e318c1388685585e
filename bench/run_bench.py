#!/usr/bin/env python3
"""make bench: indexing speed, query latency, throughput and growth of the real Caravan binaries.

Generates a corpus (bench/gen_corpus.py) of --docs documents and takes its first --docs/5 as the
smaller corpus; indexes both with caravan-indexer; for each, serves it with caravan-searchd on
127.0.0.1 (a port the OS picks), measures latency per kind of query with caravan-bench-query and
throughput with wrk at concurrency 1 and 2; prints tables and the growth ratios, and writes a JSON
summary to BUILD/bench-results.json. Everything runs under one mktemp directory in /tmp, removed
at the end (also on errors and Ctrl-C); every child has a time limit.
"""
import argparse
import datetime
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import bench_queries  # noqa: E402
import bench_report  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def wait_with_rusage(proc, timeout):
    """Waits for proc like Popen.wait, killing it after timeout seconds; returns (status, rusage)."""
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        _, status, rusage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, rusage


def tree_bytes(path):
    total = 0
    for root, _, files in os.walk(os.path.realpath(path)):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total


def index(binary, corpus, out, docs, tmp):
    log(f"indexing {docs} documents")
    errors = os.path.join(tmp, "indexer.err")
    with open(errors, "w") as err:
        started = time.monotonic()
        proc = subprocess.Popen([binary, "build", "--quiet", "--out", out, corpus], stdout=err, stderr=err)
        try:
            status, rusage = wait_with_rusage(proc, max(900, docs / 20))
        except BaseException:  # Ctrl-C or SIGTERM: stop the indexer before the directory goes
            proc.kill()
            proc.wait()
            raise
        seconds = time.monotonic() - started
    text = open(errors).read()
    if status != 0:
        sys.exit(f"bench: caravan-indexer failed ({status}):\n{text}")
    found = re.search(r"(\d+) documents indexed", text)
    indexed = int(found.group(1)) if found else 0
    if indexed != docs:
        sys.exit(f"bench: expected {docs} documents indexed, got {indexed}:\n{text}")
    input_bytes = os.path.getsize(corpus)
    return {"docs": docs, "seconds": seconds, "docs_per_s": docs / seconds,
            "input_mb": input_bytes / 1e6, "mb_per_s": input_bytes / 1e6 / seconds,
            "index_mb": tree_bytes(out) / 1e6, "peak_rss_mb": rusage.ru_maxrss / 1024,
            "cpu_s": rusage.ru_utime + rusage.ru_stime}


class Searchd:
    """caravan-searchd on 127.0.0.1 with an OS-chosen port; stopped with SIGTERM."""

    def __init__(self, binary, index_path, tmp):
        self.errors = open(os.path.join(tmp, "searchd.err"), "w")
        self.proc = subprocess.Popen([binary, "--index", index_path, "--listen", "127.0.0.1:0"],
                                     stdout=subprocess.PIPE, stderr=self.errors, text=True)
        ready, _, _ = select.select([self.proc.stdout], [], [], 60)
        line = self.proc.stdout.readline() if ready else ""
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not found:
            self.stop()
            sys.exit(f"bench: caravan-searchd did not start: {line!r}")
        self.port = int(found.group(1))
        self.peak_rss_mb = 0

    def get(self, path):
        import urllib.request
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=60) as response:
            return json.load(response)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                _, rusage = wait_with_rusage(self.proc, 10)
                self.peak_rss_mb = rusage.ru_maxrss / 1024
            except ChildProcessError:
                pass
        self.errors.close()


def latency(client, port, queries_file, args):
    out = subprocess.run([client, "--port", str(port), "--queries", queries_file, "--runs", str(args.runs),
                          "--repeat", str(args.repeat), "--seed", str(args.seed)],
                         capture_output=True, text=True, timeout=1800)
    if out.returncode != 0:
        sys.exit(f"bench: caravan-bench-query failed:\n{out.stderr}")
    return json.loads(out.stdout)


def throughput(port, mix_file, seconds, concurrency):
    if not shutil.which("wrk"):
        return None
    command = ["wrk", f"-t{concurrency}", f"-c{concurrency}", f"-d{seconds}s", "--timeout", "10s",
               "-s", os.path.join(HERE, "mix.lua"), f"http://127.0.0.1:{port}", "--", mix_file]
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    found = re.search(r"^WRK_JSON (.*)$", out.stdout, re.M)
    if out.returncode != 0 or not found:
        sys.exit(f"bench: wrk failed:\n{out.stdout}\n{out.stderr}")
    result = json.loads(found.group(1))
    result["concurrency"] = concurrency
    if result["http_errors"] or result["socket_errors"]:
        sys.exit(f"bench: wrk saw errors: {result}")
    return result


def run(args, tmp):
    build = os.path.abspath(args.build)
    indexer = os.path.join(build, "indexer", "caravan-indexer")
    searchd = os.path.join(build, "searchd", "caravan-searchd")
    client = os.path.join(build, "bench", "caravan-bench-query")
    for binary in (indexer, searchd, client):
        if not os.access(binary, os.X_OK):
            sys.exit(f"bench: {binary} is missing; run make BUILD={args.build} build")
    small = args.small or max(1, args.docs // 5)
    sizes = sorted({small, args.docs})
    log(f"generating {args.docs} documents")
    corpora = {args.docs: os.path.join(tmp, f"corpus-{args.docs}.jsonl")}
    subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), "--docs", str(args.docs),
                    "--seed", str(args.seed), "--shared", args.shared, "--out", corpora[args.docs]],
                   check=True, timeout=max(600, args.docs / 100))
    if small != args.docs:
        corpora[small] = os.path.join(tmp, f"corpus-{small}.jsonl")
        with open(corpora[args.docs], encoding="utf-8") as src, open(corpora[small], "w", encoding="utf-8") as dst:
            for _, line in zip(range(small), src):
                dst.write(line)

    results = {"date": datetime.date.today().isoformat(), "seed": args.seed, "runs": args.runs,
               "repeat": args.repeat, "wrk_seconds": args.wrk_seconds, "sizes": {}}
    queries_file = os.path.join(tmp, "queries.tsv")
    mix_file = os.path.join(tmp, "mix.tsv")
    for size in sizes:
        entry = {"indexing": index(indexer, corpora[size], os.path.join(tmp, f"index-{size}"), size, tmp)}
        server = Searchd(searchd, os.path.join(tmp, f"index-{size}"), tmp)
        try:
            if size == sizes[0]:
                discovery = server.get("/api/search?q=&facet_size=10")
                queries = bench_queries.build(REPO, corpora[size], discovery, args.seed)
                with open(queries_file, "w", encoding="utf-8") as f:
                    f.writelines(f"{kind}\t{path}\n" for kind, path in queries)
                with open(mix_file, "w", encoding="utf-8") as f:
                    f.writelines(f"{kind}\t{path}\n" for kind, path in queries if kind not in ("no-facets", "doc"))
                results["queries"] = [{"kind": k, "path": p} for k, p in queries]
            log(f"query latency on {size} documents")
            entry["latency"] = latency(client, server.port, queries_file, args)
            entry["throughput"] = []
            for concurrency in (1, 2):
                log(f"wrk at concurrency {concurrency} on {size} documents")
                entry["throughput"].append(throughput(server.port, mix_file, args.wrk_seconds, concurrency))
        finally:
            server.stop()
        entry["searchd_peak_rss_mb"] = server.peak_rss_mb
        results["sizes"][str(size)] = entry
        shutil.rmtree(os.path.realpath(os.path.join(tmp, f"index-{size}")), ignore_errors=True)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build", help="the CMake build directory with the binaries")
    parser.add_argument("--docs", type=int, default=10000, help="documents in the larger corpus")
    parser.add_argument("--small", type=int, default=0, help="documents in the smaller corpus (default docs/5)")
    parser.add_argument("--shared", default=os.path.join(REPO, "..", "shared", "data"))
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--runs", type=int, default=5, help="latency runs; percentiles are their medians")
    parser.add_argument("--repeat", type=int, default=5, help="times each query is sent per run")
    parser.add_argument("--wrk-seconds", type=int, default=5)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("bench: terminated"))
    tmp = tempfile.mkdtemp(prefix="caravan-bench.", dir="/tmp")
    try:
        results = run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if not shutil.which("wrk"):
        log("wrk not found (Debian package wrk): throughput skipped")
    bench_report.print_report(results)
    path = os.path.join(args.build, "bench-results.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2, ensure_ascii=False)
    log(f"JSON summary: {path}")


if __name__ == "__main__":
    main()
