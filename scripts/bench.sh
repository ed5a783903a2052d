#!/usr/bin/env bash
# The benchmarks docs/benchmarks.md reports, through ngctl bench:
#   scripts/bench.sh                                   every scenario, then one table with targets and verdicts
#   scripts/bench.sh [scenario ...] [--quick] [--json FILE]   the named ones (ingest memory traps flows polling inference actions e2e)
#   scripts/bench.sh SCENARIO [its options]            one scenario with its own options (see scripts/ngctl.sh bench --help)
set -euo pipefail
here="$(dirname "$0")"
"$here/bootstrap.sh" --test # the trap and flow benchmarks measure snmptrapd and nfcapd too
exec "$here/ngctl.sh" bench "$@"
