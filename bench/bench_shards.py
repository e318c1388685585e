#!/usr/bin/env python3
"""make bench-shards: query latency and throughput of one index, 2 and 4 local shards, 2 remote shards.

Generates one corpus (bench/gen_corpus.py, --docs documents), builds it with caravan-indexer
build --shards 1, 2 and 4, serves each with caravan-searchd, and serves the 2 shards also from two
stock xapian-tcpsrv on loopback ports through a stub (remote HOST:PORT lines plus the local aux);
sends the fixed seeded query set of make bench with caravan-bench-query and runs wrk at
concurrency 1 and 2 over it, with the CPU time searchd (and the tcpsrv processes) spent per request.
Everything runs in a mktemp directory removed at the end, or in --work DIR, kept and reused.
"""
import argparse
import datetime
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
import bench_queries  # noqa: E402
import bench_report  # noqa: E402
import run_bench  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(indexer, corpus, out, shards):
    """Builds out (or, in a kept --work directory, reuses it and the build time recorded beside it)."""
    timing = out + ".seconds"
    if os.path.exists(timing):
        with open(timing) as f:
            return float(f.read())
    started = time.monotonic()
    subprocess.run([indexer, "build", "--quiet", "--shards", str(shards), "--out", out, corpus],
                   check=True, timeout=7200, stdout=subprocess.DEVNULL)
    seconds = time.monotonic() - started
    with open(timing, "w") as f:
        f.write(f"{seconds:.3f}")
    return seconds


def tcpsrv(database, port):
    proc = subprocess.Popen(["xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port", str(port), database],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    for _ in range(500):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return proc
        time.sleep(0.02)
    sys.exit(f"bench: xapian-tcpsrv did not listen on {port}")


def cpu_seconds(pids, sessions):
    """User + system CPU of the processes pids and of every process in the sessions (tcpsrv forks one
    child per connection; the children it has reaped count in its cutime/cstime)."""
    ticks = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # fields[0] is the state (field 3); utime..cstime are fields 14-17, the session is field 6.
        if int(entry) in pids:
            ticks += int(fields[11]) + int(fields[12])
        elif int(fields[3]) in sessions:
            ticks += sum(int(x) for x in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


def measure(binaries, index_path, tmp, args, queries_file, mix_file, sessions):
    server = run_bench.Searchd(binaries["searchd"], index_path, tmp)
    try:
        latency = run_bench.latency(binaries["client"], server.port, queries_file, args)
        rates = []
        for concurrency in (1, 2):
            before = cpu_seconds({server.proc.pid}, sessions)
            rate = run_bench.throughput(server.port, mix_file, args.wrk_seconds, concurrency)
            if rate:
                rate["cpu_ms_per_request"] = 1000 * (cpu_seconds({server.proc.pid}, sessions) - before) / rate["requests"]
            rates.append(rate)
    finally:
        server.stop()
    return latency, rates


def run(args, tmp):
    load_at_start = os.getloadavg()
    b = os.path.abspath(args.build)
    binaries = {"indexer": os.path.join(b, "indexer", "caravan-indexer"),
                "searchd": os.path.join(b, "searchd", "caravan-searchd"),
                "client": os.path.join(b, "bench", "caravan-bench-query")}
    corpus = os.path.join(tmp, "corpus.jsonl")
    if not os.path.exists(corpus):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), "--docs", str(args.docs), "--seed",
                        str(args.seed), "--shared", args.shared, "--out", corpus + ".part"], check=True, timeout=3600)
        os.rename(corpus + ".part", corpus)
    queries_file, mix_file = os.path.join(tmp, "queries.tsv"), os.path.join(tmp, "mix.tsv")
    setups, rows_build = [], []
    for shards in (1, 2, 4):
        out = os.path.join(tmp, f"index-{shards}")
        rows_build.append([str(shards), f"{build(binaries['indexer'], corpus, out, shards):.1f}"])
        setups.append((f"{shards} local" if shards > 1 else "one index", out))
    first = run_bench.Searchd(binaries["searchd"], setups[0][1], tmp)
    try:
        queries = bench_queries.build(REPO, corpus, first.get("/api/search?q=&facet_size=10"), args.seed)
    finally:
        first.stop()
    with open(queries_file, "w", encoding="utf-8") as f:
        f.writelines(f"{kind}\t{path}\n" for kind, path in queries)
    with open(mix_file, "w", encoding="utf-8") as f:
        f.writelines(f"{kind}\t{path}\n" for kind, path in queries if kind != "no-facets")
    generation = os.path.realpath(os.path.join(tmp, "index-2"))
    ports = [free_port(), free_port()]
    servers = [tcpsrv(os.path.join(generation, f"shard-00{i}"), port) for i, port in enumerate(ports)]
    stub = os.path.join(tmp, "remote.stub")
    with open(stub, "w") as f:
        f.writelines(f"remote 127.0.0.1:{port}\n" for port in ports)
        f.write(f"auto {generation}/aux\n")
    setups.append(("2 remote", stub))
    results = []
    tcpsrv_sessions = {proc.pid for proc in servers}
    try:
        for name, path in setups:
            run_bench.log(f"measuring {name}")
            sessions = tcpsrv_sessions if path == stub else set()
            results.append((name, *measure(binaries, path, tmp, args, queries_file, mix_file, sessions)))
    finally:
        for proc in servers:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    print(f"Caravan shards benchmark, {datetime.date.today().isoformat()}: {args.docs:,} documents "
          f"(half English, half Russian; seed {args.seed}); {os.cpu_count()} cores, load average "
          f"{load_at_start[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end\n")
    print("Indexing (caravan-indexer build --shards N, wall seconds including compaction)")
    bench_report.table(["shards", "seconds"], rows_build)
    print("Query latency, ms: /api/search top 10 + all facets exact (client round trip; medians over runs)")
    rows = []
    for name, latency, _ in results:
        for kind in bench_report.KINDS:
            if kind in latency:
                k = latency[kind]
                rows.append([name, kind, f"{k['mean_matches']:.0f}",
                             *(f"{k['latency_ms'][p]:.2f}" for p in ("p50", "p95", "p99"))])
    bench_report.table(["setup", "kind", "matches", "p50", "p95", "p99"], rows)
    print("Throughput (wrk, keep-alive, the mix without no-facets); CPU = searchd and, for remote shards, the")
    print("xapian-tcpsrv processes, per request")
    rows = [[name, str(t["concurrency"]), f"{t['requests_per_s']:.1f}", f"{t['latency_ms']['p50']:.2f}",
             f"{t['latency_ms']['p95']:.2f}", f"{t['latency_ms']['p99']:.2f}", f"{t['cpu_ms_per_request']:.2f}"]
            for name, _, rates in results for t in rates if t]
    bench_report.table(["setup", "concurrency", "requests/s", "p50 ms", "p95 ms", "p99 ms", "CPU ms"], rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--docs", type=int, default=100000)
    parser.add_argument("--shared", default=os.path.join(REPO, "..", "shared", "data"))
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--wrk-seconds", type=int, default=5)
    parser.add_argument("--work", help="keep the corpus and indexes in this directory and reuse them on the next "
                                       "run with the same --docs and --seed (default: a temporary directory)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("bench: terminated"))
    if args.work:
        tmp = os.path.abspath(os.path.join(args.work, f"docs-{args.docs}-seed-{args.seed}"))
        os.makedirs(tmp, exist_ok=True)
        run(args, tmp)
        return
    tmp = tempfile.mkdtemp(prefix="caravan-bench-shards.", dir="/tmp")
    try:
        run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
