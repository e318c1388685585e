"""The fixed, seeded query set of the benchmark, drawn from a generated corpus.

Kinds (each sent as the default /api/search: top 10 + all facets counted exactly):
  word-frequent  one word among the most frequent non-stopwords (en and ru)
  word-rare      one word found in only 2-3 documents of the smaller corpus (en and ru)
  phrase         "two or three" adjacent words taken from a document (en and ru)
  filtered       a frequent word with lang=, country=, org= or from/to
  no-facets      the word-frequent queries with facets= (none): shows what facet counting costs;
                 reported, but left out of the throughput mix
  doc            /api/doc/{id} of a random document: its body and 5 related items (an RSet/ESet
                 expansion and a query of its 25 best terms); "matches" is the related count;
                 reported, left out of the throughput mix
Words come from the smaller corpus, so every kind finds matches at both sizes.
"""
import collections
import json
import random
import re
import urllib.parse

WORD = re.compile(r"[^\W\d_]+")
PER_LANG = 8


def stopwords(repo, lang):
    with open(f"{repo}/stopwords/{lang}.txt", encoding="utf-8") as f:
        return {line.strip() for line in f if line.strip() and not line.startswith("#")}


def url(params):
    return "/api/search?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


def scan(corpus_path, langs):
    """Document frequencies per language, a sample of bodies for phrases, and the ids."""
    df = {lang: collections.Counter() for lang in langs}
    bodies = {lang: [] for lang in langs}
    ids = []
    with open(corpus_path, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            ids.append(doc["id"])
            lang = doc["lang"]
            if lang not in df:
                continue
            df[lang].update({w.lower() for w in WORD.findall(doc["title"] + " " + doc["body"])})
            if len(bodies[lang]) < 2000:
                bodies[lang].append(doc["body"])
    return df, bodies, ids


def phrase(rng, bodies, stop):
    """Two or three adjacent non-stopwords separated by single spaces, from a random body."""
    for _ in range(10000):
        body = bodies[rng.randrange(len(bodies))]
        words = list(WORD.finditer(body))
        if len(words) < 10:
            continue
        n = rng.choice((2, 2, 3))
        i = rng.randrange(len(words) - n)
        chunk = words[i:i + n]
        if all(len(m.group()) >= 3 and m.group().lower() not in stop for m in chunk) and \
                all(body[a.end():b.start()] == " " for a, b in zip(chunk, chunk[1:])):
            return " ".join(m.group().lower() for m in chunk)
    raise RuntimeError("no phrase found")


def facet_values(discovery, facet, count):
    """The most frequent values of a facet in a discovery answer (an /api/search JSON)."""
    return [v["value"] for v in discovery.get("facets", {}).get(facet, [])[:count]]


def build(repo, corpus_path, discovery, seed):
    """Returns [(kind, path)]. discovery: the JSON of /api/search?q= on the smaller index."""
    rng = random.Random(seed)
    langs = ("en", "ru")
    df, bodies, ids = scan(corpus_path, langs)
    queries, frequent = [], {}
    for lang in langs:
        stop = stopwords(repo, lang)
        ranked = [w for w, _ in df[lang].most_common(400) if len(w) >= 4 and w not in stop]
        frequent[lang] = rng.sample(ranked[:60], PER_LANG)
        rare_pool = sorted(w for w, n in df[lang].items() if 2 <= n <= 3 and len(w) >= 5 and w not in stop)
        rare = rng.sample(rare_pool, PER_LANG)
        queries += [("word-frequent", url({"q": w})) for w in frequent[lang]]
        queries += [("word-rare", url({"q": w})) for w in rare]
        queries += [("phrase", url({"q": f'"{phrase(rng, bodies[lang], stop)}"'})) for _ in range(PER_LANG)]
    countries = facet_values(discovery, "country", 4) or ["US"]
    orgs = facet_values(discovery, "organization", 4) or ["UN"]
    words = frequent["en"] + frequent["ru"]
    for i in range(2 * PER_LANG):
        word = words[(i * 5) % len(words)]
        kind = i % 4
        if kind == 0:
            params = {"q": word, "lang": "en" if word in frequent["en"] else "ru"}
        elif kind == 1:
            params = {"q": word, "country": countries[(i // 4) % len(countries)]}
        elif kind == 2:
            year = 2015 + rng.randrange(9)
            params = {"q": word, "from": f"{year}-01-01", "to": f"{year + 1}-12-31"}
        else:
            params = {"q": word, "org": orgs[(i // 4) % len(orgs)]}
        queries.append(("filtered", url(params)))
    queries += [("no-facets", url({"q": w, "facets": ""})) for w in words]
    queries += [("doc", "/api/doc/" + urllib.parse.quote(i, safe="")) for i in rng.sample(ids, 2 * PER_LANG)]
    return queries
