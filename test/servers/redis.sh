#!/usr/bin/env bash
# A throwaway Redis for the connector tests, on 127.0.0.1 and a free port, in a temp dir.
#   eval "$(bash test/servers/redis.sh start)"   # exports PIISCAN_TEST_REDIS_URL and PIISCAN_TEST_REDIS_DIR
#   bash test/servers/redis.sh stop "$PIISCAN_TEST_REDIS_DIR"
# Its own redis.conf (nothing saved to disk). Users: `default` with a password, and `limited`,
# which may run read commands on keys under `public:` only (to test what a denied read looks like).
set -euo pipefail

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/piiscan-redis.XXXXXX)
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
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
    for _ in $(seq 1 40); do
      redis-cli -h 127.0.0.1 -p "$port" --no-auth-warning -a "$password" ping > /dev/null 2>&1 && break
      sleep 0.25
    done
    echo "export PIISCAN_TEST_REDIS_DIR=$dir"
    echo "export PIISCAN_TEST_REDIS_URL=redis://default:$password@127.0.0.1:$port/0"
    ;;
  stop)
    dir=${2:?usage: redis.sh stop DIR}
    if [ -f "$dir/pid" ]; then kill "$(cat "$dir/pid")" 2>/dev/null || true; fi
    for _ in $(seq 1 40); do [ -f "$dir/pid" ] || break; sleep 0.25; done
    rm -rf "$dir"
    ;;
  *)
    echo "usage: redis.sh start | stop DIR" >&2
    exit 2
    ;;
esac
