#!/usr/bin/env bash
# A throwaway MariaDB for the connector tests, on 127.0.0.1 and a free port.
#   eval "$(bash test/servers/mariadb.sh start)"   # exports PIISCAN_TEST_MYSQL_URL and PIISCAN_TEST_MYSQL_DIR
#   bash test/servers/mariadb.sh stop "$PIISCAN_TEST_MYSQL_DIR"
# --no-defaults comes first everywhere, so Debian's /etc/mysql configuration stays out.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/test/servers/common.sh"

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/piiscan-mariadb.XXXXXX)
    port=$(free_port)
    password=piiscan-test-password
    user=$(id -un)
    mariadb-install-db --no-defaults --datadir="$dir/data" --user="$user" --auth-root-authentication-method=socket > "$dir/install.log" 2>&1
    mariadbd --no-defaults --datadir="$dir/data" --socket="$dir/sock" --pid-file="$dir/pid" --port="$port" \
      --bind-address=127.0.0.1 --user="$user" --skip-name-resolve --log-error="$dir/server.log" > /dev/null 2>&1 &
    wait_for_port "$port" "$dir" 30
    mariadb --no-defaults --socket="$dir/sock" -u root -e "
      CREATE USER 'root'@'127.0.0.1' IDENTIFIED BY '$password';
      GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
    echo "export PIISCAN_TEST_MYSQL_DIR=$dir"
    echo "export PIISCAN_TEST_MYSQL_URL=mysql://root:$password@127.0.0.1:$port/mysql"
    ;;
  stop)
    dir=${2:?usage: mariadb.sh stop DIR}
    stop_server_dir "$dir"
    ;;
  *)
    echo "usage: mariadb.sh start | stop DIR" >&2
    exit 2
    ;;
esac
