#!/usr/bin/env python3
# caravan-indexer's progress on a real terminal (a pseudo-terminal) and in a log (a pipe).
"""Usage: progress_tty.py --indexer BIN

Writes a few thousand English and Russian items (one plain JSON Lines file, one gzip) with bad
records among them, and a directory file of unknown type (doubled until a build lasts 1.5 s, so
a fast machine still sees the bar redrawn), then runs the real caravan-indexer build:
- on a pseudo-terminal 100 columns wide: the bar is drawn with \\r ... ESC[K in place, at most
  about 4 times a second, its share never goes back; every problem is a line of its own, cleared
  of the bar before it and intact; the summary starts on a clean line and splits skipped by code;
- with stderr a pipe and --progress-interval 1: plain "N% of ... docs/s, ETA" lines, no \\r or ESC;
- on the terminal with --quiet: no bar, no problems, only the summary.
"""
import argparse
import fcntl
import gzip
import json
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time

BAR = re.compile(r"\r\[([#.]{20})\] +(\d+)%  [\d,]+ docs  [\d,]+ docs/s  ETA (?:-:--|(?:\d+:)?\d+:\d\d)\x1b\[K")
CLEAR = "\r\x1b[K"
MIN_TERMINAL_SECONDS = 1.5
MAX_ITEMS = 64000
REDRAWS = re.compile(r"(" + BAR.pattern + r")*")  # all that may precede a clear on one line


def item(i, lang):
    if lang == "ru":
        body = (f"Таможенники Казахстана и Узбекистана встретились в Ташкенте {i}-й раз, чтобы обсудить "
                "правила перевозки хлопка, шерсти и зерна через новые пограничные посты. ") * 3
    else:
        body = (f"Customs officers of Kazakhstan and Uzbekistan met in Tashkent for the {i}th time to discuss "
                "the rules for carrying cotton, wool and grain through the new border posts. ") * 3
    return json.dumps({"id": f"{lang}-{i}", "lang": lang, "title": f"Meeting {i}", "body": body}, ensure_ascii=False)


def write_inputs(root, count):
    """Returns the input directory and the problem lines the build must print."""
    news = os.path.join(root, "news")
    os.makedirs(news)
    expected = []
    en_path, ru_path = os.path.join(news, "en.jsonl"), os.path.join(news, "ru.jsonl.gz")
    with open(en_path, "w", encoding="utf-8") as en, gzip.open(ru_path, "wt", encoding="utf-8") as ru:
        for i in range(1, count + 1):
            for lang, out, path in (("en", en, en_path), ("ru", ru, ru_path)):
                if i % 500 == 0:
                    out.write('{"id": "broken\n')
                    expected.append(f"{path}:{i}: [json.exception.parse_error.101]")
                elif i % 700 == 0:
                    out.write(json.dumps({"id": f"{lang}-empty-{i}", "title": "Без текста"}, ensure_ascii=False) + "\n")
                    expected.append(f"{path}:{i}: missing or empty 'body'")
                else:
                    out.write(item(i, lang) + "\n")
    with open(os.path.join(news, "scan.pdf"), "wb") as pdf:
        pdf.write(b"%PDF-1.4\n")
    expected.append(os.path.join(news, "scan.pdf") + ": unknown file type, skipped")
    return news, expected


def skipped_counts(expected):
    """The summary's skipped part for the expected problems: "skipped 13 (bad_json: 8, ...)"."""
    codes = {"bad_json": sum("parse_error" in p for p in expected), "missing_body": sum("body" in p for p in expected),
             "unknown_file_type": sum("unknown file type" in p for p in expected)}
    ordered = sorted(codes.items(), key=lambda entry: (-entry[1], entry[0]))
    return f"skipped {len(expected)} (" + ", ".join(f"{code}: {count}" for code, count in ordered) + ")"


