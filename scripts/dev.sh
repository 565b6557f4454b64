#!/usr/bin/env bash
# `make dev`: install what is missing, start the dependencies, migrate, start every service, print
# where everything is. Ctrl-C stops the services; `make down` stops the dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# shellcheck source=node-env.sh
source scripts/node-env.sh

scripts/ensure-node-deps.sh
scripts/build-frontend.sh
scripts/infra/all.sh up
# shellcheck source=infra/smartchat.env
set -a; source scripts/infra/smartchat.env; set +a
mkdir -p var/dev "$SMARTCHAT_PROMETHEUS_SD_DIR"
# The demo site stands in for the company's back-office: chat asks it for customer data.
export SMARTCHAT_BACKOFFICE_URL=${SMARTCHAT_BACKOFFICE_URL:-http://127.0.0.1:$SC_DEMO_PORT}
# Only the demo site may frame the widget; reset links point at the local console.
export SMARTCHAT_WIDGET_FRAME_ANCESTORS=${SMARTCHAT_WIDGET_FRAME_ANCESTORS:-http://127.0.0.1:$SC_DEMO_PORT}
export SMARTCHAT_PUBLIC_URL=${SMARTCHAT_PUBLIC_URL:-http://127.0.0.1:$SC_CHAT_PORT}
# The demo back-office's integration credentials: the seed writes them, the demo site reads them.
export SMARTCHAT_DEMO_INTEGRATION_FILE=${SMARTCHAT_DEMO_INTEGRATION_FILE:-$root/var/dev/demo-integration.json}

echo "[dev] applying migrations"
node --import tsx services/platform/src/bin/migrate.ts >var/dev/migrate.log 2>&1 \
  || { echo "[dev] migrations failed:" >&2; tail -n 30 var/dev/migrate.log >&2; exit 1; }

pids=()
stop_services() {
  trap - INT TERM EXIT
  if ((${#pids[@]})); then
    echo; echo "[dev] stopping services (dependencies keep running; 'make down' stops them)"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap 'stop_services; exit 0' INT TERM
trap stop_services EXIT

# service NAME PORT OPS_PORT ENTRYPOINT: start one service with its log in var/dev/NAME.log; it is
# ready when /readyz on OPS_PORT says so (chat serves it on its operations port only; the
# balancer's one port is its operations port).
start_service() {
  local name=$1 port=$2 ops_port=$3 entry=$4
  SMARTCHAT_HTTP_PORT=$port SMARTCHAT_OPS_PORT=$ops_port node --import tsx "$entry" >>"var/dev/$name.log" 2>&1 &
  pids+=($!)
  local deadline=$((SECONDS + 60))
  until curl -fsS "http://127.0.0.1:$ops_port/readyz" >/dev/null 2>&1; do
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then echo "[dev] $name exited during start-up; last lines of var/dev/$name.log:" >&2; tail -n 30 "var/dev/$name.log" >&2; exit 1; fi
    if ((SECONDS > deadline)); then echo "[dev] $name not ready after 60s; readiness says:" >&2; curl -sS "http://127.0.0.1:$ops_port/readyz" >&2 || true; echo >&2; exit 1; fi
    sleep 0.5
  done
  echo "[dev] $name ready"
}

start_service chat "$SC_CHAT_PORT" "$SC_CHAT_OPS_PORT" services/chat/src/main.ts
start_service balancer "$SC_BALANCER_PORT" "$SC_BALANCER_PORT" services/balancer/src/main.ts
# The statistics pipeline: one member of the smartchat-stats consumer group; its one port is its
# operations port.
start_service stats "$SC_STATS_OPS_PORT" "$SC_STATS_OPS_PORT" services/stats/src/main.ts
# The e-mail channel: reads the demo mailbox on the local mail server, sends answers through it,
# and takes relayed mail on its own SMTP port.
export SMARTCHAT_MAIL_SMTP_HOST=127.0.0.1 SMARTCHAT_MAIL_SMTP_PORT=$SC_MAIL_RELAY_PORT SMARTCHAT_MAIL_POLL_MS=5000
start_service mail "$SC_MAIL_OPS_PORT" "$SC_MAIL_OPS_PORT" services/chat/src/mail-main.ts
SMARTCHAT_DEMO_PORT=$SC_DEMO_PORT SMARTCHAT_CHAT_PUBLIC_URL="http://127.0.0.1:$SC_CHAT_PORT" node --import tsx frontend/demo-site/src/main.ts >>var/dev/demo-site.log 2>&1 &
pids+=($!)
seed_info=$(node --import tsx services/chat/src/bin/seed.ts 2>var/dev/seed.log) || { echo "[dev] seeding failed:" >&2; cat var/dev/seed.log >&2; exit 1; }

cat <<INFO

  Smartchat is running (logs in $root/var/dev/).

    CONSOLE      http://127.0.0.1:$SC_CHAT_PORT/console/   (agents: log in with a demo agent below)
    WIDGET DEMO  http://127.0.0.1:$SC_DEMO_PORT/            (a customer's account page with the chat widget, and the demo back-office's buttons)
    WEBHOOKS     http://127.0.0.1:$SC_DEMO_PORT/webhooks    (what Smartchat sent the demo back-office)

    chat         http://127.0.0.1:$SC_CHAT_OPS_PORT/healthz  /readyz  /metrics  (operations port; the API is on $SC_CHAT_PORT)
    balancer     http://127.0.0.1:$SC_BALANCER_PORT/healthz  /readyz  /metrics  (automatic assignment, snooze, SLA)
    stats        http://127.0.0.1:$SC_STATS_OPS_PORT/healthz  /readyz  /metrics  (events -> statistics database and the search index; rebuild: make stats-rebuild FROM=2026-11-01, make search-reindex)
    statistics   $SMARTCHAT_STATS_PG_URL  (read-only role smartchat_stats_reader)
    prometheus   $SMARTCHAT_PROMETHEUS_URL  (query: up{job="smartchat"})
    postgres     $SMARTCHAT_PG_URL
    redis        $SMARTCHAT_REDIS_URL
    rabbitmq     amqp://127.0.0.1:$SC_RABBIT_PORT (guest/guest, loopback only)
    kafka        $SMARTCHAT_KAFKA_BROKERS
    cassandra    $SMARTCHAT_CASSANDRA_CONTACT_POINTS (keyspace $SMARTCHAT_CASSANDRA_KEYSPACE)
    mail         http://127.0.0.1:$SC_MAIL_OPS_PORT/healthz  /readyz  /metrics  (the e-mail channel; relayed mail: SMTP 127.0.0.1:$SC_MAIL_RELAY_PORT)
    mail server  SMTP 127.0.0.1:$SC_MAIL_SMTP_PORT, IMAP 127.0.0.1:$SC_MAIL_IMAP_PORT (GreenMail, the customers' and the demo mailbox's mail: any address, any password)
    REST API     http://127.0.0.1:$SC_CHAT_PORT/v1  (OpenAPI: /v1/openapi.json; log in with POST /v1/auth/login)
    socket.io    http://127.0.0.1:$SC_CHAT_PORT  (path /socket.io, auth: { token })
$seed_info
  Ctrl-C stops the services; 'make down' stops the dependencies.

INFO
wait -n "${pids[@]}" || true
echo "[dev] a service exited; see var/dev/*.log" >&2
exit 1
