#!/usr/bin/env bash
# Prometheus 2.42 (Debian package) on 127.0.0.1:$SC_PROMETHEUS_PORT.
# Scrape targets are discovered from files: every Smartchat process started by `make dev` or by
# the tests writes var/prometheus/targets/<service>-<pid>.json (see services/platform/src/metrics)
# and removes it on exit, so Prometheus picks it up within a second without a reload.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
NAME=prometheus
DIR=$(sc_dir $NAME)

do_install() { apt_ensure prometheus curl; }

do_start() {
  mkdir -p "$DIR/data" "$DIR/log" "$DIR/targets"
  cat >"$DIR/prometheus.yml" <<CONF
global:
  scrape_interval: 5s
  evaluation_interval: 5s
scrape_configs:
  - job_name: smartchat
    scrape_interval: 1s
    scrape_timeout: 1s
    file_sd_configs:
      - files: ['$DIR/targets/*.json']
        refresh_interval: 5s
  - job_name: prometheus
    static_configs:
      - targets: ['127.0.0.1:$SC_PROMETHEUS_PORT']
CONF
  promtool check config "$DIR/prometheus.yml" >/dev/null 2>&1 || fail_with_log $NAME "invalid generated config" <(promtool check config "$DIR/prometheus.yml" 2>&1)
  nohup setsid prometheus --config.file="$DIR/prometheus.yml" --storage.tsdb.path="$DIR/data" \
    --storage.tsdb.retention.time=2d --web.listen-address="127.0.0.1:$SC_PROMETHEUS_PORT" \
    --web.enable-lifecycle --log.level=warn >>"$(sc_log $NAME)" 2>&1 &
  echo $! >"$(sc_pidfile $NAME)"
}

prom_ready() { curl -fsS "http://127.0.0.1:$SC_PROMETHEUS_PORT/-/ready" >/dev/null; }
do_wait() { wait_until $NAME 60 prom_ready; }
do_stop() { stop_pid $NAME 30; }

infra_main $NAME "$SC_PROMETHEUS_PORT" "$@"
