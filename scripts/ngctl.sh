#!/usr/bin/env bash
# Builds (Release) and runs ngctl: scripts/ngctl.sh devices list | bench ingest | bench memory ...
set -euo pipefail
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/bootstrap.sh"
dotnet build "$ROOT/src/NetworkGrains.Cli" -c Release --nologo -v quiet -clp:ErrorsOnly
exec "$ROOT/src/NetworkGrains.Cli/bin/Release/net10.0/ngctl" "$@"
