#!/usr/bin/env python3
"""make profile-searchd: where caravan-searchd spends its CPU on the bench-peers queries.

Generates the bench-peers corpus and queries (bench/run_peers.py, same seed), indexes them with
caravan-indexer (or takes --index), serves the index with caravan-searchd on 127.0.0.1 and
records `perf record --call-graph dwarf` of searchd over one latency run of the client (a warm-up
pass of the queries and one measured pass) with the given request parameters. Prints server CPU per query and the inclusive
share of samples of the stages of a search (snippets, spelling, matching, stored data, JSON,
query parsing, per-request revision checks). Bounded: one pass of the queries, then it stops.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
import run_peers  # noqa: E402  (corpus, queries, /proc readers)

HERE = os.path.dirname(os.path.abspath(__file__))
# Stage name -> a frame that every sample of that stage has on its stack.
STAGES = [
    ("searcher (all of a search)", "caravan::Searcher::search_on"),
    ("snippets (MSet::snippet)", "Xapian::MSet::Internal::snippet"),
    ("snippets (SnippetMaker)", "caravan::SnippetMaker::snippet"),
    ("titles (SnippetMaker)", "caravan::SnippetMaker::marked"),
    ("stemming (anywhere)", "Xapian::Stem::operator()"),
    ("spelling suggestions", "Xapian::Database::get_spelling_suggestion"),
    ("matching and facet counting", "Xapian::Enquire::Internal::get_mset"),
    ("reading stored data (zlib)", "Xapian::Document::Internal::get_data"),
    ("decoding stored data", "hit_from_data"),
    ("query parsing", "caravan::QueryBuilder::parse"),
    ("extra highlights", "caravan::ExtraHighlights::mark"),
    ("JSON of the answer", "caravan::search_result_json"),
    ("index lease (reopen)", "caravan::IndexPool::acquire"),
    ("ETag revision", "caravan::HttpCaching::entity_tag"),
]


def stacks(perf_data):
    """The samples of a perf.data file, each a list of frame names."""
    out = subprocess.run(["perf", "script", "-i", perf_data], capture_output=True, text=True, errors="replace").stdout
    samples, current = [], []
    for line in out.splitlines():
        if not line.strip() or not line[0].isspace():
            if current:
                samples.append(current)
            current = []
            continue
        frame = re.sub(r"^\s*[0-9a-f]+ ", "", line)
        current.append(re.sub(r" \((/|\[).*$", "", frame))
    if current:
        samples.append(current)
    return samples


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--params", default="", help='request parameters, e.g. "&snippets=0&relax=0"')
    parser.add_argument("--index", help="an index built from the same corpus, instead of indexing anew")
    parser.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared", "data"))
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--perf-data", help="keep perf.data there, for perf report")
    args = parser.parse_args()
    if not shutil.which("perf"):
        sys.exit("profile-searchd: needs perf (Debian's linux-perf)")
    build = os.path.abspath(args.build)
    tmp = tempfile.mkdtemp(prefix="caravan-profile.", dir="/tmp")
    try:
        corpus = os.path.join(tmp, "corpus.jsonl")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), "--docs", str(args.docs), "--entities",
                        "--seed", str(args.seed), "--shared", args.shared, "--out", corpus], check=True)
        queries = os.path.join(tmp, "queries.txt")
        with open(queries, "w", encoding="utf-8") as f:
            f.writelines(q + "\n" for q in run_peers.make_queries(corpus, args.queries, args.seed))
        index = args.index or os.path.join(tmp, "index")
        if not args.index:
            run_peers.index_caravan(build, corpus, index, args.docs)
        profile(build, index, queries, args.params, tmp)
        if args.perf_data:
            shutil.copy(os.path.join(tmp, "perf.data"), args.perf_data)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def profile(build, index, queries, params, tmp):
    errors = open(os.path.join(tmp, "searchd.err"), "w")
    proc = subprocess.Popen([f"{build}/searchd/caravan-searchd", "--index", index, "--listen", "127.0.0.1:0"],
                            stdout=subprocess.PIPE, stderr=errors, text=True)
    try:
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", proc.stdout.readline())
        if not found:
            sys.exit("profile-searchd: caravan-searchd did not start")
        client = [f"{build}/bench/caravan-bench-peer-caravan", "--port", found.group(1), "--params", params,
                  "--queries", queries, "--mode", "latency", "--passes", "1"]
        perf_data = os.path.join(tmp, "perf.data")
        recorder = subprocess.Popen(["perf", "record", "-q", "-F", "499", "--call-graph", "dwarf,32768", "-o", perf_data,
                                     "-p", str(proc.pid)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cpu_before = run_peers.proc_cpu_s(proc.pid)
        subprocess.run(client, check=True, capture_output=True)
        cpu = run_peers.proc_cpu_s(proc.pid) - cpu_before
        recorder.send_signal(2)
        recorder.wait(timeout=600)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        errors.close()
    count = 2 * sum(1 for _ in open(queries, encoding="utf-8"))  # the warm-up pass and the measured one
    samples = stacks(perf_data)
    print(f"caravan-searchd, params '{params}': {count} requests, server CPU {cpu * 1000 / count:.2f} ms/query, "
          f"{len(samples)} samples")
    for name, frame in STAGES:
        share = sum(1 for s in samples if any(frame in f for f in s)) / max(1, len(samples))
        print(f"  {name:<30} {100 * share:5.1f}%")


if __name__ == "__main__":
    main()
