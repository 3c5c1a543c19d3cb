#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the store tests and print its DSN on stdout.
#   export NEWSEVENTS_TEST_PG_DSN=$(bash .ci/postgres.sh)
# Runs as root (the cluster belongs to the `postgres` user) or as any non-root user (own cluster).
# The data directory is a fresh temp dir; stop with: pg_ctl -D <dir> stop (the dir is printed on stderr).
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "postgres.sh: PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)" >&2
  exit 1
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
dir=$(mktemp -d /tmp/newsevents-pg.XXXXXX)
run_as=()
if [ "$(id -u)" = "0" ]; then
  chown postgres:postgres "$dir"
  run_as=(runuser -u postgres --)
  user=postgres
else
  user=$(id -un)
fi
"${run_as[@]}" "$bindir/initdb" -D "$dir/data" -U "$user" -A trust --no-sync >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
"${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }
echo "postgres.sh: server in $dir/data on port $port (stop: ${run_as[*]} $bindir/pg_ctl -D $dir/data stop)" >&2
echo "postgresql://$user@127.0.0.1:$port/postgres"
