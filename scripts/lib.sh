# Shared helpers for the scripts; sourced, not run.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# ONNX Runtime reads this from the process environment before its first call (see docs/detection.md).
export ORT_DISABLE_TELEMETRY=1

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }

# A TCP port on 127.0.0.1 that nothing listens on.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# Waits until an http://host:port/path answers 200 (bash's /dev/tcp: no curl on a fresh machine). wait_for_http URL SECONDS
wait_for_http() {
  local address="${1#http://}" path
  path="/${address#*/}"; address="${address%%/*}"
  for _ in $(seq 1 "$2"); do
    if { exec 3<>"/dev/tcp/${address%:*}/${address#*:}"; } 2>/dev/null; then
      printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$address" >&3
      if head -n 1 <&3 | grep -q ' 200 '; then exec 3>&-; return 0; fi
      exec 3>&-
    fi
    sleep 1
  done
  log "$1 did not answer 200 within $2 s"
  return 1
}
