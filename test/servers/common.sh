# Shared by the test servers' scripts (sourced): a free loopback port, waiting for a server to
# listen, and stopping a server started with its pid in DIR/pid.

# Prints a free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits up to SECONDS (default ten) for 127.0.0.1:PORT to accept; fails with DIR/server.log otherwise.
wait_for_port() {
  local port=$1 dir=$2 seconds=${3:-10}
  for _ in $(seq $((seconds * 10))); do
    if (echo > "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then return 0; fi
    sleep 0.1
  done
  cat "$dir/server.log" >&2
  return 1
}

# Stops the server whose pid is in DIR/pid, waits up to ten seconds for it to exit (so that its
# files are closed), and removes DIR.
stop_server_dir() {
  local dir=$1 pid
  if [ -f "$dir/pid" ]; then
    pid=$(cat "$dir/pid")
    kill "$pid" 2> /dev/null || true
    for _ in $(seq 40); do
      kill -0 "$pid" 2> /dev/null || break
      sleep 0.25
    done
  fi
  rm -rf "$dir"
}
