#!/usr/bin/env bash
# A throwaway ClickHouse for the connector tests, on 127.0.0.1 and free ports, in a temp dir.
#   eval "$(bash test/servers/clickhouse.sh start)"   # exports PIISCAN_TEST_CLICKHOUSE_URL and PIISCAN_TEST_CLICKHOUSE_DIR
#   bash test/servers/clickhouse.sh stop "$PIISCAN_TEST_CLICKHOUSE_DIR"
# Its own config.xml and users.xml (Debian's 18.16 reads the <yandex> root), so /etc/clickhouse-server
# stays out. Users, all with the same password: `default`; `limited`, allowed only the `other`
# database (18.16 has no GRANT: allow_databases is how a user is kept from a database); `reader`,
# whose profile is read only (it may change no setting).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/test/servers/common.sh"

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/piiscan-clickhouse.XXXXXX)
    http=$(free_port)
    tcp=$(free_port)
    password=piiscan-test-password
    mkdir -p "$dir/data" "$dir/tmp" "$dir/user_files" "$dir/format_schemas"
    cat > "$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$dir/server.log</log><errorlog>$dir/server.err.log</errorlog></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$http</http_port>
  <tcp_port>$tcp</tcp_port>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <user_files_path>$dir/user_files/</user_files_path>
  <format_schema_path>$dir/format_schemas/</format_schema_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
</yandex>
XML
    cat > "$dir/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles>
    <default><max_memory_usage>2000000000</max_memory_usage></default>
    <readonly><readonly>1</readonly></readonly>
  </profiles>
  <users>
    <default>
      <password>$password</password>
      <networks><ip>127.0.0.1</ip></networks>
      <profile>default</profile><quota>default</quota>
    </default>
    <limited>
      <password>$password</password>
      <networks><ip>127.0.0.1</ip></networks>
      <profile>default</profile><quota>default</quota>
      <allow_databases><database>other</database></allow_databases>
    </limited>
    <reader>
      <password>$password</password>
      <networks><ip>127.0.0.1</ip></networks>
      <profile>readonly</profile><quota>default</quota>
    </reader>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
    <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
    clickhouse-server --config-file="$dir/config.xml" --pid-file="$dir/pid" > "$dir/stdout.log" 2>&1 &
    for _ in $(seq 1 120); do
      [ "$(curl -s "http://127.0.0.1:$http/ping" 2>/dev/null)" = "Ok." ] && break
      sleep 0.5
    done
    echo "export PIISCAN_TEST_CLICKHOUSE_DIR=$dir"
    echo "export PIISCAN_TEST_CLICKHOUSE_URL=clickhouse://default:$password@127.0.0.1:$http/default"
    echo "export PIISCAN_TEST_CLICKHOUSE_TCP_PORT=$tcp"
    ;;
  stop)
    dir=${2:?usage: clickhouse.sh stop DIR}
    if [ -f "$dir/pid" ]; then kill "$(cat "$dir/pid")" 2>/dev/null || true; fi
    for _ in $(seq 1 40); do [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null || break; sleep 0.25; done
    # The pid file may name only one of the server's processes: stop whatever runs on this config.
    pkill -f "$dir/config.xml" 2>/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: clickhouse.sh start | stop DIR" >&2
    exit 2
    ;;
esac
