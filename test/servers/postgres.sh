#!/usr/bin/env bash
# A throwaway PostgreSQL for the connector tests, on 127.0.0.1 and a free port.
#   eval "$(bash test/servers/postgres.sh start)"   # exports PIISCAN_TEST_PG_URL and PIISCAN_TEST_PG_DIR
#   bash test/servers/postgres.sh stop "$PIISCAN_TEST_PG_DIR"
# PostgreSQL refuses to run as root, so the server runs as the postgres user.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/test/servers/common.sh"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/piiscan-pg.XXXXXX)
    port=$(free_port)
    password=piiscan-test-password
    echo "$password" > "$dir/pwfile"
    [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
    as_postgres initdb -D "$dir/data" -U postgres --auth=scram-sha-256 --pwfile="$dir/pwfile" > "$dir/initdb.log" 2>&1
    as_postgres pg_ctl -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir" start > /dev/null
    echo "export PIISCAN_TEST_PG_DIR=$dir"
    echo "export PIISCAN_TEST_PG_URL=postgres://postgres:$password@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir=${2:?usage: postgres.sh stop DIR}
    as_postgres pg_ctl -D "$dir/data" -m fast -w stop > /dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: postgres.sh start | stop DIR" >&2
    exit 2
    ;;
esac
