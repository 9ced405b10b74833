#!/usr/bin/env bash
# Prepare this machine for the project's tests:
#   PostgreSQL 15 + pgvector, Redis 7, Debian chromium + fonts,
#   databases consailt / consailt_test (with the vector extension), role consailt_app.
# Idempotent: a second run does no apt work and finishes in a few seconds.
set -euo pipefail

PG_VERSION=15
PG_CLUSTER=main
PG_HOST=127.0.0.1
PG_PORT=5432
PG_SUPERUSER=postgres
PG_CONFIG="/usr/lib/postgresql/${PG_VERSION}/bin/pg_config"
REDIS_HOST=127.0.0.1
REDIS_PORT=6379
DATABASES=(consailt_test consailt)
APP_ROLE=consailt_app
APP_PASSWORD=consailt_app
TRIXIE_SRC_LIST=/etc/apt/sources.list.d/trixie-src.list

export DEBIAN_FRONTEND=noninteractive

log() { echo "[provision] $*"; }
die() { echo "[provision] ERROR: $*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || die "must run as root (or have sudo)"
  SUDO="sudo"
fi

WORKDIR="$(mktemp -d /tmp/provision.XXXXXX)"
cleanup() {
  rm -rf "$WORKDIR" 2>/dev/null || true
  # The trixie deb-src entry is only needed while fetching pgvector's source.
  if [ -f "$TRIXIE_SRC_LIST" ] && [ "${KEEP_TRIXIE_SRC:-0}" != "1" ]; then
    $SUDO rm -f "$TRIXIE_SRC_LIST" || true
  fi
}
trap cleanup EXIT

# Serialise concurrent runs.
if command -v flock >/dev/null 2>&1; then
  exec 9>/tmp/consailt-provision.lock
  flock -w 600 9 || die "another provision run holds /tmp/consailt-provision.lock"
fi

# Run a noisy command quietly; on failure show the tail of its output and abort.
quiet() {
  local what="$1"; shift
  local out="$WORKDIR/cmd.log"
  if ! "$@" >"$out" 2>&1; then
    echo "[provision] ERROR: $what failed: $*" >&2
    tail -n 60 "$out" >&2 || true
    exit 1
  fi
  # apt prints non-fatal problems as W:/E: lines; surface them.
  grep -E '^(E|W): ' "$out" >&2 || true
}

APT_UPDATED=0
apt_update() {
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    quiet "apt-get update" $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -qq update
    APT_UPDATED=1
  fi
}
apt_install() {
  apt_update
  log "apt-get install $*"
  quiet "apt-get install $*" $SUDO env DEBIAN_FRONTEND=noninteractive \
    apt-get -qq -y -o Dpkg::Use-Pty=0 --no-install-recommends install "$@"
}
pkg_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = "installed" ]
}

psql_su() {
  PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_SUPERUSER" -v ON_ERROR_STOP=1 -X -q -At "$@"
}

# ---------------------------------------------------------------- 1. PostgreSQL
pg_up() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" >/dev/null 2>&1; }
command -v pg_isready >/dev/null 2>&1 || die "pg_isready not found: is postgresql-client-${PG_VERSION} installed?"
if pg_up; then
  log "postgresql ${PG_VERSION} already running on ${PG_HOST}:${PG_PORT}"
else
  log "starting postgresql ${PG_VERSION}/${PG_CLUSTER}"
  command -v pg_ctlcluster >/dev/null 2>&1 || die "pg_ctlcluster not found: is postgresql-${PG_VERSION} installed?"
  # 9>&-: the server must not inherit the provision lock fd (it would hold the lock forever).
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" start 9>&- \
    || die "pg_ctlcluster could not start cluster ${PG_VERSION}/${PG_CLUSTER} (see /var/log/postgresql/postgresql-${PG_VERSION}-${PG_CLUSTER}.log)"
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || die "postgresql not ready on ${PG_HOST}:${PG_PORT} after 30 s"
  log "postgresql is ready"
fi

# Settings below take effect only on a restart.
restart_postgres() {
  command -v pg_ctlcluster >/dev/null 2>&1 || die "pg_ctlcluster not found: cannot restart postgresql"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" restart 9>&- \
    || die "pg_ctlcluster could not restart cluster ${PG_VERSION}/${PG_CLUSTER}"
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || die "postgresql not ready after the restart"
}

# pgvector's HNSW search is only fast when the index sits in shared buffers (pgvector's own
# guidance); Debian's 128 MB default cannot hold the 100k-chunk benchmark's ~800 MB index, so every
# search re-reads thousands of pages from the OS cache. 2 GB on this 24 GB machine (docs/DEPLOYMENT.md).
PG_SHARED_BUFFERS="${PG_SHARED_BUFFERS:-2GB}"
current_sb="$(psql_su -d postgres -c "select pg_size_bytes(current_setting('shared_buffers')) >= pg_size_bytes('${PG_SHARED_BUFFERS}')")"
if [ "$current_sb" != "t" ]; then
  log "setting shared_buffers=${PG_SHARED_BUFFERS} and restarting postgresql"
  psql_su -d postgres -c "alter system set shared_buffers = '${PG_SHARED_BUFFERS}'"
  restart_postgres
