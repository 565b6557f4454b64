#!/usr/bin/env bash
# Installs the npm workspaces from package-lock.json when node_modules is missing or older than
# the lock file. npm's download cache (~/.npm) lives outside the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if ((node_major < 20)); then echo "Node.js >= 20 is required (found $(node --version 2>/dev/null || echo none))" >&2; exit 1; fi
stamp=node_modules/.package-lock.json
if [[ ! -f $stamp || package-lock.json -nt $stamp ]]; then
  echo "[deps] npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
