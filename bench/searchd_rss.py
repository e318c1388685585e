#!/usr/bin/env python3
"""searchd's resident memory after serving queries: VmRSS and VmHWM of caravan-searchd on INDEX.

Usage: searchd_rss.py --build BUILD --index INDEX --queries FILE [--count 200] [--port 18731]
Starts BUILD/searchd/caravan-searchd on 127.0.0.1:PORT, sends the first COUNT queries of FILE (one a
line, default request), prints the figures from /proc and stops the server.
"""
import argparse
import re
import subprocess
import time
import urllib.parse
import urllib.request


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--index", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--port", type=int, default=18731)
    args = parser.parse_args()
    base = f"http://127.0.0.1:{args.port}/api/search?q="
    server = subprocess.Popen([f"{args.build}/searchd/caravan-searchd", "--index", args.index, "--listen",
                               f"127.0.0.1:{args.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base, timeout=30).read()
                break
            except OSError:
                time.sleep(0.2)
        with open(args.queries, encoding="utf-8") as lines:
            queries = [line.strip() for line in lines if line.strip()][: args.count]
        for query in queries:
            urllib.request.urlopen(base + urllib.parse.quote(query), timeout=60).read()
        with open(f"/proc/{server.pid}/status", encoding="ascii") as status:
            text = status.read()
        rss, hwm = (int(re.search(rf"{key}:\s+(\d+)", text).group(1)) for key in ("VmRSS", "VmHWM"))
        print(f"{args.build}: {len(queries)} queries, VmRSS {rss / 1024:.1f} MB, VmHWM {hwm / 1024:.1f} MB")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
