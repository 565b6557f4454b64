#!/usr/bin/env bash
# What `make test` runs once dependencies are installed and started: typecheck, lint, every test,
# then one summary line. Any failure makes the exit status non-zero.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
# shellcheck source=node-env.sh
source scripts/node-env.sh || exit 1
status=0
step() { echo; echo "== $1"; shift; "$@" || { echo "!! FAILED: $*" >&2; status=1; }; }

# .node-version is the one place the Node.js version is written; the images' base and the types
# must follow it (an ARG default cannot be read from a file).
node_pins() {
  local v major bad=0 f types; v=$(tr -d ' \t\r\n' <.node-version); major=${v%%.*}
  [[ $(node --version) == "v$v" ]] || { echo "running $(node --version), .node-version says $v" >&2; bad=1; }
  for f in Dockerfile operator/Dockerfile; do
    grep -q "^ARG NODE_IMAGE=node:$v-" "$f" || { echo "$f: ARG NODE_IMAGE is not node:$v-*" >&2; bad=1; }
  done
  types=$(node -p 'require("./package.json").devDependencies["@types/node"]')
  [[ ${types%%.*} == "$major" ]] || { echo "package.json: @types/node $types is not $major.x" >&2; bad=1; }
  node -e 'const [v, range] = process.argv.slice(1); if (!require("semver").satisfies(v, range)) { console.error("package.json: engines.node " + range + " excludes " + v); process.exit(1); }' \
    "$v" "$(node -p 'require("./package.json").engines.node')" || bad=1
  return "$bad"
}
step "Node.js $(node --version) as pinned in .node-version (images, engines, @types/node)" node_pins
step "typecheck (tsc -b)" npx --no-install tsc -b
typecheck_frontend() { local p; for p in kit console widget; do npx --no-install tsc -p "frontend/$p" || return 1; done; }
step "typecheck (console, widget, kit)" typecheck_frontend
step "build (console and widget, vite)" scripts/build-frontend.sh
step "bundle sizes (gzip, against the budgets)" node scripts/bundle-size.mjs
step "lint (eslint)" npx --no-install eslint --max-warnings 0 .
step "shell scripts (shellcheck)" shellcheck -x scripts/*.sh scripts/infra/*.sh .ci/run
step "alert rules (promtool)" bash -c 'promtool check rules dashboards/prometheus/rules/*.yml && cd dashboards/prometheus/tests && promtool test rules ./*.yml'
rm -rf var/test-results/*.json var/test-results/screenshots
step "tests (vitest, real dependencies)" npx --no-install vitest run
# A real chat process's OpenAPI document against schemathesis, and the kit's REST types against it.
step "API check (schemathesis against /v1/openapi.json, generated REST types)" scripts/api-check.sh
step "browser tests (console and widget in Chromium, one file at a time)" npx --no-install vitest run --config vitest.e2e.config.ts
# After the tests, because these kill and restart the shared dependencies.
step "fault tests (dependencies killed under load, one at a time)" npx --no-install vitest run --config vitest.faults.config.ts
step "recovery: dependencies killed and restarted under a running chat process" scripts/recovery-check.sh
echo
node scripts/test-summary.mjs var/test-results/vitest.json var/test-results/vitest-api-check.json var/test-results/vitest-e2e.json var/test-results/vitest-faults.json var/test-results/recovery.json || status=1
exit $status
