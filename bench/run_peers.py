#!/usr/bin/env python3
"""make bench-peers: Caravan beside Sphinx 2.2 and plain Xapian on the same corpus and queries.

One corpus (bench/gen_corpus.py --entities: en/ru news with language, date, countries and
organizations given) and one set of one-to-three-word queries drawn from its documents, through:
  caravan   caravan-indexer build; caravan-searchd on 127.0.0.1, over HTTP with keep-alive, with the
            default request (top 10, snippets, relaxed match, all five facets exact) and the
            like-for-like one (snippets=0&relax=0&spell=0);
  sphinx    Debian's sphinxsearch: indexer (tsvpipe, stem_enru) and searchd on 127.0.0.1, SphinxQL
            with a FACET per facet over all matches (bench/sphinx.conf.in);
  xapian    plain Xapian: bench/peer_xapian_index.cc (one thread, add_document) and
            bench/peer_xapian.cc in-process (no HTTP), ValueCountMatchSpy on the same slots.
Each engine is measured alone (one server at a time): indexing docs/s, index size and peak RSS;
latency p50/p95/p99 over --passes passes of the queries on one connection; server CPU per query
(/proc/PID/stat of the server over the latency passes; for in-process Xapian its own CPU);
requests/s at concurrency 1 and 2 (closed loop, --seconds each); server peak RSS. Prints the
Caravan/peer ratios and how far totals and facet counts agree. Caravan is also indexed on the
same items stripped of language, date, countries and organizations (full analysis), and that
speed is compared with the Xapian writer's. No result cache is involved: Caravan has none and
Sphinx 2.2 has no query cache unless configured (qcache is Sphinx 2.3+ / Manticore).
Everything runs under one mktemp directory, removed at the end; JSON to BUILD/bench-peers-results.json.
"""
import argparse
import datetime
import json
import os
import random
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True
from bench_report import table  # noqa: E402  (the tables of make bench)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
# A whole word of letters: not part of "SEP7", "Minneapolis's" or "well-known", which engines split differently.
WORD = re.compile(r"(?<![\w'’.-])[^\W\d_]+(?![\w'’-])")
SCRIPT = {"en": re.compile(r"[a-z]+"), "ru": re.compile(r"[а-яё]+")}  # a query word in its item's script
FACETS = ("year", "month", "lang", "country", "organization")


