#!/usr/bin/env python3
# Slowloris, idle keep-alive and oversized-head clients against searchd behind the shipped nginx config (deploy/nginx).
"""Starts an index build, caravan-searchd and Debian's nginx on loopback (all in a temp dir),
with an nginx.conf that includes deploy/nginx/caravan.conf (only its upstream address and
listen port rewritten), then measures a normal client at 127.0.0.1 while attackers bound to
127.0.0.2 and up hold slow or idle connections. Asserted: through nginx, the normal client's
answers all come within 1 s, and memory stays bounded. Direct-to-searchd figures are printed only.
"""

import argparse
import errno
import http.client
import os
import random
import re
import resource
import selectors
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

NGINX = "/usr/sbin/nginx"
BAR_S = 1.0  # the normal client's answer bar
NORMAL_REQUESTS = 20
NORMAL_GAP_S = 0.1  # between the normal client's requests (under limit_req's rate)
NORMAL_TIMEOUT_S = 3.0
SLOWLORIS = 200
IDLE = 2000
SILENT = 500
OVERSIZE_DIRECT = 8
OPEN_RATE = 1000  # attackers' new connections per second (--open-rate)
RSS_GROWTH_MB = 50  # searchd, oversized heads direct
NGINX_RSS_GROWTH_MB = 64  # nginx, per scenario

CHECKS = {"passed": 0, "failed": 0}


def check(ok, what):
    CHECKS["passed" if ok else "failed"] += 1
    print(("  ok    " if ok else "  FAIL  ") + what, flush=True)
    return ok


def die(message):
    print("slow_clients: " + message, file=sys.stderr, flush=True)
    sys.exit(2)


# ---------------------------------------------------------------- processes


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        found = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as f:
                        if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                            found.append(int(entry))
                except (OSError, ValueError, IndexError):
                    pass
        return found


