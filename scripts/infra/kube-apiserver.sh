#!/usr/bin/env bash
# A real kube-apiserver 1.31 (built by kube-tools.sh) on https://127.0.0.1:$SC_KUBE_PORT, backed by
# etcd.sh, for the operator's tests and for trying the operator locally. There is no kubelet,
# scheduler or controller-manager: objects are stored, validated and watched exactly as in a
# cluster, and tests write the status a controller would (as envtest-based operators do).
# RBAC is on; var/kube-apiserver/kubeconfig holds an admin token (system:masters).
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
NAME=kube-apiserver
DIR=$(sc_dir $NAME)
BIN=$SC_CACHE/kube/bin

do_install() { "$SC_ROOT/scripts/infra/kube-tools.sh" all; }

write_credentials() {
  mkdir -p "$DIR/pki"
  if [[ ! -f $DIR/pki/sa.key ]]; then
    openssl genrsa -out "$DIR/pki/sa.key" 2048 2>/dev/null
    openssl rsa -in "$DIR/pki/sa.key" -pubout -out "$DIR/pki/sa.pub" 2>/dev/null
  fi
  if [[ ! -f $DIR/pki/tokens.csv ]]; then
    (umask 077; printf '%s,smartchat-admin,smartchat-admin,system:masters\n' "$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$DIR/pki/tokens.csv")
  fi
  local token; token=$(cut -d, -f1 "$DIR/pki/tokens.csv")
  (umask 077; cat >"$DIR/kubeconfig" <<CONF
apiVersion: v1
kind: Config
clusters:
  - name: smartchat-test
    cluster:
      server: https://127.0.0.1:$SC_KUBE_PORT
      insecure-skip-tls-verify: true
users:
  - name: smartchat-admin
    user:
      token: $token
contexts:
  - name: smartchat-test
    context: { cluster: smartchat-test, user: smartchat-admin, namespace: default }
current-context: smartchat-test
CONF
  )
}

do_start() {
  "$SC_ROOT/scripts/infra/etcd.sh" up
  mkdir -p "$DIR/log" "$DIR/certs"
  write_credentials
  nohup setsid "$BIN/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$SC_ETCD_PORT" --etcd-prefix /smartchat-test \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$SC_KUBE_PORT" \
    --cert-dir "$DIR/certs" --token-auth-file "$DIR/pki/tokens.csv" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$DIR/pki/sa.pub" --service-account-signing-key-file "$DIR/pki/sa.key" \
    --authorization-mode RBAC --service-cluster-ip-range 10.96.0.0/16 \
    --disable-admission-plugins ServiceAccount --enable-priority-and-fairness=false \
    --profiling=false --v=1 >>"$(sc_log $NAME)" 2>&1 &
  echo $! >"$(sc_pidfile $NAME)"
}

api_ready() { curl -fsSk -H "Authorization: Bearer $(cut -d, -f1 "$DIR/pki/tokens.csv")" "https://127.0.0.1:$SC_KUBE_PORT/readyz" | grep -q ok; }
do_wait() { wait_until $NAME 120 api_ready; }
do_stop() { stop_pid $NAME 30; "$SC_ROOT/scripts/infra/etcd.sh" down; }

infra_main $NAME "$SC_KUBE_PORT" "$@"
