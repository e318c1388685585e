#!/usr/bin/env python3
"""Generates a benchmark corpus (JSON Lines) with realistic English and Russian news lengths.

Paragraphs come from the shared corpora, read at run time and never copied into the repository:
Reuters-21578 (English, ~0.5 KB bodies, so several items are joined into one ~2 KB story) and
RT news (Russian, ~12 KB bodies, cut at paragraph boundaries to 3-10 KB). Every document gets a
date spread evenly over 2015-2024 and its language; countries and organizations are left to the
indexer's extraction, unless --entities gives each item 1-3 countries and 1-2 organizations drawn
from the repository's gazetteers (the peer benchmark: engines that extract nothing get the same
facets as Caravan). The same seed always gives the same corpus, and the first K lines of an
N-document corpus are a corpus of K documents drawn the same way.
"""
import argparse
import datetime
import gzip
import json
import math
import os
import random
import re
import sys

EN_MEDIAN, EN_MIN, EN_MAX = 2000, 700, 6000      # bytes of body
RU_MEDIAN, RU_MIN, RU_MAX = 5500, 3000, 10000
FIRST_DAY = datetime.date(2015, 1, 1)
DAYS = (datetime.date(2024, 12, 31) - FIRST_DAY).days + 1


def reuters_paragraphs(body):
    """Reuters bodies wrap lines at 70 columns and indent new paragraphs; the last line is 'Reuter'."""
    body = re.sub(r"\s*\bReuter\s*(&#3;)?\s*$", "", body)
    paragraphs = []
    for chunk in re.split(r"\n\s{2,}", body):
        text = " ".join(chunk.split())
        if len(text) >= 20:
            paragraphs.append(text)
    return paragraphs


def rt_paragraphs(body):
    return [" ".join(line.split()) for line in body.split("\n") if len(line.strip()) >= 2]


def load(path, split, min_paragraphs):
    items = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            paragraphs = split(record.get("body") or "")
            if len(paragraphs) >= min_paragraphs:
                items.append((record.get("title") or "", paragraphs))
    if not items:
        sys.exit(f"gen_corpus: no usable items in {path}")
    return items


def target_length(rng, median, low, high):
    return int(min(high, max(low, math.exp(rng.gauss(math.log(median), 0.35)))))


def english_title(title):
    return title.capitalize() if title.isupper() else title


def compose(rng, items, base, target, keep):
    """The base item's paragraphs (a few dropped at random), then others' until target bytes."""
    title, paragraphs = base
    chosen = [paragraphs[0]] + [p for p in paragraphs[1:] if rng.random() < keep]
    size = sum(len(p.encode()) + 2 for p in chosen)
    guard = 0
    while size < target and guard < 50:
        guard += 1
        _, extra = items[rng.randrange(len(items))]
        start = rng.randrange(len(extra))
        for p in extra[start:start + rng.randint(1, 4)]:
            chosen.append(p)
            size += len(p.encode()) + 2
    # Cut at a paragraph boundary near the target (never below one paragraph).
    body, total = [], 0
    for p in chosen:
        if body and total + len(p.encode()) > target * 1.1:
            break
        body.append(p)
        total += len(p.encode()) + 2
    return title, "\n\n".join(body)


def gazetteer_ids(repo, name):
    """The distinct ids (first column) of a gazetteer file, in file order."""
    ids = []
    with open(f"{repo}/gazetteers/{name}", encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                first = line.split("\t", 1)[0]
                if not ids or ids[-1] != first:
                    ids.append(first)
    return list(dict.fromkeys(ids))


def entity_picker(seed):
    """A function giving (countries, organizations) per item: a few values are frequent, most rare."""
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    countries, orgs = gazetteer_ids(repo, "countries.tsv"), gazetteer_ids(repo, "organizations.tsv")
    rng = random.Random(seed + 1)  # its own stream: the texts are those of the corpus without --entities

    def skewed(values, count):
        picked = set()
        while len(picked) < count:
            picked.add(values[min(len(values) - 1, int(rng.paretovariate(1.2)) - 1 + rng.randrange(2))])
        return sorted(picked)

    rng.shuffle(countries)
    rng.shuffle(orgs)
    return lambda: (skewed(countries, rng.randint(1, 3)), skewed(orgs, rng.randint(1, 2)))


def generate(args, out):
    rng = random.Random(args.seed)
    entities = entity_picker(args.seed) if args.entities else None
    en = load(f"{args.shared}/bench/reuters-21578.jsonl.gz", reuters_paragraphs, 1)
    ru = load(f"{args.shared}/bench/ru-news-rt-ng.jsonl.gz", rt_paragraphs, 3)
    written = 0
    for n in range(1, args.docs + 1):
        lang = "ru" if rng.random() < args.ru_share else "en"
        if lang == "en":
            base = en[rng.randrange(len(en))]
            title, body = compose(rng, en, base, target_length(rng, EN_MEDIAN, EN_MIN, EN_MAX), 0.9)
            title = english_title(title)
        else:
            base = ru[rng.randrange(len(ru))]
            title, body = compose(rng, ru, base, target_length(rng, RU_MEDIAN, RU_MIN, RU_MAX), 0.8)
        day = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        record = {"id": f"bench-{n:07d}", "url": f"https://bench.invalid/{lang}/{n}", "lang": lang,
                  "date": day.isoformat(), "title": title, "body": body}
        if entities:
            record["countries"], record["organizations"] = entities()
        line = json.dumps(record, ensure_ascii=False) + "\n"
        out.write(line)
        written += len(line.encode())
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--ru-share", type=float, default=0.5, help="fraction of Russian documents")
    parser.add_argument("--shared", default="../shared/data", help="folder holding bench/*.jsonl.gz")
    parser.add_argument("--entities", action="store_true", help="give countries and organizations")
    parser.add_argument("--out", default="-", help="output JSON Lines file (- for stdout)")
    args = parser.parse_args()
    if args.out == "-":
        generate(args, sys.stdout)
    else:
        with open(args.out, "w", encoding="utf-8") as out:
            generate(args, out)


if __name__ == "__main__":
    main()
