#!/usr/bin/env bash
# The benchmarks the README reports: scripts/bench.sh [ingest|memory|all] [ngctl bench options]
set -euo pipefail
scenario="${1:-all}"; shift || true
here="$(dirname "$0")"
case "$scenario" in
  all) "$here/ngctl.sh" bench ingest "$@"; "$here/ngctl.sh" bench memory "$@" ;;
  ingest|memory) exec "$here/ngctl.sh" bench "$scenario" "$@" ;;
  *) echo "usage: $0 [ingest|memory|all] [options]" >&2; exit 2 ;;
esac
