#!/usr/bin/env bash
# A throwaway Azure Blob Storage emulator (Azurite from npm) for the Azure connector tests, on
# 127.0.0.1 and a free port.
#   eval "$(bash test/servers/azurite.sh start)"   # exports PIISCAN_TEST_AZURITE_ENDPOINT and PIISCAN_TEST_AZURITE_DIR
#   bash test/servers/azurite.sh stop "$PIISCAN_TEST_AZURITE_DIR"
# The endpoint is the blob service of Azurite's development account, devstoreaccount1, whose key is
# the published one (a connection string with it is the way in: Azurite takes tokens over HTTPS only).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/test/servers/common.sh"

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/piiscan-azurite.XXXXXX)
    port=$(free_port)
    mkdir "$dir/data"
    nohup node "$root/node_modules/azurite/dist/src/blob/main.js" --blobHost 127.0.0.1 --blobPort "$port" \
      --location "$dir/data" --silent --skipApiVersionCheck --disableTelemetry > "$dir/server.log" 2>&1 &
    echo $! > "$dir/pid"
    wait_for_port "$port" "$dir"
    echo "export PIISCAN_TEST_AZURITE_DIR=$dir"
    echo "export PIISCAN_TEST_AZURITE_ENDPOINT=http://127.0.0.1:$port/devstoreaccount1"
    ;;
  stop)
    dir=${2:?usage: azurite.sh stop DIR}
    stop_server_dir "$dir"
    ;;
  *)
    echo "usage: azurite.sh start | stop DIR" >&2
    exit 2
    ;;
esac
