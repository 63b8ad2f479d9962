#!/usr/bin/env bash
# Runs the whole test suite, first installing what it needs from Debian's packages when missing: node and npm (the
# build bundles the web tab), Chromium (the browser tests drive it) and PostgreSQL 15 (the PostgreSQL tests start servers
# of their own from its programs; this script starts no service). Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "the .NET 10 SDK is required (dotnet on PATH)" >&2
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# ANALYTICS_PG_BIN names another folder holding initdb, pg_ctl and postgres; see tests/AnalyticsCenter.TestKit/Postgres.
[ -x "${ANALYTICS_PG_BIN:-/usr/lib/postgresql/15/bin}/initdb" ] || missing+=(postgresql-15 postgresql-client-15)
if ((${#missing[@]})); then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  echo "installing ${missing[*]} (apt-get)"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# Citus (the cluster tests) is built from the vendored source when missing; see the script.
scripts/install-citus.sh

exec dotnet test "$@"