fi

# Huge pages for PostgreSQL's shared memory (huge_pages = try, the default, uses them once the
# kernel has them). With 4 kB pages every backend takes a page fault the first time it touches
# each page of shared buffers: a pooled connection's first HNSW walk of an index partition cost
# 40-60 ms instead of 2-4 ms, and with one graph per partition of organizations that was much of
# a search's tail. Best effort: a kernel that refuses (no privilege) leaves 4 kB pages.
HUGEPAGE_KB="$(awk '/^Hugepagesize:/ {print $2}' /proc/meminfo 2>/dev/null || true)"
if [ -n "$HUGEPAGE_KB" ] && [ -w /proc/sys/vm/nr_hugepages ]; then
  sb_kb="$(psql_su -d postgres -c "select pg_size_bytes(current_setting('shared_buffers')) / 1024")"
  wanted=$(( sb_kb * 115 / 100 / HUGEPAGE_KB ))
  if [ "$(cat /proc/sys/vm/nr_hugepages)" -lt "$wanted" ]; then
    log "reserving ${wanted} huge pages for postgresql's shared memory"
    echo "$wanted" > /proc/sys/vm/nr_hugepages || true
  fi
  in_use="$(awk '/^HugePages_(Total|Free|Rsvd):/ {v[$1]=$2} END {print v["HugePages_Total:"] - v["HugePages_Free:"] + v["HugePages_Rsvd:"]}' /proc/meminfo)"
  if [ "$in_use" -eq 0 ] && [ "$(cat /proc/sys/vm/nr_hugepages)" -ge "$wanted" ]; then
    log "restarting postgresql onto huge pages"
    restart_postgres
  fi
else
  log "huge pages not available here: postgresql keeps 4 kB pages"
fi

