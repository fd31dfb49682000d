#!/usr/bin/env bash
# A throwaway S3-protocol server (s3rver from npm) for the S3 connector tests, on 127.0.0.1 and a free port.
#   eval "$(bash test/servers/s3.sh start)"   # exports PIISCAN_TEST_S3_ENDPOINT and PIISCAN_TEST_S3_DIR
#   bash test/servers/s3.sh stop "$PIISCAN_TEST_S3_DIR"
# s3rver needs OpenSSL's legacy provider (paginated listings fail with HTTP 500 without it). Its
# credentials are access key S3RVER, secret S3RVER.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/test/servers/common.sh"

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/piiscan-s3.XXXXXX)
    port=$(free_port)
    mkdir "$dir/data"
    nohup node --openssl-legacy-provider "$root/node_modules/s3rver/bin/s3rver.js" \
      -d "$dir/data" -a 127.0.0.1 -p "$port" --silent --no-vhost-buckets > "$dir/server.log" 2>&1 &
    echo $! > "$dir/pid"
    wait_for_port "$port" "$dir"
    echo "export PIISCAN_TEST_S3_DIR=$dir"
    echo "export PIISCAN_TEST_S3_ENDPOINT=http://127.0.0.1:$port"
    ;;
  stop)
    dir=${2:?usage: s3.sh stop DIR}
    stop_server_dir "$dir"
    ;;
  *)
    echo "usage: s3.sh start | stop DIR" >&2
    exit 2
    ;;
esac
