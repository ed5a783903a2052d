#!/usr/bin/env bash
# Idempotent set-up for running and testing: Debian packages the project needs, then `dotnet restore`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# postgresql: durable profile and tests; snmp, snmpd, snmptrapd: net-snmp tools, agent and trap receiver
# (the SNMP interop tests' peers, and the reference in `ngctl bench traps`); tshark: it must decode what we send.
APT_PACKAGES=(postgresql snmp snmpd snmptrapd tshark)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { log "need root to install: ${missing[*]}"; exit 1; }
  log "installing ${missing[*]}"
  apt-get -o DPkg::Lock::Timeout=120 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -y -qq "${missing[@]}" >/dev/null
fi
[ -n "$(pg_bin)" ] || { log "PostgreSQL binaries not found under /usr/lib/postgresql"; exit 1; }

command -v dotnet >/dev/null || { log "the .NET 10 SDK is required (dotnet not on PATH)"; exit 1; }
dotnet restore "$ROOT/NetworkGrains.sln" --verbosity quiet
