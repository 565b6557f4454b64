#!/usr/bin/env bash
# Every local dependency at once: all.sh up|down|status [name...]
# `up` starts the quick ones in turn and the slow JVM servers (Cassandra, Kafka) side by side.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cmd=${1:-status}; shift || true
all=(postgres redis rabbitmq kafka cassandra prometheus greenmail)
# The test Kubernetes API server (and its etcd) is started only by `make test` / `make kube-up`
# (its first build takes minutes), but stopped and shown with the rest.
kube=(kube-apiserver)
names=("${@:-${all[@]}}")
[[ $# -gt 0 ]] || names=("${all[@]}")

case $cmd in
  up)
    # Install everything first (apt and Maven in one place, before anything starts in parallel).
    for name in "${names[@]}"; do "$here/$name.sh" install; done
    pids=(); slow=()
    for name in "${names[@]}"; do
      case $name in
        kafka|cassandra|greenmail) "$here/$name.sh" up & pids+=($!); slow+=("$name") ;;
        *) "$here/$name.sh" up ;;
      esac
    done
    failed=0
    for i in "${!pids[@]}"; do wait "${pids[$i]}" || { failed=1; echo "[infra] ${slow[$i]} failed to start (see above)" >&2; }; done
    exit $failed ;;
  down)
    [[ $# -gt 0 ]] || names+=("${kube[@]}")
    for ((i=${#names[@]}-1; i>=0; i--)); do "$here/${names[$i]}.sh" down; done ;;
  status)
    failed=0
    for name in "${names[@]}"; do "$here/$name.sh" status || failed=1; done
    if [[ $# -eq 0 ]]; then "$here/etcd.sh" status || true; "$here/kube-apiserver.sh" status || true; fi
    exit $failed ;;
  *) echo "usage: $0 up|down|status [name...]" >&2; exit 2 ;;
esac
