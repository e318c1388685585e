"""The printed tables of make bench (run_bench.py builds the results dictionary)."""

KINDS = ("word-frequent", "word-rare", "phrase", "filtered", "no-facets", "doc")


def table(headers, rows):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))
    print()


def ratio(new, old):
    return f"x{new / old:.2f}" if old else "-"


def print_report(results):
    sizes = sorted(results["sizes"], key=int)
    print(f"Caravan benchmark, {results['date']}: corpora of {' and '.join(f'{int(s):,}' for s in sizes)} "
          f"documents (half English, half Russian; seed {results['seed']})\n")

    print("Indexing (caravan-indexer build, wall time including compaction; MB = input JSON Lines)")
    rows = []
    for size in sizes:
        i = results["sizes"][size]["indexing"]
        rows.append([f"{i['docs']:,}", f"{i['input_mb']:.1f}", f"{i['seconds']:.1f}", f"{i['docs_per_s']:.0f}",
                     f"{i['mb_per_s']:.2f}", f"{i['index_mb']:.1f}", f"{i['peak_rss_mb']:.0f}"])
    table(["docs", "input MB", "seconds", "docs/s", "MB/s", "index MB", "peak RSS MB"], rows)

    print(f"Query latency, ms: /api/search top 10 + all facets exact; client round trip and server took_ms;")
    print(f"p50/p95/p99 are medians over {results['runs']} runs, each sending every query {results['repeat']} times")
    rows = []
    for size in sizes:
        latency = results["sizes"][size]["latency"]
        for kind in KINDS:
            if kind not in latency:
                continue
            k = latency[kind]
            rows.append([f"{int(size):,}", kind, k["queries"], f"{k['mean_matches']:.0f}",
                         *(f"{k['latency_ms'][p]:.2f}" for p in ("p50", "p95", "p99")),
                         *(f"{k['took_ms'][p]:.2f}" for p in ("p50", "p95", "p99"))])
    table(["docs", "kind", "queries", "matches", "p50", "p95", "p99", "took p50", "took p95", "took p99"], rows)

    print("Throughput (wrk, keep-alive, round-robin over the queries above except no-facets)")
    rows = []
    for size in sizes:
        for t in results["sizes"][size]["throughput"]:
            if t is None:
                continue
            l = t["latency_ms"]
            rows.append([f"{int(size):,}", t["concurrency"], f"{t['seconds']:.0f}", t["requests"],
                         f"{t['requests_per_s']:.1f}", f"{l['p50']:.2f}", f"{l['p95']:.2f}", f"{l['p99']:.2f}"])
    if rows:
        table(["docs", "concurrency", "seconds", "requests", "requests/s", "p50 ms", "p95 ms", "p99 ms"], rows)
    else:
        print("(skipped: wrk is not installed)\n")
    rss = ", ".join(f"{int(s):,} docs {results['sizes'][s]['searchd_peak_rss_mb']:.0f} MB" for s in sizes)
    print(f"caravan-searchd peak RSS: {rss}\n")

    if len(sizes) < 2:
        return
    small, large = results["sizes"][sizes[0]], results["sizes"][sizes[-1]]
    print(f"Growth from {int(sizes[0]):,} to {int(sizes[-1]):,} documents (x{int(sizes[-1]) / int(sizes[0]):.1f}); "
          f"linear growth would be x{int(sizes[-1]) / int(sizes[0]):.1f} or less")
    rows = [["indexing seconds", ratio(large["indexing"]["seconds"], small["indexing"]["seconds"])],
            ["index size", ratio(large["indexing"]["index_mb"], small["indexing"]["index_mb"])],
            ["indexer peak RSS", ratio(large["indexing"]["peak_rss_mb"], small["indexing"]["peak_rss_mb"])]]
    for kind in KINDS:
        a, b = small["latency"].get(kind), large["latency"].get(kind)
        if a and b:
            rows.append([f"{kind} matches", ratio(b["mean_matches"], a["mean_matches"])])
            rows.append([f"{kind} p50 / p95 latency", f"{ratio(b['latency_ms']['p50'], a['latency_ms']['p50'])} / "
                                                      f"{ratio(b['latency_ms']['p95'], a['latency_ms']['p95'])}"])
    pairs = [(t1, t2) for t1, t2 in zip(small["throughput"], large["throughput"]) if t1 and t2]
    for t1, t2 in pairs:
        rows.append([f"requests/s at concurrency {t1['concurrency']}", ratio(t2["requests_per_s"], t1["requests_per_s"])])
    table(["measure", "ratio"], rows)
