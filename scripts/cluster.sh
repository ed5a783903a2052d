#!/usr/bin/env bash
# N silos of the Postgres profile on this machine: one cluster on the private PostgreSQL of scripts/postgres.sh.
#   scripts/cluster.sh start N [--free-ports]  starts PostgreSQL (unless it runs) and N silos; returns once each answers
#                                              /health and has bound its UDP listeners
#   scripts/cluster.sh status                  each silo's pid, ports and health, and the cluster's active silos
#   scripts/cluster.sh stop                    stops the silos (SIGTERM: graceful) and the PostgreSQL that start started
# Silo i (1..N) has ports of its own, the defaults plus i-1: HTTP 8080, silo 11111, gateway 30000, traps 1162/udp,
# NetFlow 2055/udp, IPFIX 4739/udp, syslog 1514/udp and tcp, 6514/tcp (TLS); --free-ports picks free ones instead.
# NG_CLUSTER_DIR keeps pids, ports and logs (default ./.data/cluster); NG_PG_DIR, NG_PG_PORT and NG_KEYS_DIR as for
# scripts/postgres.sh and scripts/run.sh --postgres. Other settings reach every silo from the environment.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DIR="${NG_CLUSTER_DIR:-$ROOT/.data/cluster}"
BIN="$ROOT/src/NetworkGrains.Silo/bin/Release/net10.0"

# What start recorded for stop and status: PostgreSQL's place and whether start started it.
load_state() {
  [ -f "$DIR/cluster.env" ] || return 1
  # shellcheck source=/dev/null
  source "$DIR/cluster.env"
  export NG_PG_DIR NG_PG_PORT
}

silos() { ls "$DIR"/silo-*.ports 2>/dev/null | sort -V; }

running() { [ -f "$DIR/silo-$1.pid" ] && kill -0 "$(cat "$DIR/silo-$1.pid")" 2>/dev/null; }

# The trap receiver and the flow collector listen once the silo has started (unless configured off).
udp_bound() {
  { [ "${Snmp__TrapReceiverEnabled:-true}" = false ] || port_in_use udp "$traps"; } &&
    { [ "${Flows__CollectorEnabled:-true}" = false ] || { port_in_use udp "$netflow" && port_in_use udp "$ipfix"; }; }
}

