#!/usr/bin/env bash
# The benchmarks the README reports: scripts/bench.sh [ingest|memory|traps|polling|all] [ngctl bench options]
set -euo pipefail
scenario="${1:-all}"; shift || true
here="$(dirname "$0")"
"$here/bootstrap.sh" --test # the trap benchmark measures snmptrapd too
case "$scenario" in
  all) for s in ingest memory traps polling; do "$here/ngctl.sh" bench "$s"; done ;;  # each with its defaults
  ingest|memory|traps|polling) exec "$here/ngctl.sh" bench "$scenario" "$@" ;;
  *) echo "usage: $0 [ingest|memory|traps|polling|all] [options]" >&2; exit 2 ;;
esac