# --------------------------------------------------------------------- 2. Redis
redis_up() { [ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null || true)" = "PONG" ]; }
command -v redis-cli >/dev/null 2>&1 || die "redis-cli not found: is redis-tools installed?"
if redis_up; then
  log "redis already running on ${REDIS_HOST}:${REDIS_PORT}"
else
  log "starting redis"
  command -v redis-server >/dev/null 2>&1 || die "redis-server not found: is redis-server installed?"
  redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" --save "" --appendonly no \
    </dev/null >/dev/null 9>&- || die "redis-server failed to start"
  for _ in $(seq 1 30); do redis_up && break; sleep 1; done
  redis_up || die "redis did not answer PONG on ${REDIS_HOST}:${REDIS_PORT} after 30 s"
  log "redis is ready"
fi

# ----------------------------------------------------- 3./4. what apt work is needed
PG_SHAREDIR="/usr/share/postgresql/${PG_VERSION}"
PG_PKGLIBDIR="/usr/lib/postgresql/${PG_VERSION}/lib"
vector_present() { [ -f "${PG_SHAREDIR}/extension/vector.control" ] && [ -f "${PG_PKGLIBDIR}/vector.so" ]; }

NEED_VECTOR=0
vector_present || NEED_VECTOR=1

APT_PKGS=()
[ -x /usr/bin/chromium ] || APT_PKGS+=(chromium)
pkg_installed fonts-dejavu-core || APT_PKGS+=(fonts-dejavu-core)
pkg_installed fonts-liberation || APT_PKGS+=(fonts-liberation)
if [ "$NEED_VECTOR" -eq 1 ]; then
  for p in "postgresql-server-dev-${PG_VERSION}" build-essential dpkg-dev xz-utils; do
    pkg_installed "$p" || APT_PKGS+=("$p")
  done
fi

if [ "$NEED_VECTOR" -eq 0 ] && [ "${#APT_PKGS[@]}" -eq 0 ]; then
  log "pgvector, chromium and fonts already present: skipping apt"
fi

# The Debian mirror URI this machine actually uses for bookworm's main archive.
debian_mirror_uri() {
  local uri=""
  if [ -f /etc/apt/sources.list ]; then
    uri="$(awk '$1=="deb" { for (i=2;i<=NF;i++) if ($i !~ /^\[/ && $i !~ /\]$/ && $i !~ /=/) { if ($(i+1) ~ /^bookworm$|^stable$/) print $i; break } }' /etc/apt/sources.list | head -n1)"
  fi
  if [ -z "$uri" ]; then
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -f "$f" ] || continue
      uri="$(awk '
        function flush() { if (types ~ /(^| )deb( |$)/ && suites ~ /(^| )(bookworm|stable)( |$)/ && uris != "") { split(uris, a, " "); print a[1]; found=1; exit } types=""; suites=""; uris="" }
        /^[[:space:]]*$/ { flush(); next }
        /^Types:/  { sub(/^Types:[[:space:]]*/, "");  types=$0 }
        /^Suites:/ { sub(/^Suites:[[:space:]]*/, ""); suites=$0 }
        /^URIs:/   { sub(/^URIs:[[:space:]]*/, "");   uris=$0 }
        END { if (!found) flush() }' "$f" | head -n1)"
      [ -n "$uri" ] && break
    done
  fi
  if [ -z "$uri" ]; then
    for f in /etc/apt/sources.list.d/*.list; do
      [ -f "$f" ] || continue
      uri="$(awk '$1=="deb" { for (i=2;i<=NF;i++) if ($i !~ /^\[/ && $i !~ /\]$/ && $i !~ /=/) { if ($(i+1) ~ /^bookworm$|^stable$/) print $i; break } }' "$f" | head -n1)"
      [ -n "$uri" ] && break
    done
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

if [ "$NEED_VECTOR" -eq 1 ]; then
  MIRROR="$(debian_mirror_uri)"
  KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
  OPTS=""
  [ -f "$KEYRING" ] && OPTS="[signed-by=${KEYRING}] "
  log "adding source-only (deb-src) entry for trixie from ${MIRROR}"
  # deb-src ONLY: never a trixie 'deb' line, so no trixie binary package can be installed.
  echo "deb-src ${OPTS}${MIRROR} trixie main" | $SUDO tee "$TRIXIE_SRC_LIST" >/dev/null
  APT_UPDATED=0
fi

if [ "${#APT_PKGS[@]}" -gt 0 ]; then
  apt_install "${APT_PKGS[@]}"
elif [ "$NEED_VECTOR" -eq 1 ]; then
  apt_update
fi

# ------------------------------------------------------------------ 3. pgvector
if [ "$NEED_VECTOR" -eq 1 ]; then
  [ -x "$PG_CONFIG" ] || die "$PG_CONFIG missing after installing postgresql-server-dev-${PG_VERSION}"
  SRC="$WORKDIR/src"
  mkdir -p "$SRC"
  chmod 0755 "$WORKDIR"
  chown _apt "$SRC" 2>/dev/null || chmod 0777 "$SRC"
  log "downloading pgvector source from trixie"
  (cd "$SRC" && quiet "apt-get source pgvector" $SUDO apt-get -qq --download-only --only-source source pgvector/trixie)
  DSC="$(ls "$SRC"/pgvector_*.dsc 2>/dev/null | head -n1 || true)"
  [ -n "$DSC" ] || die "apt-get source did not produce a pgvector .dsc in $SRC"
  log "unpacking $(basename "$DSC")"
  # apt already verified the files against the signed Sources index; dpkg-source
  # only warns that it cannot check the uploader's signature itself.
  quiet "dpkg-source -x" dpkg-source -x "$DSC" "$SRC/pgvector"
  log "building pgvector against PostgreSQL ${PG_VERSION}"
  # OPTFLAGS="" drops pgvector's default -march=native (as Debian's packaging does),
  # so the installed library does not depend on this host's CPU.
  quiet "make pgvector" make -C "$SRC/pgvector" -j"$(nproc 2>/dev/null || echo 2)" PG_CONFIG="$PG_CONFIG" OPTFLAGS=""
  quiet "make install pgvector" $SUDO make -C "$SRC/pgvector" install PG_CONFIG="$PG_CONFIG" OPTFLAGS=""
  vector_present || die "pgvector installed but ${PG_SHAREDIR}/extension/vector.control or ${PG_PKGLIBDIR}/vector.so is missing"
  $SUDO rm -f "$TRIXIE_SRC_LIST"
  log "pgvector installed"
else
  log "pgvector already installed"
fi

[ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after install"
log "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -n1 || echo present)"

# --------------------------------------------------- 5. databases, extension, role
psql_su -d postgres -c "select 1 from pg_available_extensions where name='vector'" | grep -q 1 \
  || die "postgres does not see the vector extension (is it installed for PostgreSQL ${PG_VERSION}?)"

for db in "${DATABASES[@]}"; do
  if [ "$(psql_su -d postgres -c "select 1 from pg_database where datname='${db}'")" != "1" ]; then
    log "creating database ${db}"
    psql_su -d postgres -c "create database \"${db}\" owner \"${PG_SUPERUSER}\"" \
      || die "could not create database ${db}"
  fi
  psql_su -d "$db" -c "create extension if not exists vector" \
    || die "could not create extension vector in ${db}"
  log "database ${db} ready (vector $(psql_su -d "$db" -c "select extversion from pg_extension where extname='vector'"))"
done

psql_su -d postgres <<SQL || die "could not create/update role ${APP_ROLE}"
do \$\$
begin
  if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
    create role ${APP_ROLE} login nosuperuser nobypassrls password '${APP_PASSWORD}';
  end if;
end
\$\$;
SQL
log "role ${APP_ROLE} ready"

log "done"
