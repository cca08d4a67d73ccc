#!/usr/bin/env bash
# Runs Rasid: the ingestion worker (sources from rasid.sources.json) beside the dashboard, on the embedded
# SQLite database (./data/rasid.db, or RASID_DB). Stops both on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
host="${RASID_HOST:-127.0.0.1}"
port="${RASID_PORT:-3000}"

npx turbo run build --filter=@rasid/dashboard --output-logs=errors-only
node apps/worker/bin/rasid.js migrate

node apps/worker/bin/rasid.js run &
worker=$!
(cd apps/dashboard && exec npx next start -H "$host" -p "$port") &
dashboard=$!

stop() {
  kill "$worker" 2>/dev/null || true
  # next start forks next-server; stop the whole group so the port is freed.
  pkill -P "$dashboard" 2>/dev/null || true
  kill "$dashboard" 2>/dev/null || true
}
trap stop EXIT INT TERM
echo "Rasid dashboard: http://$host:$port  (worker log below; Ctrl-C stops both)"
wait -n "$worker" "$dashboard"
