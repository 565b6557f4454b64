#!/usr/bin/env bash
# Builds the agents' console and the customers' widget (Vite) into frontend/*/dist, which chat
# processes serve at /console/ and /widget/. `make dev` and `make test` run it; about 5 seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
for app in console widget; do
  if ! out=$(npm run --silent build -w "frontend/$app" 2>&1); then
    echo "[frontend] building frontend/$app failed:" >&2
    echo "$out" >&2
    exit 1
  fi
done
echo "[frontend] console and widget built (frontend/console/dist, frontend/widget/dist)"
