#!/usr/bin/env bash
# The benchmarks the README reports: scripts/bench.sh [ingest|memory|traps|flows|polling|inference|actions|all] [ngctl bench options]
set -euo pipefail
scenario="${1:-all}"; shift || true
here="$(dirname "$0")"
"$here/bootstrap.sh" --test # the trap and flow benchmarks measure snmptrapd and nfcapd too
case "$scenario" in
  all) for s in ingest memory traps flows polling inference actions; do "$here/ngctl.sh" bench "$s"; done ;;  # each with its defaults
  ingest|memory|traps|flows|polling|inference|actions) exec "$here/ngctl.sh" bench "$scenario" "$@" ;;
  *) echo "usage: $0 [ingest|memory|traps|flows|polling|inference|actions|all] [options]" >&2; exit 2 ;;
esac