def run_on_pty(argv, columns=100):
    """Runs argv with stdout and stderr on a pseudo-terminal; returns (output, seconds, exit code)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    started = time.monotonic()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    code = proc.wait()
    os.close(master)
    return b"".join(chunks).decode("utf-8"), time.monotonic() - started, code


def check(condition, message, output):
    if not condition:
        sys.exit(f"progress_tty: {message}\n--- output ---\n{output[-4000:]!r}")


def build_on_terminal(indexer, tmp, items):
    """Builds on a pseudo-terminal, doubling the input until the build lasts long enough for a few
    redraws at 4 a second: a fast machine indexes the default input in half a second."""
    while True:
        root = tempfile.mkdtemp(dir=tmp)
        news, expected = write_inputs(root, items)
        out, seconds, code = run_on_pty([indexer, "build", "--out", os.path.join(root, "index-tty"), news])
        check(code == 0, f"build on a terminal exited {code}", out)
        if seconds >= MIN_TERMINAL_SECONDS or items >= MAX_ITEMS:
            return news, expected, out, seconds
        shutil.rmtree(root)
        items *= 2


def check_terminal(expected, out, seconds):
    out = out.replace("\r\n", "\n")  # the terminal's own newline translation
    bars = list(BAR.finditer(out))
    check(len(bars) >= 3, f"{len(bars)} bar redraws in {seconds:.1f} s", out)
    check(len(bars) <= seconds * 4 + len(expected) + 3, f"{len(bars)} redraws in {seconds:.1f} s: more than 4 a second", out)
    shares = [int(bar.group(2)) for bar in bars]
    check(shares == sorted(shares) and shares[-1] <= 100 and shares[-1] >= 50, f"shares {shares}", out)
    check(all(bar.group(1).count("#") == int(bar.group(2)) * 20 // 100 for bar in bars), "bar length and share differ", out)
    lines = out.split("\n")
    for problem in expected:
        found = [line for line in lines if problem in line]
        check(len(found) == 1, f"{problem!r} printed {len(found)} times", out)
        line = found[0]
        # The bar drawn before it is cleared: what is left on the line is the problem alone.
        shown = line[line.rfind(CLEAR) + len(CLEAR):] if CLEAR in line else line
        check(shown.startswith(problem) and "\r" not in shown and "\x1b" not in shown and "docs/s" not in shown,
              f"problem line not intact: {line!r}", out)
        before = line[:line.rfind(CLEAR)] if CLEAR in line else ""
        check(REDRAWS.fullmatch(before), f"problem line not cleared of the bar: {line!r}", out)
    summary = [line for line in lines if "documents indexed from" in line]
    check(len(summary) == 1, f"summary lines {summary!r}", out)
    before = summary[0][:summary[0].rfind(CLEAR)] if CLEAR in summary[0] else ""
    check(REDRAWS.fullmatch(before) and summary[0].split(CLEAR)[-1].startswith("caravan-indexer: "),
          f"summary not on a clean line: {summary!r}", out)
    counts = skipped_counts(expected)
    check(counts in out, f"summary without '{counts}'", out)
    check("index-tty -> index-tty.gen-" in out.rstrip("\n").split("\n")[-1], "last line", out)
    print(f"progress_tty: terminal: {len(bars)} redraws in {seconds:.1f} s, {len(expected)} problem lines intact")


def check_log(indexer, news, expected, tmp):
    result = subprocess.run([indexer, "build", "--progress-interval", "1", "--out", os.path.join(tmp, "index-log"), news],
                            capture_output=True, text=True)
    out = result.stderr
    check(result.returncode == 0, f"build to a pipe exited {result.returncode}", out)
    check("\r" not in out and "\x1b" not in out, "escape sequences in a log", out)
    progress = re.findall(r"^caravan-indexer: (\d+)% of [\d.]+ [KM]B, [\d,]+ docs, [\d,]+ docs/s, ETA [\d:-]+$", out, re.M)
    check(len(progress) >= 1, "no progress line in the log", out)
    for problem in expected:
        check(re.search("^" + re.escape(problem), out, re.M), f"{problem!r} not on a line of its own", out)
    print(f"progress_tty: log: {len(progress)} progress lines")


def check_quiet(indexer, news, expected, tmp):
    out, _, code = run_on_pty([indexer, "build", "--quiet", "--out", os.path.join(tmp, "index-quiet"), news])
    check(code == 0 and "\x1b" not in out and "unknown file type" not in out, "--quiet printed more than the summary", out)
    check(skipped_counts(expected) in out, "--quiet summary", out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--indexer", required=True)
    parser.add_argument("--items", type=int, default=1200, help="per language")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="caravan-progress-")
    try:
        news, expected, out, seconds = build_on_terminal(args.indexer, tmp, args.items)
        check_terminal(expected, out, seconds)
        check_log(args.indexer, news, expected, tmp)
        check_quiet(args.indexer, news, expected, tmp)
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
