#!/usr/bin/env bash
# Redis 7 (Debian package) on 127.0.0.1:$SC_REDIS_PORT, append-only file in var/redis/data.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
NAME=redis
DIR=$(sc_dir $NAME)

do_install() { apt_ensure redis-server; }

do_start() {
  mkdir -p "$DIR/data" "$DIR/log"
  # BullMQ requires maxmemory-policy noeviction; appendonly so a restart keeps queued jobs.
  nohup setsid redis-server --bind 127.0.0.1 --port "$SC_REDIS_PORT" --protected-mode yes \
    --dir "$DIR/data" --appendonly yes --appendfsync everysec --save '' \
    --maxmemory-policy noeviction --daemonize no --logfile '' >>"$(sc_log $NAME)" 2>&1 &
  echo $! >"$(sc_pidfile $NAME)"
}

redis_ready() { [[ $(redis-cli -h 127.0.0.1 -p "$SC_REDIS_PORT" ping 2>/dev/null) == PONG ]]; }
do_wait() { wait_until $NAME 30 redis_ready; }
do_stop() { stop_pid $NAME 30; }

infra_main $NAME "$SC_REDIS_PORT" "$@"
