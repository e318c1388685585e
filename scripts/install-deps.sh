#!/usr/bin/env bash
# Installs the Debian packages Caravan needs, only those missing; silent when all are there.
# --fuzz: also clang 14 and its libFuzzer/sanitizer runtime, for make fuzz only.
# --bench: also Sphinx 2.2 and the MariaDB client library, for make bench-peers only, and perf
# (linux-perf) for make profile-searchd.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libxapian-dev xapian-tools libstemmer-dev libcpp-httplib-dev nlohmann-json3-dev doctest-dev
  libicu-dev libxml2-dev zlib1g-dev libcld2-dev libcurl4-openssl-dev
  unicode-cldr-core iso-codes
  wrk python3 nginx
  libxml2-utils python3-feedparser python3-prometheus-client python3-rnc2rng
)
if [ "${1:-}" = --fuzz ]; then
  packages+=(clang-14 libclang-rt-14-dev)
fi
if [ "${1:-}" = --bench ]; then
  packages+=(sphinxsearch libmariadb-dev linux-perf)
fi
if [ "${CARAVAN_BROWSER_TESTS:-1}" != 0 ]; then
  packages+=(chromium nodejs npm)
fi

# The browser tests run on Debian 12's Node.js 18 and later (tests/browser/package.json pins a
# playwright-core whose "engines" allows 18); an older node on PATH is named with what to do.
check_node_version() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -lt 18 ]; then
    echo "install-deps: the browser tests need Node.js 18 or newer; $(command -v node || echo 'no node') is" \
         "$(node --version 2>/dev/null || echo 'missing'). Install Debian 12's nodejs (apt-get install nodejs npm)," \
         "put a newer node first on PATH, or skip them with CARAVAN_BROWSER_TESTS=0." >&2
    exit 1
  fi
}

install_browser_test_modules() {
  # playwright-core drives Debian's /usr/bin/chromium and never downloads a browser; axe-core is
  # the accessibility audit the UI tests inject into the page.
  [ "${CARAVAN_BROWSER_TESTS:-1}" != 0 ] || return 0
  check_node_version
  local dir module wanted installed
  dir="$(cd "$(dirname "$0")/.." && pwd)/tests/browser"
  for module in playwright-core axe-core; do
    wanted=$(node -p "require('$dir/package.json').devDependencies['$module']")
    installed=$(node -p "require('$dir/node_modules/$module/package.json').version" 2>/dev/null || true)
    if [ "$installed" != "$wanted" ]; then
      echo "install-deps: npm ci in tests/browser ($module $wanted)" >&2
      (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
      return 0
    fi
  done
}

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  if [ "$status" != installed ]; then
    # nodejs from another source may bundle npm: accept a working npm on PATH.
    if [ "$package" = npm ] && command -v npm >/dev/null 2>&1; then continue; fi
    if [ "$package" = nodejs ] && command -v node >/dev/null 2>&1; then continue; fi
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  install_browser_test_modules
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_browser_test_modules
