#!/usr/bin/env bash
# Installs the npm workspaces from package-lock.json when node_modules is missing or older than
# the lock file, on the pinned Node.js (scripts/node-env.sh). npm's download cache (~/.npm) lives
# outside the checkout. node_modules remembers the Node.js it was installed under: after a change of
# .node-version, `npm rebuild` re-runs the packages' install scripts for the new Node (the native
# modules here are Node-API builds that load on any version, so this is a safeguard, about 1 s).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=node-env.sh
source scripts/node-env.sh
stamp=node_modules/.package-lock.json
node_stamp=node_modules/.smartchat-node-version
node_version=$(node --version)
if [[ ! -f $stamp || package-lock.json -nt $stamp ]]; then
  echo "[deps] npm ci (Node.js $node_version)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$node_version" >"$node_stamp"
elif [[ ! -f $node_stamp || $(<"$node_stamp") != "$node_version" ]]; then
  echo "[deps] node_modules was installed under another Node.js: npm rebuild for $node_version"
  npm rebuild --loglevel=error
  echo "$node_version" >"$node_stamp"
fi
