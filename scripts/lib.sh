# Shared helpers for the scripts; sourced, not run.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# ONNX Runtime reads this from the process environment before its first call (see docs/detection.md).
export ORT_DISABLE_TELEMETRY=1

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }

# Whether something listens on 127.0.0.1:PORT: port_in_use tcp|udp PORT (udp: any bound socket, from /proc/net).
port_in_use() {
  if [ "$1" = tcp ]; then (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null
  else grep -qi ":$(printf '%04X' "$2") " /proc/net/udp /proc/net/udp6 2>/dev/null; fi
}

# A port on 127.0.0.1 that nothing listens on: free_port [tcp|udp] (default tcp).
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! port_in_use "${1:-tcp}" "$port"; then echo "$port"; return 0; fi
  done
  return 1
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# Whether an http://host:port/path answers 200 now (bash's /dev/tcp: no curl on a fresh machine). http_ok URL
http_ok() {
  local address="${1#http://}" path
  path="/${address#*/}"; address="${address%%/*}"
  { exec 3<>"/dev/tcp/${address%:*}/${address#*:}"; } 2>/dev/null || return 1
  printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$address" >&3
  if head -n 1 <&3 | grep -q ' 200 '; then exec 3>&-; return 0; fi
  exec 3>&-
  return 1
}

# Waits until an http://host:port/path answers 200. wait_for_http URL SECONDS
wait_for_http() {
  for _ in $(seq 1 "$2"); do
    http_ok "$1" && return 0
    sleep 1
  done
  log "$1 did not answer 200 within $2 s"
  return 1
}

# The Postgres profile on the PostgreSQL of scripts/postgres.sh (running): exports its settings, keys in NG_KEYS_DIR
# (default ./.data/keys); the first time, applies the schema and makes an admin API key, kept (only) in
# $ADMIN_KEY_FILE. Needs the silo built (Release).
postgres_profile() {
  local keys="${NG_KEYS_DIR:-$ROOT/.data/keys}"
  export NetworkGrains__Profile=Postgres
  export ConnectionStrings__Postgres="$("$ROOT/scripts/postgres.sh" url)"
  export Models__SigningKeyFile="${Models__SigningKeyFile:-$keys/model-signing.pem}"
  export DataProtection__KeyFile="${DataProtection__KeyFile:-$keys/data-protection.keys}"
  ADMIN_KEY_FILE="$keys/admin-api-key"
  if [ ! -s "$ADMIN_KEY_FILE" ]; then
    (cd "$ROOT/src/NetworkGrains.Silo/bin/Release/net10.0" && dotnet NetworkGrains.Silo.dll migrate >/dev/null)
    dotnet build "$ROOT/src/NetworkGrains.Cli" -c Release --nologo -v quiet -clp:ErrorsOnly
    mkdir -p "$keys"
    (umask 077 && "$ROOT/src/NetworkGrains.Cli/bin/Release/net10.0/ngctl" keys create --name "admin-$(date +%s)" --roles admin > "$ADMIN_KEY_FILE")
  fi
}
