# Installs into a temp prefix and runs the installed binaries there, on their default data (share/caravan).
"""Usage: install_test.py --build BUILD_DIR --source SOURCE_DIR [--cmake CMAKE]

cmake --install BUILD --prefix TMP/prefix; then, from TMP and with no CARAVAN_* variables and no
--gazetteers/--stopwords/--web flags, the installed caravan-indexer builds an index of data/demo
plus one item, and the installed caravan-searchd serves it and the UI. The installed copies of
the gazetteers and of web/index.html are marked first, so the checks tell them from the source
tree's: the item's organization exists only in the installed gazetteer, the marker only in the
installed index.html."""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request

MARKER = "<!-- caravan install test: installed copy -->"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--cmake", default="cmake")
    args = parser.parse_args()
    source = os.path.abspath(args.source)
    tmp = tempfile.mkdtemp(prefix="caravan-install-")
    searchd = None
    try:
        prefix = os.path.join(tmp, "prefix")
        subprocess.run([args.cmake, "--install", args.build, "--prefix", prefix], check=True, stdout=subprocess.DEVNULL)
        share = os.path.join(prefix, "share", "caravan")
        for path in ["bin/caravan-indexer", "bin/caravan-searchd", "share/caravan/gazetteers/countries.tsv",
                     "share/caravan/gazetteers/organizations.tsv", "share/caravan/stopwords/en.txt",
                     "share/caravan/web/index.html"]:
            assert os.path.isfile(os.path.join(prefix, path)), f"not installed: {path}"
        with open(os.path.join(share, "gazetteers", "organizations.tsv"), "a", encoding="utf-8") as f:
            f.write("ZZ_INSTALLED\ten\tlabel\tQuuxville Caravan Council\nZZ_INSTALLED\t*\tacronym\tQCCX\n")
        with open(os.path.join(share, "web", "index.html"), "a", encoding="utf-8") as f:
            f.write(MARKER + "\n")
        item = os.path.join(tmp, "item.jsonl")
        with open(item, "w", encoding="utf-8") as f:
            f.write(json.dumps({"id": "installed-1", "lang": "en", "title": "Council meets",
                                "body": "The QCCX met in Bishkek on Monday to discuss the caravan routes."}) + "\n")

        env = {k: v for k, v in os.environ.items() if not k.startswith("CARAVAN_")}
        indexer = os.path.join(prefix, "bin", "caravan-indexer")
        version = subprocess.run([indexer, "--version"], capture_output=True, text=True, env=env, cwd=tmp)
        assert version.returncode == 0 and version.stdout.startswith("caravan-indexer "), version
        help_text = subprocess.run([indexer, "--help"], capture_output=True, text=True, env=env, cwd=tmp).stdout
        assert os.path.join(share, "gazetteers") in help_text, help_text
        index = os.path.join(tmp, "index")
        built = subprocess.run([indexer, "build", "--quiet", "--out", index, os.path.join(source, "data", "demo"), item],
                               capture_output=True, text=True, env=env, cwd=tmp)
        assert built.returncode == 0, built.stderr

        searchd = subprocess.Popen([os.path.join(prefix, "bin", "caravan-searchd"), "--index", index,
                                    "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, text=True, env=env, cwd=tmp)
        line = searchd.stdout.readline()
        port = re.search(r"127\.0\.0\.1:(\d+)", line)
        assert port, f"searchd said: {line!r}"
        base = f"http://127.0.0.1:{port.group(1)}"
        with urllib.request.urlopen(base + "/", timeout=10) as res:
            assert res.status == 200 and MARKER in res.read().decode("utf-8"), "/ is not the installed web/"
        with urllib.request.urlopen(base + "/api/search?q=&facets=", timeout=10) as res:
            assert json.load(res)["total"] > 1
        with urllib.request.urlopen(base + "/api/search?q=&org=ZZ_INSTALLED", timeout=10) as res:
            found = json.load(res)
            assert [hit["id"] for hit in found["hits"]] == ["installed-1"], found
        print("installed binaries work from", prefix)
        return 0
    finally:
        if searchd:
            searchd.terminate()
            searchd.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
