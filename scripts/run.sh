#!/usr/bin/env bash
# The main job: one silo on the default profile (in memory, nothing to install first).
#   scripts/run.sh              default profile
#   scripts/run.sh --postgres   Postgres profile on a private PostgreSQL in ./.data/postgres (started and stopped here)
#   scripts/run.sh --demo       default profile plus `ngctl simulate`: a fleet of 20 devices on loopback with incidents
# Any other arguments go to the silo as configuration, e.g. --NetworkGrains:HttpPort=8081
set -euo pipefail
source "$(dirname "$0")/lib.sh"

postgres=0
demo=0
args=()
for arg in "$@"; do
  case "$arg" in
    --postgres) postgres=1 ;;
    --demo) demo=1 ;;
    *) args+=("$arg") ;;
  esac
done

if [ "$postgres" = 1 ]; then "$ROOT/scripts/bootstrap.sh" --postgres; else "$ROOT/scripts/bootstrap.sh"; fi
dotnet build "$ROOT/src/NetworkGrains.Silo" -c Release --nologo -v quiet -clp:ErrorsOnly

if [ "$postgres" = 1 ]; then
  "$ROOT/scripts/postgres.sh" start
  trap '"$ROOT/scripts/postgres.sh" stop' EXIT
  postgres_profile
  log "API key (admin) in $ADMIN_KEY_FILE: curl -H \"Authorization: Bearer \$(cat $ADMIN_KEY_FILE)\" http://127.0.0.1:8080/api/v1/devices"
fi

# The silo runs as a child so that a signal to this script reaches it too; PostgreSQL (stopped on EXIT) stays up
# until the silo has finished its graceful shutdown, which writes every device's state.
cd "$ROOT/src/NetworkGrains.Silo/bin/Release/net10.0"
dotnet NetworkGrains.Silo.dll "${args[@]}" &
silo=$!
children="$silo"
trap 'kill -TERM $children 2>/dev/null' INT TERM

if [ "$demo" = 1 ]; then
  # The demo: once the silo answers, the simulator registers its fleet, posts three days of history and starts
  # polling, traps, informs, flows and the incidents (the first 30 s in, then one every 45 s); its ground truth
  # goes to .data/simulate/truth.json for `scripts/ngctl.sh evaluate --truth .data/simulate/truth.json`.
  dotnet build "$ROOT/src/NetworkGrains.Cli" -c Release --nologo -v quiet -clp:ErrorsOnly
  wait_for_http "http://127.0.0.1:8080/health" 90
  (cd "$ROOT" && exec "$ROOT/src/NetworkGrains.Cli/bin/Release/net10.0/ngctl" simulate --devices 20 --interfaces 4 \
      --first 30 --gap 45 --length 60 --truth "$ROOT/.data/simulate/truth.json") &
  children="$silo $!"
  log "demo: dashboard http://127.0.0.1:8080/dashboard/, anomalies http://127.0.0.1:8080/api/v1/anomalies; Ctrl+C stops both"
fi
while kill -0 "$silo" 2>/dev/null; do wait "$silo" || true; done
