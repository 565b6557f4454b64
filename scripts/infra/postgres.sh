#!/usr/bin/env bash
# PostgreSQL 15 (Debian package) on 127.0.0.1:$SC_PG_PORT, data in var/postgres/data.
# Local trust auth on loopback only; user "smartchat" (superuser, for per-test databases).
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
NAME=postgres
PG_BIN=/usr/lib/postgresql/15/bin
DATA=$(sc_dir $NAME)/data
LOG=$(sc_log $NAME)

# postgres refuses to run as root: run it as the "postgres" system user when we are root.
pg_run() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

do_install() {
  apt_ensure postgresql-15 postgresql-contrib
  [[ -x $PG_BIN/postgres ]] || die "postgres: $PG_BIN/postgres missing after install"
}

do_start() {
  local dir; dir=$(sc_dir $NAME)
  mkdir -p "$dir/log" "$dir/run"
  [[ $(id -u) -eq 0 ]] && chown -R postgres:postgres "$dir"
  if [[ ! -f $DATA/PG_VERSION ]]; then
    say "postgres: initdb in $DATA"
    pg_run "$PG_BIN/initdb" -D "$DATA" -U smartchat --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/log/initdb.log" 2>&1 \
      || fail_with_log $NAME "initdb failed" "$dir/log/initdb.log"
    cat >>"$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $SC_PG_PORT
unix_socket_directories = '$dir/run'
max_connections = 300
shared_buffers = 256MB
fsync = on
synchronous_commit = on
log_min_messages = warning
CONF
  fi
  # Keep the port current even if ports.env changed since initdb.
  sed -i "s/^port = .*/port = $SC_PG_PORT/" "$DATA/postgresql.conf"
  pg_run bash -c "nohup setsid '$PG_BIN/postgres' -D '$DATA' >>'$LOG' 2>&1 & echo \$! >'$(sc_pidfile $NAME)'"
}

pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$SC_PG_PORT" -U smartchat -d postgres; }

do_wait() {
  wait_until $NAME 60 pg_ready
  # The application database; tests create their own databases next to it.
  if ! "$PG_BIN/psql" -h 127.0.0.1 -p "$SC_PG_PORT" -U smartchat -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='smartchat'" | grep -q 1; then
    "$PG_BIN/psql" -q -h 127.0.0.1 -p "$SC_PG_PORT" -U smartchat -d postgres -c "CREATE DATABASE smartchat" >/dev/null
  fi
}

do_stop() { stop_pid $NAME 60; }

infra_main $NAME "$SC_PG_PORT" "$@"