def log(message):
    print(f"[bench-peers {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def timed_child(command, timeout):
    """Like run_timed, but with the child's own rusage (peak RSS) from wait4."""
    started = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        output = proc.stdout.read()
        _, status, rusage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    seconds = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench-peers: {' '.join(command)} failed:\n{output[-3000:]}")
    return seconds, rusage.ru_maxrss / 1024, output


def tree_mb(path):
    total = 0
    for root, _, files in os.walk(os.path.realpath(path)):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total / 1e6


def proc_cpu_s(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, proc, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.1)
    return False


# ---------------------------------------------------------------- corpus and queries

def stopwords(lang):
    with open(f"{REPO}/stopwords/{lang}.txt", encoding="utf-8") as f:
        return {line.strip() for line in f if line.strip() and not line.startswith("#")}


def make_queries(corpus, count, seed):
    """count queries of 1-3 nearby words of a random document, alternately English and Russian."""
    rng = random.Random(seed)
    docs = {"en": [], "ru": []}
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            docs[item["lang"]].append(item["title"] + " " + item["body"])
    stop = {lang: stopwords(lang) for lang in docs}
    queries, seen = [], set()
    while len(queries) < count:
        lang = ("en", "ru")[len(queries) % 2]
        words = [w.lower() for w in WORD.findall(rng.choice(docs[lang]))]
        words = [w for w in words if len(w) >= 3 and w not in stop[lang] and SCRIPT[lang].fullmatch(w)]
        if len(words) < 10:
            continue
        n = rng.choice((1, 2, 3))
        start = rng.randrange(len(words) - 8)
        picked = list(dict.fromkeys(rng.sample(words[start:start + 8], n)))
        query = " ".join(picked)
        if query not in seen:
            seen.add(query)
            queries.append(query)
    return queries


def strip_given(src, dst):
    """The same items without language, date, countries and organizations: all found by analysis."""
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        for line in f:
            item = json.loads(line)
            for field in ("lang", "date", "countries", "organizations"):
                item.pop(field, None)
            out.write(json.dumps(item, ensure_ascii=False) + "\n")


class SphinxIds:
    """Integer ids for Sphinx attributes, and back to Caravan's facet values."""

    def __init__(self):
        self.ids = {"lang": {}, "country": {}, "organization": {}}

    def id(self, facet, value):
        table = self.ids[facet]
        return table.setdefault(value, len(table) + 1)

    def value(self, facet, key):
        if facet == "year":
            return key
        if facet == "month":
            return f"{key[:4]}-{key[4:]}"
        names = {v: k for k, v in self.ids[facet].items()}
        return names.get(int(key), key)


def day_number(date):
    return (datetime.date.fromisoformat(date) - datetime.date(1970, 1, 1)).days


def write_sphinx_tsv(corpus, path, ids):
    clean = lambda text: re.sub(r"[\t\n\r\\]+", " ", text)
    with open(corpus, encoding="utf-8") as f, open(path, "w", encoding="utf-8") as out:
        for n, line in enumerate(f, 1):
            item = json.loads(line)
            date = item["date"]
            countries = ",".join(str(ids.id("country", c)) for c in item.get("countries", []))
            orgs = ",".join(str(ids.id("organization", o)) for o in item.get("organizations", []))
            out.write("\t".join([str(n), clean(item["title"]), clean(item["body"]), item["url"], date[:4],
                                 date[:4] + date[5:7], str(ids.id("lang", item["lang"])), countries, orgs,
                                 str(day_number(date))]) + "\n")


# ---------------------------------------------------------------- engines

def client_run(command, mode_args, timeout=1800):
    out = subprocess.run(command + mode_args, capture_output=True, text=True, timeout=timeout)
    if out.returncode != 0:
        sys.exit(f"bench-peers: {' '.join(command + mode_args)} failed:\n{out.stderr}")
    return json.loads(out.stdout)


def measure(client, queries_file, args, server_pid=None):
    """Latency passes (with server CPU per query when server_pid) and throughput at c=1 and c=2."""
    base = client + ["--queries", queries_file]
    cpu_before = proc_cpu_s(server_pid) if server_pid else 0
    latency = client_run(base, ["--mode", "latency", "--passes", str(args.passes)])
    if server_pid:
        # The warm-up pass is served too: divide by every request the server answered.
        served = latency["samples"] + len(latency["answers"])
        latency["server_cpu_ms_per_query"] = (proc_cpu_s(server_pid) - cpu_before) * 1000 / served
    else:
        latency["server_cpu_ms_per_query"] = latency["client_cpu_ms_per_query"]
    qps = {}
    for concurrency in (1, 2):
        result = client_run(base, ["--mode", "throughput", "--concurrency", str(concurrency),
                                   "--seconds", str(args.seconds)])
        qps[concurrency] = result["qps"]
    return {"latency": latency, "qps": qps, "server_peak_rss_mb": proc_peak_rss_mb(server_pid) if server_pid else None}


def index_caravan(build, corpus, out, docs):
    seconds, rss, output = timed_child([f"{build}/indexer/caravan-indexer", "build", "--quiet", "--out", out, corpus],
                                       max(900, docs / 20))
    found = re.search(r"(\d+) documents indexed", output)
    if not found or int(found.group(1)) != docs:
        sys.exit(f"bench-peers: caravan-indexer indexed {found.group(1) if found else 0} of {docs}:\n{output[-2000:]}")
    return {"seconds": seconds, "docs_per_s": docs / seconds, "index_mb": tree_mb(out), "peak_rss_mb": rss}


def run_caravan(build, index_path, queries_file, args, tmp):
    errors = open(os.path.join(tmp, "searchd.err"), "w")
    proc = subprocess.Popen([f"{build}/searchd/caravan-searchd", "--index", index_path, "--listen", "127.0.0.1:0"],
                            stdout=subprocess.PIPE, stderr=errors, text=True)
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", proc.stdout.readline() if ready else "")
        if not found:
            sys.exit("bench-peers: caravan-searchd did not start (see its stderr)")
        client = [f"{build}/bench/caravan-bench-peer-caravan", "--port", found.group(1)]
        results = {}
        for name, params in (("default", ""), ("like-for-like", "&snippets=0&relax=0&spell=0")):
            log(f"caravan {name} request")
            results[name] = measure(client + ["--params", params], queries_file, args, proc.pid)
        return results
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        errors.close()


def run_sphinx(build, corpus, queries_file, args, tmp, docs):
    directory = os.path.join(tmp, "sphinx")
    os.makedirs(os.path.join(directory, "index"))
    ids = SphinxIds()
    tsv = os.path.join(directory, "corpus.tsv")
    write_sphinx_tsv(corpus, tsv, ids)
    port = free_port()
    with open(os.path.join(HERE, "sphinx.conf.in")) as f:
        conf = f.read().replace("@TSV@", tsv).replace("@DIR@", directory).replace("@PORT@", str(port))
    conf_path = os.path.join(directory, "sphinx.conf")
    with open(conf_path, "w") as f:
        f.write(conf)
    log(f"sphinx indexer on {docs} documents")
    seconds, rss, output = timed_child(["indexer", "--config", conf_path, "--all", "--quiet"], max(900, docs / 20))
    indexing = {"seconds": seconds, "docs_per_s": docs / seconds, "index_mb": tree_mb(os.path.join(directory, "index")),
                "peak_rss_mb": rss}
    proc = subprocess.Popen(["searchd", "--config", conf_path, "--nodetach"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT)
    try:
        if not wait_for_port(port, proc):
            sys.exit(f"bench-peers: Sphinx searchd did not start; its log: {directory}/searchd.log")
        client = [f"{build}/bench/caravan-bench-peer-sphinx", "--port", str(port)]
        log("sphinx queries")
        result = measure(client, queries_file, args, proc.pid)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    for answer in result["latency"]["answers"]:
        answer["facets"] = {facet: {ids.value(facet, k): v for k, v in values.items()}
                            for facet, values in answer["facets"].items()}
    return indexing, {"default": result}


def run_xapian(build, corpus, queries_file, args, tmp, docs):
    path = os.path.join(tmp, "xapian")
    log(f"plain Xapian writer on {docs} documents")
    seconds, rss, _ = timed_child([f"{build}/bench/caravan-bench-peer-xapian-index", corpus, path], max(900, docs / 20))
    indexing = {"seconds": seconds, "docs_per_s": docs / seconds, "index_mb": tree_mb(path), "peak_rss_mb": rss}
    log("plain Xapian queries (in-process)")
    return indexing, {"default": measure([f"{build}/bench/caravan-bench-peer-xapian", "--index", path], queries_file, args)}


# ---------------------------------------------------------------- report

def agreement(a, b):
    """Share of queries with equal totals, and of facet values (those a reports) with equal counts."""
    totals = sum(x["total"] == y["total"] for x, y in zip(a, b))
    values = same = 0
    for x, y in zip(a, b):
        for facet in FACETS:
            for value, count in x["facets"].get(facet, {}).items():
                values += 1
                same += y["facets"].get(facet, {}).get(value, 0) == count
    return totals / len(a), (same / values if values else 1.0)


def number(value, form):
    """A figure in its form, or "-" when it was not measured (an index given with --caravan-index)."""
    return "-" if value is None else form.format(value)


def report(results):
    print(f"Caravan beside its peers, {results['date']}: {results['docs']:,} documents (en/ru, facets given; "
          f"seed {results['seed']}), {results['queries']} queries of 1-3 words, {results['passes']} latency passes, "
          f"{results['seconds']} s per throughput run; {results['machine']}\n")
    rows = []
    for engine, e in results["engines"].items():
        for request, m in e["requests"].items():
            ix, lat = e["indexing"], m["latency"]
            rows.append([f"{engine} ({request})", number(ix["docs_per_s"], "{:,.0f}"), f"{ix['index_mb']:.1f}",
                         number(ix["peak_rss_mb"], "{:.0f}"),
                         *(f"{lat['latency_ms'][p]:.2f}" for p in ("p50", "p95", "p99")),
                         f"{lat['server_cpu_ms_per_query']:.2f}", f"{m['qps'][1]:,.0f}", f"{m['qps'][2]:,.0f}",
                         f"{m['server_peak_rss_mb']:.0f}" if m["server_peak_rss_mb"] else "-"])
    table(["engine (request)", "docs/s", "index MB", "idx RSS MB", "p50 ms", "p95 ms", "p99 ms", "CPU ms/q",
           "q/s c=1", "q/s c=2", "srv RSS MB"], rows)
    if "caravan-bare" in results:
        bare = results["caravan-bare"]
        print(f"Caravan on the same items without language, date, countries, organizations (all found by analysis): "
              f"{bare['docs_per_s']:,.0f} docs/s, peak RSS {bare['peak_rss_mb']:.0f} MB\n")
    caravan = results["engines"].get("caravan")
    if not caravan:
        return
    rows = []
    for peer, e in results["engines"].items():
        if peer == "caravan":
            continue
        p = e["requests"]["default"]
        for request, m in caravan["requests"].items():
            c, pl = m["latency"], p["latency"]
            rows.append([f"caravan ({request}) / {peer}",
                         f"{c['latency_ms']['p50'] / pl['latency_ms']['p50']:.2f}",
                         f"{c['latency_ms']['p99'] / pl['latency_ms']['p99']:.2f}",
                         f"{c['server_cpu_ms_per_query'] / pl['server_cpu_ms_per_query']:.2f}",
                         f"{m['qps'][2] / p['qps'][2]:.2f}",
                         number(caravan["indexing"]["docs_per_s"] and caravan["indexing"]["docs_per_s"] / e["indexing"]["docs_per_s"],
                                "{:.2f}")
                         + (f" (bare {results['caravan-bare']['docs_per_s'] / e['indexing']['docs_per_s']:.2f})"
                            if "caravan-bare" in results else "")])
    print("Ratios (latency and CPU: <= 1 is Caravan as fast or faster; q/s and docs/s: >= 1 is Caravan ahead)")
    table(["comparison", "p50", "p99", "CPU/q", "q/s c=2", "docs/s"], rows)
    rows = []
    names = list(results["engines"])
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            ra = results["engines"][a]["requests"].get("like-for-like") or results["engines"][a]["requests"]["default"]
            rb = results["engines"][b]["requests"]["default"]
            totals, facets = agreement(ra["latency"]["answers"], rb["latency"]["answers"])
            rows.append([f"{a} / {b}", f"{totals:.1%}", f"{facets:.1%}"])
    print("Agreement of answers (Caravan like-for-like: strict all-words match); facet values: those the first reports")
    table(["pair", "equal totals", "equal facet counts"], rows)


def machine():
    model = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} cores of {model}"


def check_answers(results):
    """Every query's words come from a document, so every engine must find at least one item."""
    problems = []
    for engine, e in results["engines"].items():
        for request, m in e["requests"].items():
            empty = [q for q, a in zip(results["query_list"], m["latency"]["answers"]) if a["total"] < 1]
            if empty:
                problems.append(f"{engine} ({request}) found nothing for {len(empty)} queries, e.g. {empty[:3]}")
            counted = [a for a in m["latency"]["answers"] if a["total"] >= 1]
            if any(sum(a["facets"].get("lang", {}).values()) != a["total"] for a in counted):
                problems.append(f"{engine} ({request}): lang facet counts do not add up to the total")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--engines", default="caravan,sphinx,xapian")
    parser.add_argument("--no-bare", action="store_true", help="skip indexing the stripped corpus with Caravan")
    parser.add_argument("--caravan-index", help="serve this index, built by caravan-indexer from the same corpus (same "
                        "--docs and --seed), instead of indexing anew: query figures only, no indexing figures")
    parser.add_argument("--check", action="store_true", help="exit 1 when an answer is implausible (the smoke test)")
    parser.add_argument("--shared", default=os.path.join(REPO, "..", "shared", "data"))
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    engines = args.engines.split(",")
    if "sphinx" in engines and not (shutil.which("indexer") and shutil.which("searchd")
                                    and os.access(f"{build}/bench/caravan-bench-peer-sphinx", os.X_OK)):
        sys.exit("bench-peers: Sphinx needs Debian's sphinxsearch and libmariadb-dev "
                 "(scripts/install-deps.sh --bench, then rebuild), or --engines caravan,xapian")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("bench-peers: terminated"))
    tmp = tempfile.mkdtemp(prefix="caravan-peers.", dir="/tmp")
    try:
        corpus = os.path.join(tmp, "corpus.jsonl")
        log(f"generating {args.docs} documents")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), "--docs", str(args.docs), "--entities",
                        "--seed", str(args.seed), "--shared", args.shared, "--out", corpus], check=True)
        query_list = make_queries(corpus, args.queries, args.seed)
        queries_file = os.path.join(tmp, "queries.txt")
        with open(queries_file, "w", encoding="utf-8") as f:
            f.writelines(q + "\n" for q in query_list)
        results = {"date": datetime.date.today().isoformat(), "docs": args.docs, "seed": args.seed,
                   "queries": len(query_list), "passes": args.passes, "seconds": args.seconds,
                   "machine": machine(), "query_list": query_list, "engines": {}}
        for engine in engines:
            if engine == "caravan":
                index = os.path.abspath(args.caravan_index) if args.caravan_index else os.path.join(tmp, "caravan")
                if args.caravan_index:
                    log(f"caravan: serving the given index {index}")
                    indexing = {"seconds": None, "docs_per_s": None, "index_mb": tree_mb(index), "peak_rss_mb": None}
                else:
                    log(f"caravan-indexer on {args.docs} documents")
                    indexing = index_caravan(build, corpus, index, args.docs)
                requests = run_caravan(build, index, queries_file, args, tmp)
            elif engine == "sphinx":
                indexing, requests = run_sphinx(build, corpus, queries_file, args, tmp, args.docs)
            elif engine == "xapian":
                indexing, requests = run_xapian(build, corpus, queries_file, args, tmp, args.docs)
            else:
                sys.exit(f"bench-peers: unknown engine {engine}")
            results["engines"][engine] = {"indexing": indexing, "requests": requests}
        if "caravan" in engines and not args.no_bare:
            bare = os.path.join(tmp, "bare.jsonl")
            strip_given(corpus, bare)
            log(f"caravan-indexer on {args.docs} bare documents")
            results["caravan-bare"] = index_caravan(build, bare, os.path.join(tmp, "caravan-bare"), args.docs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report(results)
    path = os.path.join(build, "bench-peers-results.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1, ensure_ascii=False)
    log(f"JSON summary: {path}")
    problems = check_answers(results)
    for problem in problems:
        log(f"problem: {problem}")
    if args.check and problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
