# Caravan: `make demo` serves the bilingual sample on http://127.0.0.1:8080; `make test` runs every test.
BUILD ?= build
JOBS ?= $(shell nproc)
LISTEN ?= 127.0.0.1:8080
DEMO_INDEX ?= $(BUILD)/demo-index
SHARED ?= $(abspath ../shared/data)
PREFIX ?= /usr/local

.PHONY: all deps build install test screenshots test-sanitize test-tsan load fuzz demo demo-index bench bench-shards bench-peers profile-searchd eval-lang eval-stem eval-extract eval-maintext eval-crossscript eval-ranking eval-news clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# The binaries to $(PREFIX)/bin, gazetteers/ stopwords/ web/ to $(PREFIX)/share/caravan (their defaults there).
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j 2

# The README's screenshots, taken by the browser tests, which write them only when asked:
# docs/results-desktop.png, docs/results-phone.png, docs/results-phone-filters.png, docs/embed-demo.png.
screenshots: build
	CARAVAN_SCREENSHOTS=1 ctest --test-dir $(BUILD) --output-on-failure -R '^browser(_widget)?$$'

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer, in its own build directory.
test-sanitize: deps
	cmake -S . -B $(BUILD)-asan -DCARAVAN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
	cmake --build $(BUILD)-asan -j $(JOBS)
	ctest --test-dir $(BUILD)-asan --output-on-failure -j 2 -E '^(browser|browser_widget|browser_histogram|browser_a11y|slow_clients)$$'

# The suite under ThreadSanitizer (searchd's worker threads): a data race ends searchd with a
# report on stderr and fails the test that saw it. The browser and nginx tests are left to the
# normal build.
test-tsan: deps
	cmake -S . -B $(BUILD)-tsan -DCARAVAN_TSAN=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(BUILD)-tsan -j $(JOBS)
	TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1 suppressions=$(CURDIR)/tests/tsan.supp" \
	  ctest --test-dir $(BUILD)-tsan --output-on-failure -j 2 -E '^(browser|browser_widget|browser_histogram|browser_a11y|slow_clients)$$'

# Concurrent queries (valid and malformed) while a rebuild swaps in and an update commits:
# no 5xx, every valid request 200, RSS at start and end. Bounded by LOAD_SECONDS and LOAD_REQUESTS.
load: build
	python3 tests/load/load_test.py --indexer $(BUILD)/indexer/caravan-indexer --searchd $(BUILD)/searchd/caravan-searchd \
	  --source . --clients 8 --seconds $(or $(LOAD_SECONDS),60) --requests $(or $(LOAD_REQUESTS),200000)

# libFuzzer targets (fuzz/) in their own build directory, clang with ASan and UBSan: each runs
# FUZZ_SECONDS on a copy of its seed corpus (fuzz/corpus/); any crash fails. CI: FUZZ_SECONDS=20.
# clang is installed here, not by make test.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = fuzz_jsonl fuzz_listing fuzz_html fuzz_feed fuzz_search_params fuzz_query fuzz_robots_sitemap
fuzz:
	@CARAVAN_BROWSER_TESTS=0 scripts/install-deps.sh --fuzz
	cmake -S . -B $(BUILD)-fuzz -DCARAVAN_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++-14 \
	  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" >/dev/null
	cmake --build $(BUILD)-fuzz -j $(JOBS) --target caravan_fuzzers
	scripts/run-fuzz.sh $(BUILD)-fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

demo-index: build
	$(BUILD)/indexer/caravan-indexer build --out $(DEMO_INDEX) data/demo

demo: demo-index
	$(BUILD)/searchd/caravan-searchd --index $(DEMO_INDEX) --listen $(LISTEN) --web web

# Indexing speed, query latency per kind, wrk throughput and growth (2k vs 10k documents) of the
# real binaries on a generated corpus; BENCH_DOCS=100000 make bench for 20k vs 100k. Needs wrk.
bench: build
	python3 bench/run_bench.py --build $(BUILD) --docs $(or $(BENCH_DOCS),10000) --shared $(SHARED)

# Latency and throughput of one index, 2 and 4 local shards and 2 remote shards (xapian-tcpsrv on
# loopback) over the same corpus; BENCH_SHARD_DOCS (default 100000); BENCH_SHARD_WORK=DIR keeps the
# corpus and the indexes there and reuses them on the next run. Needs wrk and xapian-tools.
bench-shards: build
	python3 bench/bench_shards.py --build $(BUILD) --docs $(or $(BENCH_SHARD_DOCS),100000) --shared $(SHARED) \
	  $(if $(BENCH_SHARD_WORK),--work $(BENCH_SHARD_WORK))

# Caravan beside Sphinx 2.2 (Debian's sphinxsearch) and plain Xapian on one corpus and query set:
# per-engine tables, Caravan/peer ratios, agreement of totals and facet counts. BENCH_DOCS (10000),
# BENCH_QUERIES (500). Installs sphinxsearch and libmariadb-dev, which make test does not need.
bench-peers:
	@scripts/install-deps.sh --bench
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null  # finds libmariadb, if just installed
	cmake --build $(BUILD) -j $(JOBS)
	python3 bench/run_peers.py --build $(BUILD) --docs $(or $(BENCH_DOCS),10000) --queries $(or $(BENCH_QUERIES),500) --shared $(SHARED)

# Where caravan-searchd's CPU goes on the bench-peers queries: perf (dwarf call graphs) over one
# pass, shares of snippets, spelling, matching, stored data, JSON. BENCH_DOCS (10000), PROFILE_PARAMS
# (e.g. "&snippets=0&relax=0"). Needs perf.
profile-searchd: build
	@scripts/install-deps.sh --bench
	python3 bench/profile_searchd.py --build $(BUILD) --docs $(or $(BENCH_DOCS),10000) --queries $(or $(BENCH_QUERIES),500) --shared $(SHARED) --params "$(PROFILE_PARAMS)"

eval-lang: build
	$(BUILD)/tests/eval_lang tests/fixtures/lang $(SHARED)

eval-stem: build
	$(BUILD)/tests/eval_stem tests/fixtures/stem $(SHARED)

eval-extract: build
	$(BUILD)/tests/eval_extract tests/fixtures/extraction $(SHARED)

eval-maintext: build
	$(BUILD)/tests/eval_maintext tests/fixtures/maintext/dev tests/fixtures/maintext/heldout

eval-crossscript: build
	$(BUILD)/tests/eval_crossscript $(SHARED)

eval-ranking: build
	$(BUILD)/tests/eval_ranking $(SHARED)

# nDCG@10 and MRR@10 on the team's judged news set: plain BM25, Caravan, and Caravan with each ranking
# feature off, on the dev and held-out queries. EVAL_NEWS_FLAGS=--per-query prints every query.
eval-news: build
	$(BUILD)/tests/eval_news tests/fixtures/evalnews $(EVAL_NEWS_FLAGS)

clean:
	rm -rf $(BUILD)
