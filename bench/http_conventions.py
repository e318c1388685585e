#!/usr/bin/env python3
# What gzip and revalidation save on a running searchd: bytes sent and time per answer.
"""Usage: bench/http_conventions.py http://127.0.0.1:8080 [--rounds 200]

For each request below, on one kept-alive connection: the answer's size plain and gzipped,
and the median time of a plain 200, a gzipped 200 and a 304 revalidation (If-None-Match
with the answer's ETag), each over ROUNDS requests; and what zlib alone costs: the median time
to gzip the plain answer in this process (Python's zlib, the same libz and default level as
searchd's). Prints one line per request.
"""

import argparse
import http.client
import statistics
import time
import urllib.parse
import zlib

REQUESTS = [
    "/api/search?q=precursors",
    "/api/search?q=" + urllib.parse.quote("совещание"),
    "/api/search?q=&size=50",
    "/api/suggest?q=drug%20tr",
    "/feed.atom?q=precursors",
]


def timed(connection, path, headers):
    start = time.perf_counter()
    connection.request("GET", path, headers=headers)
    answer = connection.getresponse()
    body = answer.read()
    return time.perf_counter() - start, answer, body


def median_ms(connection, path, headers, rounds, expected_status):
    times = []
    for _ in range(rounds):
        seconds, answer, _ = timed(connection, path, headers)
        if answer.status != expected_status:
            raise SystemExit(f"{path}: {answer.status}, expected {expected_status}")
        times.append(seconds)
    return statistics.median(times) * 1000


def zlib_ms(body, rounds):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, 31)
        packer.compress(body)
        packer.flush()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    url = urllib.parse.urlsplit(args.base)
    connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=10)
    print(f"{'request':42} {'plain B':>8} {'gzip B':>7} {'200 ms':>7} {'gzip ms':>7} {'304 ms':>7} {'zlib ms':>7}")
    for path in REQUESTS:
        _, plain, plain_body = timed(connection, path, {"Accept-Encoding": "identity"})
        _, zipped, zipped_body = timed(connection, path, {"Accept-Encoding": "gzip"})
        tag = plain.getheader("ETag")
        plain_ms = median_ms(connection, path, {"Accept-Encoding": "identity"}, args.rounds, 200)
        gzip_ms = median_ms(connection, path, {"Accept-Encoding": "gzip"}, args.rounds, 200)
        revalidated_ms = median_ms(connection, path, {"If-None-Match": tag}, args.rounds, 304)
        print(f"{urllib.parse.unquote(path):42} {len(plain_body):8} {len(zipped_body):7} {plain_ms:7.2f} {gzip_ms:7.2f} "
              f"{revalidated_ms:7.2f} {zlib_ms(plain_body, args.rounds):7.3f}")


if __name__ == "__main__":
    main()
