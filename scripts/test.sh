#!/usr/bin/env bash
# Runs every test project against a private PostgreSQL on a free loopback port, then prints
# "N passed, N failed, N skipped" counted from the TRX results. Exits non-zero if anything failed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

"$ROOT/scripts/bootstrap.sh" --test
dotnet build "$ROOT/NetworkGrains.sln" -c Release --nologo -v quiet -clp:ErrorsOnly
# .editorconfig's layout; its style rules fail the build above (EnforceCodeStyleInBuild), so this pass needs no compiler.
format_status=0
dotnet format whitespace "$ROOT/NetworkGrains.sln" --verify-no-changes || { log "FAILED dotnet format whitespace --verify-no-changes (run: dotnet format whitespace NetworkGrains.sln)"; format_status=1; }

work="$(mktemp -d /tmp/networkgrains-test.XXXXXX)"
chmod 755 "$work"
export NG_PG_DIR="$work/postgres" NG_PG_PORT="$(free_port)" NG_PG_FAST=1
cleanup() { "$ROOT/scripts/postgres.sh" stop || true; rm -rf "$work"; }
trap cleanup EXIT
"$ROOT/scripts/postgres.sh" start
export NG_TEST_PG="Host=127.0.0.1;Port=$NG_PG_PORT;Username=postgres;Database=postgres"
# A whole run: the integration tests' last check asks that every API operation succeeded somewhere in it.
export NG_API_COVERAGE=1

results="$ROOT/.data/test-results"
rm -rf "$results" && mkdir -p "$results"
status=$format_status
for project in "$ROOT"/tests/*.Tests/*.csproj; do
  name="$(basename "$project" .csproj)"
  log "testing $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" || status=1
  [ -f "$results/$name.trx" ] || { log "$name produced no results (test host crashed?)"; status=1; }
done

# One TRX file per project; its <Counters> element holds the outcome totals. CI shows only the tail of this
# output, so each file's failed tests are named there too (with the first lines of why), just above the count.
count() { grep -o '<Counters [^>]*>' "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
name_failures() {
  awk '
    /<UnitTestResult / && !/outcome="Passed"/ && !/outcome="NotExecuted"/ {
      match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); gsub(/&quot;/, "\"", name)
      print "FAILED " name; reading = 1; shown = 0; next }
    reading && /<Message>/ { inMessage = 1 }
    reading && inMessage && shown < 6 { line = $0; gsub(/<\/?Message>|^ +/, "", line); print "  " line; shown++ }
    reading && /<\/Message>/ { inMessage = 0 }
    reading && /<\/UnitTestResult>/ { reading = 0 }
  ' "$1"
}
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  passed=$((passed + $(count "$trx" passed)))
  failed=$((failed + $(count "$trx" failed) + $(count "$trx" error) + $(count "$trx" timeout) + $(count "$trx" aborted)))
  skipped=$((skipped + $(count "$trx" notExecuted)))
  name_failures "$trx"
done
[ "$failed" -gt 0 ] && status=1
[ "$passed" -eq 0 ] && { log "no test passed"; status=1; }
[ "$format_status" -eq 0 ] || echo "FAILED dotnet format whitespace --verify-no-changes: the layout differs from .editorconfig"
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