class Stack:
    """The index, searchd and nginx of one run, in one temp dir."""

    def __init__(self, args):
        self.args = args
        self.tmp = tempfile.mkdtemp(prefix="caravan-slow-clients-")
        self.searchd = None
        self.nginx = None

    def start(self):
        index = os.path.join(self.tmp, "index")
        subprocess.run([self.args.indexer, "build", "--quiet", "--out", index,
                        os.path.join(self.args.source, "data", "demo")],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
        cmd = [self.args.searchd, "--index", index, "--listen", "127.0.0.1:0",
               "--web", os.path.join(self.args.source, "web")] + self.args.searchd_arg
        self.searchd_log = open(os.path.join(self.tmp, "searchd.err"), "w")
        self.searchd = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self.searchd_log, text=True)
        line = self.searchd.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            die(f"searchd did not start: {line!r}; see {self.tmp}/searchd.err")
        self.searchd_port = int(m.group(1))
        threading.Thread(target=self.searchd.stdout.read, daemon=True).start()
        self.nginx_port = free_port()
        self.start_nginx()

    def start_nginx(self):
        ndir = os.path.join(self.tmp, "nginx")
        os.makedirs(ndir)
        os.chmod(self.tmp, 0o755)  # nginx workers run as nobody when the test runs as root
        os.chmod(ndir, 0o755)
        shipped = os.path.join(self.args.source, "deploy", "nginx", "caravan.conf")
        with open(shipped) as f:
            conf = f.read()
        # The shipped file, with only the two addresses that differ on a test box rewritten.
        conf, n_up = re.subn(r"(upstream caravan_searchd \{[^}]*?\bserver )127\.0\.0\.1:8080;",
                             rf"\g<1>127.0.0.1:{self.searchd_port};", conf)
        conf, n_listen = re.subn(r"(?m)^(\s*)listen 80;", rf"\g<1>listen 127.0.0.1:{self.nginx_port};", conf)
        if n_up != 1 or n_listen != 1:
            die(f"{shipped}: expected one 'server 127.0.0.1:8080;' in upstream caravan_searchd and one "
                f"'listen 80;', found {n_up} and {n_listen}")
        with open(os.path.join(ndir, "caravan.conf"), "w") as f:
            f.write(conf)
        # Main and http context as deploy/nginx/README.md recommends for /etc/nginx/nginx.conf.
        main = f"""# generated by tests/proxy/slow_clients.py
daemon off;
worker_processes auto;
pid {ndir}/nginx.pid;
error_log {ndir}/error.log warn;
worker_rlimit_nofile 8192;
events {{ worker_connections 4096; }}
http {{
    access_log {ndir}/access.log;
    client_body_temp_path {ndir}/body;
    proxy_temp_path {ndir}/proxy;
    fastcgi_temp_path {ndir}/fastcgi;
    uwsgi_temp_path {ndir}/uwsgi;
    scgi_temp_path {ndir}/scgi;
    include {ndir}/caravan.conf;
}}
"""
        self.nginx_conf = os.path.join(ndir, "nginx.conf")
        with open(self.nginx_conf, "w") as f:
            f.write(main)
        base = [NGINX, "-p", ndir + "/", "-e", os.path.join(ndir, "error.log"), "-c", self.nginx_conf]
        t = subprocess.run(base + ["-t", "-q"], capture_output=True, text=True)
        if t.returncode != 0:
            die("nginx -t rejects the config:\n" + t.stderr)
        self.nginx_log = open(os.path.join(ndir, "stderr"), "w")
        self.nginx = subprocess.Popen(base, stdout=self.nginx_log, stderr=self.nginx_log)
        deadline = time.monotonic() + 10
        while True:
            try:
                status, _, _ = request(self.nginx_port, "/healthz", timeout=1)
                if status == 200:
                    return
            except OSError:
                pass
            if self.nginx.poll() is not None or time.monotonic() > deadline:
                with open(os.path.join(ndir, "error.log")) as f:
                    die("nginx did not start:\n" + f.read())
            time.sleep(0.1)

    def nginx_rss_kb(self):
        if not self.nginx or self.nginx.poll() is not None:
            return 0
        return rss_kb(self.nginx.pid) + sum(rss_kb(c) for c in children(self.nginx.pid))

    def searchd_rss_kb(self):
        return rss_kb(self.searchd.pid) if self.searchd else 0

    def stop(self):
        for proc in (self.nginx, self.searchd):
            if proc and proc.poll() is None:
                workers = children(proc.pid) if proc is self.nginx else []
                proc.send_signal(signal.SIGTERM)  # nginx: fast shutdown
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    for pid in workers:
                        try:
                            os.kill(pid, signal.SIGKILL)
                        except ProcessLookupError:
                            pass
                    proc.kill()
                    proc.wait()
        if self.args.keep:
            print(f"kept {self.tmp}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)


# ---------------------------------------------------------------- the normal client


def request(port, path, timeout=NORMAL_TIMEOUT_S, source="127.0.0.1"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    try:
        conn.request("GET", path, headers={"Host": "caravan.example.org"})
        res = conn.getresponse()
        body = res.read()
        return res.status, res.getheaders(), body
    finally:
        conn.close()


def normal_client(port, deadline=None, count=NORMAL_REQUESTS):
    """count requests on fresh connections; returns (latencies of 200s, errors, tried)."""
    latencies, errors, tried = [], [], 0
    paths = ["/api/search?q=%D0%B0%D0%BA%D1%86%D0%B8%D1%8F", "/healthz", "/api/search?q=news", "/api/stats"]
    for i in range(count):
        now = time.monotonic()
        if deadline is not None and now >= deadline:
            break
        timeout = NORMAL_TIMEOUT_S if deadline is None else max(0.2, min(NORMAL_TIMEOUT_S, deadline - now))
        tried += 1
        start = time.monotonic()
        try:
            status, _, _ = request(port, paths[i % len(paths)], timeout=timeout)
            elapsed = time.monotonic() - start
            if status == 200:
                latencies.append(elapsed)
            else:
                errors.append(f"HTTP {status}")
        except OSError as e:
            errors.append(f"{type(e).__name__} after {time.monotonic() - start:.1f}s")
        time.sleep(NORMAL_GAP_S)
    return latencies, errors, tried


def summary(latencies, errors, tried):
    if latencies:
        text = f"{len(latencies)}/{tried} answered, median {statistics.median(latencies) * 1000:.0f} ms, " \
               f"max {max(latencies) * 1000:.0f} ms"
    else:
        text = f"0/{tried} answered"
    if errors:
        text += f", errors: {len(errors)} ({', '.join(sorted(set(errors))[:3])})"
    return text


def bar_holds(latencies, errors, tried):
    return tried == NORMAL_REQUESTS and not errors and len(latencies) == tried and max(latencies) < BAR_S


# ---------------------------------------------------------------- attackers


class Conn:
    __slots__ = ("sock", "kind", "src", "state", "inbuf", "next_drip", "opened", "status")


class Swarm:
    """Many attacking connections, one thread, one selector.

    slow:   a partial request head, then one header byte every 1-4 s; reconnects when cut.
    idle:   one complete request, reads the answer, then stays idle; no reconnect.
    silent: connects and sends nothing; reconnects when cut.
    """

    HEAD = b"GET /api/search?q=slow HTTP/1.1\r\nHost: caravan.example.org\r\nUser-Agent: slowloris\r\n"
    DRIP = b"X-Slow: a\r\n"
    IDLE_REQUEST = b"GET /healthz HTTP/1.1\r\nHost: caravan.example.org\r\n\r\n"

    def __init__(self, port, first_source=2, sources=100):
        self.open_rate = OPEN_RATE
        self.addr = ("127.0.0.1", port)
        self.sources = [f"127.0.0.{first_source + i}" for i in range(sources)]
        self.sel = selectors.DefaultSelector()
        self.wanted = []  # (kind, reconnect) to open
        self.live = set()
        self.stop_flag = threading.Event()
        self.lock = threading.Lock()
        self.stats = {"opened": 0, "connect_errors": 0, "cut": 0, "answered": 0, "statuses": {}, "cut_after": []}
        self.reconnect = {}
        self.next_source = 0
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.budget, self.budget_time = 0.0, time.monotonic()

    def add(self, kind, count, reconnect):
        self.reconnect[kind] = reconnect
        with self.lock:
            self.wanted.extend([kind] * count)

    def count(self, kind=None, state=None):
        with self.lock:
            return sum(1 for c in self.live if (kind is None or c.kind == kind) and (state is None or c.state == state))

    def open(self, kind):
        src = self.sources[self.next_source % len(self.sources)]
        self.next_source += 1
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        try:
            s.bind((src, 0))
            err = s.connect_ex(self.addr)
        except OSError as e:
            err = e.errno
        if err not in (0, errno.EINPROGRESS):
            s.close()
            self.stats["connect_errors"] += 1
            return False
        c = Conn()
        c.sock, c.kind, c.src, c.state, c.inbuf, c.next_drip, c.opened, c.status = \
            s, kind, src, "connecting", b"", 0.0, time.monotonic(), None
        self.live.add(c)
        self.sel.register(s, selectors.EVENT_WRITE, c)
        return True

    def drop(self, c, cut):
        self.sel.unregister(c.sock)
        c.sock.close()
        self.live.discard(c)
        if cut:
            self.stats["cut"] += 1
            self.stats["cut_after"].append(time.monotonic() - c.opened)
            if self.reconnect.get(c.kind):
                self.wanted.append(c.kind)

    def on_connected(self, c):
        err = c.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if err:
            self.stats["connect_errors"] += 1
            self.drop(c, cut=False)
            if self.reconnect.get(c.kind):
                self.wanted.append(c.kind)
            return
        self.stats["opened"] += 1
        try:
            if c.kind == "slow":
                c.sock.send(self.HEAD)
                c.next_drip = time.monotonic() + random.uniform(1, 4)
                c.state = "dripping"
            elif c.kind == "idle":
                c.sock.send(self.IDLE_REQUEST)
                c.state = "waiting"
            else:
                c.state = "silent"
        except OSError:
            self.drop(c, cut=True)
            return
        self.sel.modify(c.sock, selectors.EVENT_READ, c)

    def on_readable(self, c):
        try:
            data = c.sock.recv(65536)
        except OSError:
            data = b""
        if not data:
            self.drop(c, cut=True)
            return
        if c.kind != "idle" or c.state != "waiting":
            return  # e.g. an error page before the close; the close follows
        c.inbuf += data
        head, sep, body = c.inbuf.partition(b"\r\n\r\n")
        if not sep:
            return
        m = re.search(rb"(?im)^content-length:\s*(\d+)", head)
        if m and len(body) < int(m.group(1)):
            return
        status = int(head.split(None, 2)[1])
        c.status = status
        self.stats["statuses"][status] = self.stats["statuses"].get(status, 0) + 1
        self.stats["answered"] += 1
        c.state = "idle"
        c.inbuf = b""

    def run(self):
        while not self.stop_flag.is_set():
            with self.lock:
                now = time.monotonic()
                self.budget = min(100.0, self.budget + (now - self.budget_time) * self.open_rate)
                self.budget_time = now
                while self.wanted and self.budget >= 1:
                    self.budget -= 1
                    self.open(self.wanted.pop())
                events = self.sel.select(0) if self.live else []
                for key, mask in events:
                    c = key.data
                    if c.state == "connecting":
                        self.on_connected(c)
                    elif c in self.live:
                        self.on_readable(c)
                now = time.monotonic()
                for c in [c for c in self.live if c.state == "dripping" and c.next_drip <= now]:
                    try:
                        c.sock.send(self.DRIP[random.randrange(len(self.DRIP))].to_bytes(1, "big"))
                        c.next_drip = now + random.uniform(1, 4)
                    except OSError:
                        self.drop(c, cut=True)
            if not events:
                self.stop_flag.wait(0.02)

    def start(self):
        self.thread.start()
        return self

    def wait(self, predicate, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.05)
        return predicate()

    def stop(self):
        self.stop_flag.set()
        self.thread.join()
        for c in list(self.live):
            self.sel.unregister(c.sock)
            c.sock.close()
        self.live.clear()
        self.sel.close()


def describe(sw):
    st = sw.stats
    text = f"opened {st['opened']}, connect errors {st['connect_errors']}, cut by server {st['cut']}"
    if st["cut_after"]:
        text += f" (after median {statistics.median(st['cut_after']):.1f} s)"
    if st["statuses"]:
        text += ", answers " + ", ".join(f"{k}: {v}" for k, v in sorted(st["statuses"].items()))
    return text


class Sampler:
    """Samples how many attacking connections are open while the normal client runs."""

    def __init__(self, sw, kind):
        self.sw, self.kind, self.samples = sw, kind, []
        self.stop_flag = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self.stop_flag.is_set():
            self.samples.append(self.sw.count(self.kind))
            self.stop_flag.wait(0.1)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop_flag.set()
        self.thread.join()

    def text(self):
        return f"{self.kind} open during measurement: min {min(self.samples)}, max {max(self.samples)}" \
            if self.samples else ""


# ---------------------------------------------------------------- scenarios


def listen_overflows():
    """System-wide count of connections dropped on a full accept queue (searchd's backlog is 5)."""
    try:
        with open("/proc/net/netstat") as f:
            lines = [line.split() for line in f if line.startswith("TcpExt:")]
        return int(lines[1][lines[0].index("ListenOverflows")])
    except (OSError, ValueError, IndexError):
        return 0


def rss_line(stack, label, nginx_start, searchd_start, overflows_start):
    print(f"  {label}: RSS nginx {nginx_start / 1024:.1f} -> {stack.nginx_rss_kb() / 1024:.1f} MB, "
          f"searchd {searchd_start / 1024:.1f} -> {stack.searchd_rss_kb() / 1024:.1f} MB; "
          f"listen queue overflows +{listen_overflows() - overflows_start}", flush=True)


def slowloris(stack, port, label, asserted, duration):
    print(f"[{label}] {SLOWLORIS} slowloris connections from 127.0.0.2-101", flush=True)
    n0, s0, o0 = stack.nginx_rss_kb(), stack.searchd_rss_kb(), listen_overflows()
    sw = Swarm(port).start()
    sw.add("slow", SLOWLORIS, reconnect=True)
    held = sw.wait(lambda: sw.count("slow", "dripping") >= SLOWLORIS, 10)
    time.sleep(1.0)  # let them get picked up (direct: by searchd's threads)
    with Sampler(sw, "slow") as sampler:
        result = normal_client(port, deadline=None if asserted else time.monotonic() + duration)
        if asserted:  # keep the pressure on past one client_header_timeout
            time.sleep(max(0.0, duration - 1.0 - NORMAL_REQUESTS * NORMAL_GAP_S))
    sw.stop()
    print(f"  normal client: {summary(*result)}")
    print(f"  attackers: {describe(sw)}; {sampler.text()}")
    rss_line(stack, "memory", n0, s0, o0)
    if asserted:
        check(held and min(sampler.samples) >= SLOWLORIS * 0.9,
              f"{label}: the {SLOWLORIS} slowloris connections were held during the measurement")
        check(bar_holds(*result), f"{label}: normal client {NORMAL_REQUESTS}/{NORMAL_REQUESTS} answered 200 within {BAR_S} s")
        check(stack.nginx_rss_kb() - n0 < NGINX_RSS_GROWTH_MB * 1024 and
              stack.searchd_rss_kb() - s0 < RSS_GROWTH_MB * 1024, f"{label}: memory bounded")


def idle(stack, port, label, asserted, duration):
    print(f"[{label}] {IDLE} idle keep-alive connections + {SILENT} silent ones from 127.0.0.2-201", flush=True)
    n0, s0, o0 = stack.nginx_rss_kb(), stack.searchd_rss_kb(), listen_overflows()
    sw = Swarm(port, sources=200).start()
    sw.add("idle", IDLE, reconnect=False)
    start = time.monotonic()
    answered = sw.wait(lambda: sw.stats["answered"] + sw.stats["cut"] + sw.stats["connect_errors"] >= IDLE,
                       12 if asserted else 3)
    ramp = time.monotonic() - start
    sw.add("silent", SILENT, reconnect=True)
    sw.wait(lambda: sw.count("silent", "silent") >= SILENT, 5 if asserted else 2)
    with Sampler(sw, "idle") as sampler:
        result = normal_client(port, deadline=None if asserted else max(time.monotonic() + 3, start + duration))
    idle_open = sw.count("idle")
    silent_open = sw.count("silent")
    sw.stop()
    print(f"  idle clients answered in {ramp:.1f} s" + ("" if answered else " (not all)"))
    print(f"  normal client: {summary(*result)}")
    print(f"  attackers: {describe(sw)}; {sampler.text()}; at the end {idle_open} idle and {silent_open} silent open")
    rss_line(stack, "memory", n0, s0, o0)
    if asserted:
        ok_answers = sw.stats["statuses"].get(200, 0)
        check(answered and ok_answers >= IDLE * 0.9 and min(sampler.samples) >= IDLE * 0.9,
              f"{label}: {ok_answers} of {IDLE} idle clients got 200 and stayed connected "
              f"(min {min(sampler.samples) if sampler.samples else 0} open)")
        check(bar_holds(*result), f"{label}: normal client {NORMAL_REQUESTS}/{NORMAL_REQUESTS} answered 200 within {BAR_S} s")
        check(stack.nginx_rss_kb() - n0 < NGINX_RSS_GROWTH_MB * 1024 and
              stack.searchd_rss_kb() - s0 < RSS_GROWTH_MB * 1024, f"{label}: memory bounded")


def big_head(kind):
    if kind == "200 headers":
        headers = "".join(f"X-Pad-{i}: {'v' * 20}\r\n" for i in range(200))
    else:  # 1 MB of headers, 1 KiB each
        headers = "".join(f"X-Pad-{i}: {'v' * 1000}\r\n" for i in range(1024))
    return f"GET /api/search?q=x HTTP/1.1\r\nHost: caravan.example.org\r\n{headers}\r\n".encode()


def send_big_head(port, data, timeout=10.0):
    """Sends data while reading; returns (status or None if closed without one, seconds)."""
    start = time.monotonic()
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.setblocking(False)
    sel = selectors.DefaultSelector()
    sel.register(s, selectors.EVENT_READ | selectors.EVENT_WRITE)
    sent, inbuf, status = 0, b"", None
    try:
        while time.monotonic() - start < timeout:
            for _, mask in sel.select(0.5):
                if mask & selectors.EVENT_READ:
                    try:
                        chunk = s.recv(65536)
                    except OSError:
                        chunk = b""
                    if not chunk:
                        return status, time.monotonic() - start
                    inbuf += chunk
                    m = re.match(rb"HTTP/1\.[01] (\d{3})", inbuf)
                    if m and b"\r\n\r\n" in inbuf:
                        return int(m.group(1)), time.monotonic() - start
                if mask & selectors.EVENT_WRITE and sent < len(data):
                    try:
                        sent += s.send(data[sent:sent + 65536])
                    except OSError:
                        pass  # reset while sending: read what came back
                    if sent >= len(data):
                        sel.modify(s, selectors.EVENT_READ)
        return status, time.monotonic() - start
    finally:
        sel.close()
        s.close()


def oversized(stack):
    print("[d] oversized heads: 200 headers, 1 MB of headers", flush=True)
    for kind in ("200 headers", "1 MB"):
        status, took = send_big_head(stack.nginx_port, big_head(kind))
        print(f"  via nginx, {kind}: {status or 'closed without an answer'} in {took * 1000:.0f} ms")
        check(status is not None and 400 <= status < 500 and took < BAR_S,
              f"d via nginx: {kind} -> 4xx within {BAR_S} s")
    status, took = send_big_head(stack.searchd_port, big_head("200 headers"))
    print(f"  direct, 200 headers: {status or 'closed without an answer'} in {took * 1000:.0f} ms")
    check(status is None or 400 <= status < 500, "d direct: 200 headers -> 4xx or closed")
    before = stack.searchd_rss_kb()
    results = [None] * OVERSIZE_DIRECT

    def one(i):
        try:
            results[i] = send_big_head(stack.searchd_port, big_head("1 MB"))
        except OSError as e:
            results[i] = (None, 0.0)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(OVERSIZE_DIRECT)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    time.sleep(0.2)
    after = stack.searchd_rss_kb()
    statuses = [r[0] for r in results]
    print(f"  direct, {OVERSIZE_DIRECT} x 1 MB at once: {', '.join(str(s or 'closed') for s in statuses)} "
          f"in max {max(r[1] for r in results) * 1000:.0f} ms; searchd RSS {before / 1024:.1f} -> {after / 1024:.1f} MB")
    check(all(s is None or 400 <= s < 500 for s in statuses), f"d direct: {OVERSIZE_DIRECT} x 1 MB -> 4xx or closed")
    check(after - before < RSS_GROWTH_MB * 1024, f"d direct: searchd RSS grew < {RSS_GROWTH_MB} MB")


def recover(port, timeout):
    """Waits until searchd answers again after a direct scenario; returns seconds."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if request(port, "/healthz", timeout=1)[0] == 200:
                return time.monotonic() - start
        except OSError:
            pass
    return None


# ---------------------------------------------------------------- main


def raise_nofile(need):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < need:
        die(f"RLIMIT_NOFILE hard limit {hard} < {need} needed (ulimit -Hn)")
    if soft == resource.RLIM_INFINITY or soft < need:
        resource.setrlimit(resource.RLIMIT_NOFILE, (need, hard))


def main():
    global OPEN_RATE
    here = os.path.dirname(os.path.abspath(__file__))
    source = os.path.normpath(os.path.join(here, "..", ".."))
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--source", default=source, help="the source tree (deploy/, data/demo, web/)")
    p.add_argument("--indexer", default=os.path.join(source, "build", "indexer", "caravan-indexer"))
    p.add_argument("--searchd", default=os.path.join(source, "build", "searchd", "caravan-searchd"))
    p.add_argument("--searchd-arg", action="append", default=[], help="extra searchd flag (repeatable)")
    p.add_argument("--direct-seconds", type=float, default=10.0, help="length of each direct scenario")
    p.add_argument("--no-direct", action="store_true", help="skip the direct (unasserted) scenarios")
    p.add_argument("--open-rate", type=float, default=OPEN_RATE, help="attackers' new connections per second")
    p.add_argument("--keep", action="store_true", help="keep the temp dir (logs)")
    args = p.parse_args()
    OPEN_RATE = args.open_rate
    if not os.access(NGINX, os.X_OK):
        die(f"{NGINX} is missing: install Debian's nginx (scripts/install-deps.sh; apt-get install nginx)")
    for path in (args.indexer, args.searchd):
        if not os.access(path, os.X_OK):
            die(f"{path} is missing: build it first")
    raise_nofile(4 * (IDLE + SILENT) + 1024)  # the test's sockets, and searchd's in the direct scenarios

    t0 = time.monotonic()
    stack = Stack(args)
    try:
        stack.start()
        print(f"searchd :{stack.searchd_port} (pid {stack.searchd.pid}), nginx :{stack.nginx_port} "
              f"(pid {stack.nginx.pid}, {len(children(stack.nginx.pid))} workers), temp {stack.tmp}")
        print(f"start RSS: nginx {stack.nginx_rss_kb() / 1024:.1f} MB, searchd {stack.searchd_rss_kb() / 1024:.1f} MB",
              flush=True)

        print("[a] baseline")
        result = normal_client(stack.nginx_port)
        print(f"  via nginx: {summary(*result)}")
        check(bar_holds(*result), f"a via nginx: normal client {NORMAL_REQUESTS}/{NORMAL_REQUESTS} answered 200 within {BAR_S} s")
        print(f"  direct:    {summary(*normal_client(stack.searchd_port))}", flush=True)
        local_status = request(stack.nginx_port, "/metrics")[0]
        remote_status = request(stack.nginx_port, "/metrics", source="127.0.0.2")[0]
        check(local_status == 200 and remote_status == 403,
              f"a via nginx: /metrics for the monitoring address only ({local_status} local, {remote_status} other)")

        slowloris(stack, stack.nginx_port, "b via nginx", True, 7.0)
        idle(stack, stack.nginx_port, "c via nginx", True, 0)
        oversized(stack)

        if not args.no_direct:
            print("[e] direct to searchd, not asserted")
            slowloris(stack, stack.searchd_port, "e direct", False, args.direct_seconds)
            took = recover(stack.searchd_port, 15)
            print(f"  searchd answers again {'after %.1f s' % took if took is not None else 'NOT within 15 s'}")
            idle(stack, stack.searchd_port, "e direct", False, args.direct_seconds)
            took = recover(stack.searchd_port, 15)
            print(f"  searchd answers again {'after %.1f s' % took if took is not None else 'NOT within 15 s'}")

        print(f"end RSS: nginx {stack.nginx_rss_kb() / 1024:.1f} MB, searchd {stack.searchd_rss_kb() / 1024:.1f} MB; "
              f"{time.monotonic() - t0:.0f} s")
        alive = stack.searchd.poll() is None and stack.nginx.poll() is None
        check(alive, "searchd and nginx still running")
    finally:
        stack.stop()
    print(f"{CHECKS['passed']} passed, {CHECKS['failed']} failed")
    return 0 if CHECKS["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
