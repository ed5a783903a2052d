#!/usr/bin/env bash
# The main job: one silo on the default profile (in memory, nothing to install first).
#   scripts/run.sh              default profile
#   scripts/run.sh --postgres   Postgres profile on a private PostgreSQL in ./.data/postgres (started and stopped here)
# Any other arguments go to the silo as configuration, e.g. --NetworkGrains:HttpPort=8081
set -euo pipefail
source "$(dirname "$0")/lib.sh"

postgres=0
args=()
for arg in "$@"; do
  case "$arg" in
    --postgres) postgres=1 ;;
    *) args+=("$arg") ;;
  esac
done

if [ "$postgres" = 1 ]; then "$ROOT/scripts/bootstrap.sh" --postgres; else "$ROOT/scripts/bootstrap.sh"; fi
dotnet build "$ROOT/src/NetworkGrains.Silo" -c Release --nologo -v quiet -clp:ErrorsOnly

if [ "$postgres" = 1 ]; then
  "$ROOT/scripts/postgres.sh" start
  trap '"$ROOT/scripts/postgres.sh" stop' EXIT
  export NetworkGrains__Profile=Postgres
  export ConnectionStrings__Postgres="$("$ROOT/scripts/postgres.sh" url)"
  export Models__SigningKeyFile="${Models__SigningKeyFile:-$ROOT/.data/keys/model-signing.pem}"
  # The Postgres profile's API needs a key: the first run makes an admin key and keeps it (only) in .data/keys.
  admin_key="$ROOT/.data/keys/admin-api-key"
  if [ ! -s "$admin_key" ]; then
    (cd "$ROOT/src/NetworkGrains.Silo/bin/Release/net10.0" && dotnet NetworkGrains.Silo.dll migrate >/dev/null)
    dotnet build "$ROOT/src/NetworkGrains.Cli" -c Release --nologo -v quiet -clp:ErrorsOnly
    mkdir -p "$(dirname "$admin_key")"
    (umask 077 && "$ROOT/src/NetworkGrains.Cli/bin/Release/net10.0/ngctl" keys create --name "admin-$(date +%s)" --roles admin > "$admin_key")
  fi
  log "API key (admin) in $admin_key: curl -H \"Authorization: Bearer \$(cat $admin_key)\" http://127.0.0.1:8080/api/v1/devices"
fi

# The silo runs as a child so that a signal to this script reaches it too; PostgreSQL (stopped on EXIT) stays up
# until the silo has finished its graceful shutdown, which writes every device's state.
cd "$ROOT/src/NetworkGrains.Silo/bin/Release/net10.0"
dotnet NetworkGrains.Silo.dll "${args[@]}" &
silo=$!
trap 'kill -TERM $silo 2>/dev/null' INT TERM
while kill -0 "$silo" 2>/dev/null; do wait "$silo" || true; done
