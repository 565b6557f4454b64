#!/usr/bin/env bash
# RabbitMQ (Debian package, 3.10) on 127.0.0.1:$SC_RABBIT_PORT with its own node name, Erlang
# cookie, epmd port and mnesia dir under var/rabbitmq, so it never meets a system-wide RabbitMQ.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
NAME=rabbitmq
DIR=$(sc_dir $NAME)
RMQ_BIN=/usr/lib/rabbitmq/bin

# +sbwt none (and its dirty-scheduler twins): an Erlang scheduler that runs out of work spins for a
# while before it sleeps. On a machine whose two cores are shared with every other dependency that
# spinning takes CPU from them and gains nothing (RabbitMQ's own production advice for shared hosts).
rabbit_env() {
  export HOME=$DIR/home \
    RABBITMQ_NODENAME=smartchat@localhost \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT=$SC_RABBIT_PORT \
    RABBITMQ_DIST_PORT=$SC_RABBIT_DIST_PORT \
    ERL_EPMD_PORT=$SC_EPMD_PORT \
    ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_MNESIA_BASE=$DIR/data \
    RABBITMQ_LOG_BASE=$DIR/log \
    RABBITMQ_LOGS=- \
    RABBITMQ_CONFIG_FILE=$DIR/rabbitmq \
    RABBITMQ_ENABLED_PLUGINS_FILE=$DIR/enabled_plugins \
    RABBITMQ_PID_FILE=$DIR/rabbitmq-erlang.pid \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1} +sbwt none +sbwtdcpu none +sbwtdio none'
}

do_install() { apt_ensure rabbitmq-server; }

do_start() {
  rabbit_env
  mkdir -p "$HOME" "$DIR/data" "$DIR/log"
  # guest/guest is allowed from loopback only (RabbitMQ's default), which is all we listen on.
  cat >"$DIR/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$SC_RABBIT_PORT
loopback_users.guest = true
vm_memory_high_watermark.relative = 0.2
disk_free_limit.absolute = 200MB
log.console = true
log.console.level = warning
log.file = false
CONF
  echo '[].' >"$DIR/enabled_plugins"
  rm -f "$RABBITMQ_PID_FILE"
  nohup setsid "$RMQ_BIN/rabbitmq-server" >>"$(sc_log $NAME)" 2>&1 &
  local wrapper=$! i
  # rabbitmq-server is a shell wrapper around the Erlang VM; record the VM's own pid (which the
  # node writes to RABBITMQ_PID_FILE early in boot), so that `down` and status follow the broker.
  echo "$wrapper" >"$(sc_pidfile $NAME)"
  for ((i = 0; i < 120; i++)); do
    if [[ -s $RABBITMQ_PID_FILE ]]; then cp "$RABBITMQ_PID_FILE" "$(sc_pidfile $NAME)"; return 0; fi
    kill -0 "$wrapper" 2>/dev/null || fail_with_log $NAME "rabbitmq-server exited during start-up"
    sleep 0.25
  done
  fail_with_log $NAME "the Erlang VM did not write its pid file within 30s"
}

rabbit_ready() { rabbit_env; port_open "$SC_RABBIT_PORT" && "$RMQ_BIN/rabbitmq-diagnostics" -q check_running >/dev/null 2>&1; }
do_wait() { wait_until $NAME 90 rabbit_ready; }

do_stop() {
  rabbit_env
  if pid_alive $NAME; then "$RMQ_BIN/rabbitmqctl" -q stop >/dev/null 2>&1 || true; fi
  stop_pid $NAME 60
  # epmd was started by this node on our private port; stop it too so nothing is left behind.
  epmd -port "$SC_EPMD_PORT" -kill >/dev/null 2>&1 || true
}

# rabbitmqctl with this node's environment, for tests and debugging: rabbitmq.sh ctl list_queues
if [[ ${1:-} == ctl ]]; then shift; rabbit_env; exec "$RMQ_BIN/rabbitmqctl" "$@"; fi

infra_main $NAME "$SC_RABBIT_PORT" "$@"
