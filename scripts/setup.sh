#!/usr/bin/env bash
# Installs what Rasid needs on a fresh machine, and nothing twice: npm packages (with the native build of
# better-sqlite3) when package-lock.json changed, and, for the tests, Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

export npm_config_nodedir="${npm_config_nodedir:-/usr}"
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

stamp=node_modules/.rasid-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || [ ! -e node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  echo "setup: installing npm packages (builds better-sqlite3 from source, about a minute)"
  npm ci --no-fund --no-audit
  echo "$want" > "$stamp"
fi

if [ "${1:-}" = "--with-browser" ]; then
  chromium_bin="${RASID_CHROMIUM:-/usr/lib/chromium/chromium}"
  if [ ! -x "$chromium_bin" ]; then
    echo "setup: installing Chromium from Debian's packages (for the end-to-end tests)"
    if [ "$(id -u)" = 0 ]; then sudo_cmd=""; elif command -v sudo >/dev/null; then sudo_cmd="sudo"; else
      echo "setup: Chromium is missing and this user cannot install it: run 'apt-get install -y chromium' as root" >&2
      exit 1
    fi
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium fonts-noto-core >/dev/null
  fi
fi
