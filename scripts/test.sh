#!/usr/bin/env bash
# Every test: lint, types, unit and cross-package tests on ../shared, then the end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-browser

export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -d ../shared ]; then
  echo "test: ../shared (the real data the tests read) is not beside the repository" >&2
  exit 1
fi

rm -rf .test-results
npx biome ci .
npx turbo run typecheck --output-logs=errors-only
npx turbo run test --concurrency=1
npx turbo run e2e
node scripts/summarize-tests.mjs
