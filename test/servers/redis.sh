#!/usr/bin/env bash
# A throwaway Redis for the connector tests, on 127.0.0.1 and a free port, in a temp dir.
#   eval "$(bash test/servers/redis.sh start)"   # exports PIISCAN_TEST_REDIS_URL and PIISCAN_TEST_REDIS_DIR
#   bash test/servers/redis.sh stop "$PIISCAN_TEST_REDIS_DIR"
# Its own redis.conf (nothing saved to disk). Users: `default` with a password, and `limited`,
# which may run read commands on keys under `public:` only (to test what a denied read looks like).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/test/servers/common.sh"

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/piiscan-redis.XXXXXX)
    port=$(free_port)
    password=piiscan-test-password
    cat > "$dir/redis.conf" <<CONF
bind 127.0.0.1
port $port
dir $dir
pidfile $dir/pid
logfile $dir/server.log
daemonize yes
save ""
appendonly no
user default on >$password ~* &* +@all
user limited on >$password ~public:* +@read +@connection +scan +type
CONF
    redis-server "$dir/redis.conf"
    wait_for_port "$port" "$dir"
    echo "export PIISCAN_TEST_REDIS_DIR=$dir"
    echo "export PIISCAN_TEST_REDIS_URL=redis://default:$password@127.0.0.1:$port/0"
    ;;
  stop)
    dir=${2:?usage: redis.sh stop DIR}
    stop_server_dir "$dir"
    ;;
  *)
    echo "usage: redis.sh start | stop DIR" >&2
    exit 2
    ;;
esac
