#!/usr/bin/env bash
# The pictures of the README and docs/, with real data: runs the demo (scripts/run.sh --demo), lets the simulated fleet run for a
# while (default 90 s, then a minute watching the overview: devices polled, flows, the first incidents and their
# anomalies), saves the Orleans Dashboard's overview and grains pages, then the operator console's pages (it trains
# a model first: the demo has none), as headless chromium shows them.
#   scripts/screenshot.sh [docs] [seconds]     -> docs/dashboard.png, docs/dashboard-grains.png, docs/console-*.png
set -euo pipefail
source "$(dirname "$0")/lib.sh"
out="$(realpath -m "${1:-$ROOT/docs}")"
seconds="${2:-90}"

"$ROOT/scripts/bootstrap.sh" --test # chromium and playwright-core
mkdir -p "$out" "$ROOT/.data"
setsid "$ROOT/scripts/run.sh" --demo > "$ROOT/.data/screenshot-demo.log" 2>&1 &
demo=$!
trap 'kill -TERM -- -$demo 2>/dev/null || true; wait $demo 2>/dev/null || true' EXIT
wait_for_http "http://127.0.0.1:8080/health" 180
log "the demo runs for ${seconds}s before the picture (log: .data/screenshot-demo.log)"
sleep "$seconds"
(cd "$ROOT/tests/js" && node dashboard-screenshot.mjs "http://127.0.0.1:8080/dashboard/" "$out/dashboard.png" "$out/dashboard-grains.png")
(cd "$ROOT/tests/js" && node console-screenshot.mjs "http://127.0.0.1:8080" "$out")
