#!/usr/bin/env bash
# A throwaway MariaDB for the connector tests, on 127.0.0.1 and a free port.
#   eval "$(bash test/servers/mariadb.sh start)"   # exports PIISCAN_TEST_MYSQL_URL and PIISCAN_TEST_MYSQL_DIR
#   bash test/servers/mariadb.sh stop "$PIISCAN_TEST_MYSQL_DIR"
# --no-defaults comes first everywhere, so Debian's /etc/mysql configuration stays out.
set -euo pipefail

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/piiscan-mariadb.XXXXXX)
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    password=piiscan-test-password
    user=$(id -un)
    mariadb-install-db --no-defaults --datadir="$dir/data" --user="$user" --auth-root-authentication-method=socket > "$dir/install.log" 2>&1
    mariadbd --no-defaults --datadir="$dir/data" --socket="$dir/sock" --pid-file="$dir/pid" --port="$port" \
      --bind-address=127.0.0.1 --user="$user" --skip-name-resolve --log-error="$dir/server.log" > /dev/null 2>&1 &
    for _ in $(seq 1 60); do
      mariadb-admin --no-defaults --socket="$dir/sock" -u root ping > /dev/null 2>&1 && break
      sleep 0.5
    done
    mariadb --no-defaults --socket="$dir/sock" -u root -e "
      CREATE USER 'root'@'127.0.0.1' IDENTIFIED BY '$password';
      GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
    echo "export PIISCAN_TEST_MYSQL_DIR=$dir"
    echo "export PIISCAN_TEST_MYSQL_URL=mysql://root:$password@127.0.0.1:$port/mysql"
    ;;
  stop)
    dir=${2:?usage: mariadb.sh stop DIR}
    if [ -f "$dir/pid" ]; then kill "$(cat "$dir/pid")" 2>/dev/null || true; fi
    for _ in $(seq 1 40); do [ -f "$dir/pid" ] || break; sleep 0.25; done
    rm -rf "$dir"
    ;;
  *)
    echo "usage: mariadb.sh start | stop DIR" >&2
    exit 2
    ;;
esac
