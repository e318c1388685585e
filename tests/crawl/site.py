#!/usr/bin/env python3
"""A small news site on 127.0.0.1 for the crawler's tests: robots.txt, a sitemap index of two
sitemaps, an RSS feed, English and Russian pages with ETag/Last-Modified (answering 304), a 404,
a redirect, a redirect loop, a slow page and a huge page.

Prints its port on the first line of stdout, then serves until killed. Each request is appended
to --log as "METHOD PATH STATUS USER-AGENT". POST /_control/change changes /ru/changing.html
(a new text and a new ETag), for the update test.
"""
import argparse
import hashlib
import http.server
import sys
import threading
import time

LAST_MODIFIED = "Mon, 02 Nov 2026 08:00:00 GMT"

ROBOTS = """# everyone else is kept out; caravan-indexer only of /private/
User-agent: *
Disallow: /

User-agent: caravan-indexer
User-agent: another-bot
Disallow: /private/
Allow: /private/open.html
"""


def page(lang, title, text, date=""):
    time_tag = f'<time datetime="{date}">{date}</time>' if date else ""
    return (f'<!DOCTYPE html><html lang="{lang}"><head><title>{title} | Site</title></head><body>'
            f'<nav>Home News Contacts</nav><article><h1>{title}</h1>{time_tag}<p>{text}</p></article>'
            f'<footer>Copyright</footer></body></html>')


class Site:
    def __init__(self):
        self.lock = threading.Lock()
        self.version = 1
        self.pages = {
            "/en/water.html": (page("en", "Desalination plant opens on the Caspian coast",
                                    "A desalination plant near Aktau will supply drinking water to 100,000 residents, "
                                    "officials said on Monday.", "2026-11-02"), "etag"),
            "/en/border.html": (page("en", "New border crossing speeds up freight",
                                     "Trucks now cross the border in under an hour after the checkpoint was rebuilt.",
                                     "2026-11-03"), "last-modified"),
            "/en/moved-here.html": (page("en", "Caravan of camels crosses the steppe",
                                         "Herders moved a caravan of camels across the steppe to winter pastures."),
                                    "both"),
            "/en/feed-only.html": (page("en", "Apricot harvest breaks records",
                                        "Orchards in the Fergana valley reported a record apricot harvest."), "both"),
            "/private/open.html": (page("en", "Open letter from the editors",
                                        "The editors thank their readers for a decade of support."), "both"),
            "/ru/news-1.html": (page("ru", "В Алматы открыли новую линию метро",
                                     "Новая линия метро соединила западные районы города с центром, сообщили "
                                     "в акимате.", "2026-11-04"), "both"),
        }

    def changing(self):
        with self.lock:
            version = self.version
        texts = {1: "Сейсмостойкость школ проверят до конца года.",
                 2: "Сейсмостойкость школ проверят до весны: обследование продлили."}
        text = texts.get(version, f"Сейсмостойкость школ: версия {version}.")
        return page("ru", "Проверка сейсмостойкости школ", text, "2026-11-05"), "both"

    def change(self):
        with self.lock:
            self.version += 1

    def lookup(self, path):
        if path == "/ru/changing.html":
            return self.changing()
        return self.pages.get(path)


def sitemap(base, paths, index=False):
    tag, entry = ("sitemapindex", "sitemap") if index else ("urlset", "url")
    items = "".join(f"<{entry}><loc>{base}{path}</loc></{entry}>" for path in paths)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<{tag} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</{tag}>')


def feed(base):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Site news</title><link>{base}/</link><language>en</language>
<item><title>Desalination plant opens</title><link>{base}/en/water.html</link><description>Short.</description></item>
<item><title>Apricot harvest</title><link>{base}/en/feed-only.html</link><description>Short.</description></item>
<item><title>Wind farm tender announced</title><description>The ministry announced a tender for a wind farm near the Dzungarian Gate.</description></item>
</channel></rss>"""


EN_SITEMAP = ["/en/water.html", "/en/border.html", "/missing.html", "/loop/a", "/moved", "/slow.html",
              "/huge.html", "/private/secret.html", "/private/open.html", "/data.json"]
RU_SITEMAP = ["/ru/news-1.html", "/ru/changing.html"]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    site = None
    log_path = None
    slow_seconds = 3.0
    huge_bytes = 3 << 20

    def log_message(self, *args):
        pass

    def record(self, status):
        with open(self.log_path, "a", encoding="utf-8") as log:
            log.write(f"{self.command} {self.path} {status} {self.headers.get('User-Agent', '-')}\n")

    def send(self, status, body=b"", content_type="text/html; charset=utf-8", headers=()):
        self.record(status)
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and status != 304:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (the slow page): that is the point

    def base(self):
        return f"http://{self.headers.get('Host')}"

    def do_POST(self):
        if self.path == "/_control/change":
            self.site.change()
            return self.send(204)
        self.send(404, b"not found", "text/plain")

    def do_GET(self):
        path = self.path
        if path == "/robots.txt":
            return self.send(200, ROBOTS.encode(), "text/plain")
        if path == "/sitemap_index.xml":
            return self.send(200, sitemap(self.base(), ["/sitemap-en.xml", "/sitemap-ru.xml"], True).encode(),
                             "application/xml")
        if path == "/sitemap-en.xml":
            return self.send(200, sitemap(self.base(), EN_SITEMAP).encode(), "application/xml")
        if path == "/sitemap-ru.xml":
            return self.send(200, sitemap(self.base(), RU_SITEMAP).encode(), "application/xml")
        if path == "/feed.rss":
            return self.send(200, feed(self.base()).encode(), "application/rss+xml")
        if path == "/moved":
            return self.send(301, b"", headers=[("Location", "/en/moved-here.html")])
        if path in ("/loop/a", "/loop/b"):
            return self.send(302, b"", headers=[("Location", "/loop/b" if path == "/loop/a" else "/loop/a")])
        if path == "/slow.html":
            time.sleep(self.slow_seconds)
            return self.send(200, page("en", "Slow", "This page is too slow.").encode())
        if path == "/huge.html":
            return self.send_huge()
        if path == "/data.json":
            return self.send(200, b'{"not": "a page"}', "application/json")
        found = self.site.lookup(path)
        if not found:
            return self.send(404, b"<html><body>Not found</body></html>")
        self.send_page(*found)

    def send_page(self, html, validators):
        body = html.encode()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        headers = []
        if validators in ("etag", "both"):
            headers.append(("ETag", etag))
        if validators in ("last-modified", "both"):
            headers.append(("Last-Modified", LAST_MODIFIED))
        if_none_match = self.headers.get("If-None-Match")
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_none_match is not None and validators != "last-modified":
            unchanged = if_none_match == etag
        elif if_modified_since is not None and validators != "etag":
            unchanged = if_modified_since == LAST_MODIFIED
        else:
            unchanged = False
        self.send(304 if unchanged else 200, body, headers=headers)

    def send_huge(self):
        # No Content-Length: the client has to stop reading by itself.
        self.record(200)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        chunk = ("<p>" + "filler words for a huge page " * 30 + "</p>\n").encode()
        self.wfile.write(b"<!DOCTYPE html><html><body><article>")
        try:
            for _ in range(self.huge_bytes // len(chunk) + 1):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", required=True)
    parser.add_argument("--slow-seconds", type=float, default=3.0)
    args = parser.parse_args()
    Handler.site = Site()
    Handler.log_path = args.log
    Handler.slow_seconds = args.slow_seconds
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
