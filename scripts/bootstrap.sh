#!/usr/bin/env bash
# Idempotent set-up: `dotnet restore`, plus the Debian packages a purpose needs.
#   scripts/bootstrap.sh             the default profile: nothing to install
#   scripts/bootstrap.sh --postgres  PostgreSQL for the durable profile
#   scripts/bootstrap.sh --test      everything the tests and benchmarks use
set -euo pipefail
source "$(dirname "$0")/lib.sh"

APT_PACKAGES=()
case "${1:-}" in
  "") ;;
  --postgres) APT_PACKAGES=(postgresql) ;;
  # snmp, snmpd, snmptrapd: net-snmp's tools, agent and trap receiver (the SNMP tests' peers and the reference in
  # `ngctl bench traps`); tshark: it must decode what we send.
  # softflowd, nfdump: the flow exporter and the reference collector (nfcapd) of the flow tests and `ngctl bench flows`.
  # chromium: the headless browser the Teams test drives the Agents Playground's web UI with.
  # curl: the README's commands, which a test runs as written.
  # rsyslog, bsdutils (logger): the syslog tests' peers and the reference in `ngctl bench syslog`.
  --test) APT_PACKAGES=(postgresql snmp snmpd snmptrapd tshark softflowd nfdump chromium curl rsyslog bsdutils) ;;
  *) echo "usage: $0 [--postgres|--test]" >&2; exit 2 ;;
esac

missing=()
for package in "${APT_PACKAGES[@]+"${APT_PACKAGES[@]}"}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { log "need root to install: ${missing[*]}"; exit 1; }
  log "installing ${missing[*]}"
  apt-get -o DPkg::Lock::Timeout=120 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -y -qq "${missing[@]}" >/dev/null
fi
if [ "${1:-}" != "" ] && [ -z "$(pg_bin)" ]; then log "PostgreSQL binaries not found under /usr/lib/postgresql"; exit 1; fi

# The npm tools of the tests (tests/js/package.json, pinned by its lock file): the Agents Playground, adaptivecards,
# playwright-core, swagger-parser.
# Installed again whenever the lock file changed since the last install (a copy of it is kept in node_modules).
js="$ROOT/tests/js"
if [ "${1:-}" = --test ] && ! cmp -s "$js/package-lock.json" "$js/node_modules/.installed-lock.json"; then
  command -v npm >/dev/null || { log "npm is required for the Teams and OpenAPI tests"; exit 1; }
  log "installing the tests' npm packages"
  (cd "$js" && npm ci --no-audit --no-fund --loglevel=error >/dev/null && cp package-lock.json node_modules/.installed-lock.json)
fi

command -v dotnet >/dev/null || { log "the .NET 10 SDK is required (dotnet not on PATH)"; exit 1; }
dotnet restore "$ROOT/NetworkGrains.sln" --verbosity quiet
