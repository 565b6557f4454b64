#!/usr/bin/env bash
# etcd 3.5 (built by kube-tools.sh) on 127.0.0.1:$SC_ETCD_PORT: the store of the test API server.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
NAME=etcd
DIR=$(sc_dir $NAME)
BIN=$SC_CACHE/kube/bin

do_install() { "$SC_ROOT/scripts/infra/kube-tools.sh" all; }

do_start() {
  mkdir -p "$DIR/data" "$DIR/log"
  # unsafe-no-fsync: a test store that is thrown away; it keeps the API server's writes fast here.
  nohup setsid "$BIN/etcd" --name smartchat-test --data-dir "$DIR/data" \
    --listen-client-urls "http://127.0.0.1:$SC_ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$SC_ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$SC_ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$SC_ETCD_PEER_PORT" \
    --initial-cluster "smartchat-test=http://127.0.0.1:$SC_ETCD_PEER_PORT" \
    --unsafe-no-fsync --quota-backend-bytes 2147483648 --log-level warn >>"$(sc_log $NAME)" 2>&1 &
  echo $! >"$(sc_pidfile $NAME)"
}

etcd_ready() { curl -fsS "http://127.0.0.1:$SC_ETCD_PORT/health" | grep -q '"health":"true"'; }
do_wait() { wait_until $NAME 60 etcd_ready; }
do_stop() { stop_pid $NAME 30; }

infra_main $NAME "$SC_ETCD_PORT" "$@"
