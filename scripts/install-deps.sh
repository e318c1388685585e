#!/usr/bin/env bash
# Installs the Debian packages Caravan needs, only those missing; silent when all are there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libxapian-dev xapian-tools libstemmer-dev libcpp-httplib-dev nlohmann-json3-dev doctest-dev
  libicu-dev libxml2-dev zlib1g-dev libcld2-dev
  unicode-cldr-core iso-codes
  wrk python3
)
if [ "${CARAVAN_BROWSER_TESTS:-1}" != 0 ]; then
  packages+=(chromium nodejs npm)
fi

install_browser_test_modules() {
  # playwright-core only: it drives Debian's /usr/bin/chromium and never downloads a browser.
  local dir
  dir="$(cd "$(dirname "$0")/.." && pwd)/tests/browser"
  if [ "${CARAVAN_BROWSER_TESTS:-1}" != 0 ] && [ ! -d "$dir/node_modules/playwright-core" ]; then
    echo "install-deps: npm ci in tests/browser" >&2
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
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
