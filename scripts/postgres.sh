#!/usr/bin/env bash
# A private PostgreSQL cluster for this checkout: scripts/postgres.sh start|stop|status|psql|url
#   NG_PG_DIR   where it lives (default ./.data/postgres)   NG_PG_PORT  its port on 127.0.0.1 (default 55432)
#   NG_PG_FAST=1  no fsync (tests only: the database server itself is never killed there)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DIR="${NG_PG_DIR:-$ROOT/.data/postgres}"
PORT="${NG_PG_PORT:-55432}"
DB=networkgrains
BIN="$(pg_bin)"
[ -n "$BIN" ] || { log "PostgreSQL is not installed: run scripts/bootstrap.sh --postgres"; exit 1; }

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
url() { echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=$DB"; }

start() {
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    as_postgres "$BIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 >"$DIR/initdb.log"
  fi
  if as_postgres "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    log "already running on port $(head -4 "$DIR/data/postmaster.pid" | tail -1)"
  else
    local options="-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=200"
    [ "${NG_PG_FAST:-0}" = 1 ] && options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    as_postgres "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 -o "$options" start >/dev/null
  fi
  as_postgres "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
    || as_postgres "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB"
  log "PostgreSQL on 127.0.0.1:$PORT, data in $DIR"
}

case "${1:-}" in
  start) start ;;
  stop) as_postgres "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 && log "stopped" || log "not running" ;;
  status) as_postgres "$BIN/pg_ctl" -D "$DIR/data" status ;;
  psql) shift; exec "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres "$DB" "$@" ;;
  url) url ;;
  *) echo "usage: $0 start|stop|status|psql|url" >&2; exit 2 ;;
esac
