# Sourced by .ci/run: a throwaway PostgreSQL cluster for the suite's PostgreSQL pass. Debian's
# `postgresql` package gives the server binaries (installed when absent); the cluster lives in a
# temp dir, listens on a free loopback port and is stopped when the run exits. The tests create
# their own databases on it (test/helpers/pg.ts).

pg_bindir() {
  local dir
  dir=$(pg_config --bindir 2>/dev/null || true)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    dir=$(pg_config --bindir)
  fi
  echo "$dir"
}

# initdb and postgres refuse to run as root: use the package's postgres user then.
as_pg() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

start_postgres() {
  local bindir port
  bindir=$(pg_bindir)
  PG_CI_DIR=$(mktemp -d)
  [ "$(id -u)" = 0 ] && chown postgres "$PG_CI_DIR"
  port=$(node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
  as_pg "$bindir/initdb -D $PG_CI_DIR/data -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
  # Durability is not under test: no fsync keeps thousands of CREATE DATABASE cheap.
  as_pg "$bindir/pg_ctl -D $PG_CI_DIR/data -l $PG_CI_DIR/server.log -w start -o \"-p $port -k $PG_CI_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400\"" >/dev/null
  PG_CI_BINDIR=$bindir
  export BEDROCK_SPEND_TEST_PG="postgres://postgres@127.0.0.1:$port/postgres"
  echo "ci: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on port $port ($PG_CI_DIR)"
}

stop_postgres() {
  [ -n "${PG_CI_DIR:-}" ] || return 0
  as_pg "$PG_CI_BINDIR/pg_ctl -D $PG_CI_DIR/data -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$PG_CI_DIR"
}