start() {
  local count="${1:-}" free=0
  [[ "$count" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 start N [--free-ports]" >&2; exit 2; }
  [ "${2:-}" = --free-ports ] && free=1
  mkdir -p "$DIR"
  if load_state; then
    for ports in $(silos); do
      local i; i="$(basename "$ports" .ports)"; i="${i#silo-}"
      if running "$i"; then log "silo $i is running: scripts/cluster.sh stop first"; exit 1; fi
    done
  fi
  rm -f "$DIR"/silo-* "$DIR/cluster.env"

  "$ROOT/scripts/bootstrap.sh" --postgres
  dotnet build "$ROOT/src/NetworkGrains.Silo" -c Release --nologo -v quiet -clp:ErrorsOnly
  export NG_PG_DIR="${NG_PG_DIR:-$ROOT/.data/postgres}" NG_PG_PORT="${NG_PG_PORT:-55432}"
  local started_postgres=0
  if ! "$ROOT/scripts/postgres.sh" status >/dev/null 2>&1; then
    "$ROOT/scripts/postgres.sh" start
    started_postgres=1
  fi
  printf 'NG_PG_DIR=%q\nNG_PG_PORT=%q\nSTARTED_POSTGRES=%s\nCLUSTER_ID=%q\n' \
    "$NG_PG_DIR" "$NG_PG_PORT" "$started_postgres" "${NetworkGrains__ClusterId:-networkgrains}" > "$DIR/cluster.env"
  postgres_profile

  local i taken=" "
  # pick tcp|udp|both DEFAULT: sets PICKED to the default port, or a free one with --free-ports; never one picked already.
  pick() {
    local port="$2" kind
    if [ "$free" = 1 ]; then
      while port="$(free_port "${1/both/tcp}")"; [[ "$taken" == *" $port "* ]] || { [ "$1" = both ] && port_in_use udp "$port"; }; do :; done
    else
      for kind in tcp udp; do
        if [[ "$1" == "$kind" || "$1" == both ]] && port_in_use "$kind" "$port"; then
          log "port $port/$kind is in use (silo $i): stop what holds it, or use --free-ports"; return 1
        fi
      done
    fi
    taken+="$port "
    PICKED="$port"
  }
  for i in $(seq 1 "$count"); do
    local o=$((i - 1))
    pick tcp $((8080 + o)) && http="$PICKED" && pick tcp $((11111 + o)) && silo="$PICKED" && pick tcp $((30000 + o)) && gateway="$PICKED" \
      && pick udp $((1162 + o)) && traps="$PICKED" && pick udp $((2055 + o)) && netflow="$PICKED" && pick udp $((4739 + o)) && ipfix="$PICKED" \
      && pick both $((1514 + o)) && syslog="$PICKED" && pick tcp $((6514 + o)) && syslog_tls="$PICKED" \
      || { stop; exit 1; }
    printf 'http=%s\nsilo=%s\ngateway=%s\ntraps=%s\nnetflow=%s\nipfix=%s\nsyslog=%s\nsyslog_tls=%s\n' \
      "$http" "$silo" "$gateway" "$traps" "$netflow" "$ipfix" "$syslog" "$syslog_tls" > "$DIR/silo-$i.ports"
    # setsid: the silos outlive this script and a Ctrl+C in its terminal; exec keeps $! the silo's own pid.
    (cd "$BIN" && NetworkGrains__HttpPort="$http" NetworkGrains__SiloPort="$silo" NetworkGrains__GatewayPort="$gateway" \
      Snmp__TrapPort="$traps" Flows__NetFlowPort="$netflow" Flows__IpfixPort="$ipfix" \
      Syslog__UdpPort="$syslog" Syslog__TcpPort="$syslog" Syslog__TlsPort="$syslog_tls" \
      exec setsid dotnet NetworkGrains.Silo.dll >"$DIR/silo-$i.log" 2>&1 </dev/null) &
    echo $! > "$DIR/silo-$i.pid"
  done

  for ports in $(silos); do
    i="$(basename "$ports" .ports)"; i="${i#silo-}"
    source "$ports"
    local up=0
    for _ in $(seq 1 180); do
      running "$i" || break
      if http_ok "http://127.0.0.1:$http/health" && udp_bound; then up=1; break; fi
      sleep 1
    done
    if [ "$up" = 0 ]; then
      log "silo $i did not come up; the end of $DIR/silo-$i.log:"
      tail -n 30 "$DIR/silo-$i.log" >&2 || true
      stop; exit 1
    fi
  done
  log "$count silos up (logs in $DIR); API key (admin) in $ADMIN_KEY_FILE"
  status
}

# One line per silo; exit 0 when every silo answers, 1 when one does not, 3 when none was started.
status() {
  load_state || { log "no cluster started (nothing in $DIR)"; return 3; }
  local result=0 ports i state
  for ports in $(silos); do
    i="$(basename "$ports" .ports)"; i="${i#silo-}"
    source "$ports"
    if ! running "$i"; then state="down"; result=1
    elif http_ok "http://127.0.0.1:$http/health"; then state="up"
    else state="unhealthy"; result=1; fi
    echo "silo $i: $state, pid $(cat "$DIR/silo-$i.pid"), http http://127.0.0.1:$http, silo $silo, gateway $gateway," \
      "udp traps $traps, netflow $netflow, ipfix $ipfix, syslog $syslog (udp and tcp), syslog tls $syslog_tls"
  done
  local active
  active="$("$ROOT/scripts/postgres.sh" psql -tAc \
    "SELECT count(*) FROM orleans_membership WHERE deployment_id = '$CLUSTER_ID' AND status = 3" 2>/dev/null || echo "unknown")"
  echo "cluster $CLUSTER_ID: $active active silos in orleans_membership"
  return "$result"
}

stop_silos() {
  local pid_file pid
  for pid_file in "$DIR"/silo-*.pid; do
    [ -f "$pid_file" ] || continue
    pid="$(cat "$pid_file")"
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid_file in "$DIR"/silo-*.pid; do
    [ -f "$pid_file" ] || continue
    pid="$(cat "$pid_file")"
    # A graceful stop writes every device's state; past a minute it is killed.
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then log "silo pid $pid did not stop within a minute: killed"; kill -KILL "$pid" 2>/dev/null || true; fi
    rm -f "$pid_file"
  done
}

stop() {
  load_state || { log "no cluster started (nothing in $DIR)"; return 0; }
  stop_silos
  if [ "${STARTED_POSTGRES:-0}" = 1 ]; then "$ROOT/scripts/postgres.sh" stop; fi
  rm -f "$DIR/cluster.env"
  log "stopped"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  status) status ;;
  stop) stop ;;
  *) echo "usage: $0 start N [--free-ports] | status | stop" >&2; exit 2 ;;
esac
