#!/usr/bin/env bash
# Builds Citus from the vendored source and installs it into Debian's PostgreSQL 15 when it is not installed yet: Debian
# has no Citus package. Quiet when Citus is already there; says what failed otherwise (the build log goes to stderr).
# CITUS_TARBALL names another source archive; ANALYTICS_PG_BIN another PostgreSQL (its pg_config is used).
set -euo pipefail
cd "$(dirname "$0")/.."

version=13.2.2
tarball=${CITUS_TARBALL:-../shared/vendor/citus-$version.tar.gz}
pg_bin=${ANALYTICS_PG_BIN:-/usr/lib/postgresql/15/bin}
packages=(postgresql-15 postgresql-server-dev-15 libkrb5-dev libzstd-dev liblz4-dev build-essential)

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi

# Cheap check: the library carries its version string and the control file names the default extension version.
installed() {
  [ -x "$pg_bin/pg_config" ] || return 1
  local lib share
  lib=$("$pg_bin/pg_config" --pkglibdir)
  share=$("$pg_bin/pg_config" --sharedir)
  [ -f "$lib/citus.so" ] && grep -aq "Citus $version" "$lib/citus.so" &&
    grep -q "^default_version = '${version%.*}-" "$share/extension/citus.control"
}
installed && exit 0

if [ ! -f "$tarball" ]; then
  echo "install-citus: the Citus source $tarball is missing" >&2
  exit 1
fi

# Server and headers in one call so their minor versions match (the build links against the headers of the server it loads into).
echo "install-citus: installing ${packages[*]} (apt-get)"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log=$work/build.log
tar -xzf "$tarball" -C "$work"
src=$work/citus-$version

# Debian's PostgreSQL 15 headers (15.20 on) declare have_createdb_privilege, which Citus also defines for PostgreSQL < 16:
# rename Citus's copy so both compile.
compat=$src/src/include/pg_version_compat.h
if ! grep -q 'citus_have_createdb_privilege' "$compat"; then
  sed -i '/^have_createdb_privilege(void)$/i #define have_createdb_privilege citus_have_createdb_privilege' "$compat"
fi

echo "install-citus: building Citus $version (about a minute)"
build() {
  cd "$src" &&
    ./configure --without-libcurl PG_CONFIG="$pg_bin/pg_config" &&
    make -j2 with_llvm=no &&
    "${sudo[@]}" make install with_llvm=no
}
if ! (build) >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "install-citus: building Citus $version failed (log above)" >&2
  exit 1
fi
if ! installed; then
  echo "install-citus: Citus $version was built but is not found under $("$pg_bin/pg_config" --pkglibdir)" >&2
  exit 1
fi
echo "install-citus: Citus $version installed"
