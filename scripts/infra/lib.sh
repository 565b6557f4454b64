#!/usr/bin/env bash
# Shared helpers for scripts/infra/<name>.sh: where things live, readiness waits, clear failures.
# Every dependency runs on 127.0.0.1 with its data and log under $SC_VAR/<name> (git-ignored),
# and its downloads cached under $SC_CACHE (outside the checkout) so re-runs are fast.
set -euo pipefail

SC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SC_VAR=${SMARTCHAT_VAR:-$SC_ROOT/var}
# shellcheck disable=SC2034  # used by the scripts that source this file
SC_CACHE=${SMARTCHAT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/smartchat}
# shellcheck source=ports.env
source "$SC_ROOT/scripts/infra/ports.env"

sc_dir() { echo "$SC_VAR/$1"; }
sc_log() { echo "$SC_VAR/$1/log/$1.log"; }
sc_pidfile() { echo "$SC_VAR/$1/$1.pid"; }

say() { printf '[infra] %s\n' "$*"; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

# Fail with the tail of a dependency's log, so that the reason is on screen, not in a file.
fail_with_log() {
  local name=$1 msg=$2 log=${3:-$(sc_log "$1")}
  {
    printf '[infra] ERROR: %s: %s\n' "$name" "$msg"
    if [[ -f $log ]]; then
      printf '[infra] last 40 lines of %s:\n' "$log"
      tail -n 40 "$log" | sed 's/^/    /'
    else
      printf '[infra] (no log at %s)\n' "$log"
    fi
  } >&2
  exit 1
}

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# Install Debian packages that are missing (apt-get update at most once per run).
apt_ensure() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  say "installing Debian packages: ${missing[*]}"
  # Package post-install scripts try to start daemons; there is no init system here, and we start
  # our own copies on our own ports, so tell invoke-rc.d not to start anything.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null; as_root chmod +x "$policy"; created_policy=1
  fi
  if [[ ! -f $SC_VAR/.apt-updated ]] || [[ -n $(find "$SC_VAR/.apt-updated" -mmin +360 2>/dev/null) ]]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    mkdir -p "$SC_VAR" && touch "$SC_VAR/.apt-updated"
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  ((created_policy)) && as_root rm -f "$policy"
  return 0
}

# Alive = the recorded process exists and is not a zombie: a server killed a moment ago stays a
# zombie until it is reaped (1-2 s for a JVM here) and kill -0 still succeeds on it.
pid_alive() {
  local f pid state; f=$(sc_pidfile "$1")
  [[ -f $f ]] || return 1
  pid=$(cat "$f"); kill -0 "$pid" 2>/dev/null || return 1
  state=$(ps -o stat= -p "$pid" 2>/dev/null) || return 1
  [[ $state != Z* ]]
}

# A server killed a moment ago can linger as a zombie for a second or two; some (PostgreSQL) refuse
# to start while their old pid still exists, so wait until it is gone.
wait_reaped() {
  local f pid i; f=$(sc_pidfile "$1")
  [[ -f $f ]] || return 0
  pid=$(cat "$f")
  for ((i = 0; i < 40; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
}

# A command prefix: "${WITH_TIMER_SLACK[@]}" NANOSECONDS command args... runs the command with that
# timer slack, which every thread it starts inherits. Thread pools that spin by sleeping a few
# microseconds between checks for work (Cassandra's request executors) then wake up far less often;
# on this nested VM each wake-up costs more than the work it looks for. python3 is on every machine
# we run on (Debian's base); the process keeps its pid (exec).
# shellcheck disable=SC2034
WITH_TIMER_SLACK=(python3 -c 'import ctypes, os, sys; ctypes.CDLL(None).prctl(29, int(sys.argv[1]), 0, 0, 0); os.execvp(sys.argv[2], sys.argv[2:])')

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Refuse to start when something we did not start holds our port. A server killed a moment ago
# may hold it for a few more seconds while the kernel tears it down, so give it that long.
ensure_port_free() {
  local name=$1 port=$2 deadline=$((SECONDS + 10))
  while port_open "$port"; do
    if ((SECONDS >= deadline)); then
      die "$name: port 127.0.0.1:$port is taken by a process that these scripts did not start (see 'ss -ltnp sport = :$port'); stop it or set the port in scripts/infra/ports.env"
    fi
    sleep 0.5
  done
}

# wait_until NAME SECONDS CMD...: poll CMD until it succeeds; fail with the log tail on timeout
# or when the process died meanwhile.
wait_until() {
  local name=$1 secs=$2; shift 2
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    if ! pid_alive "$name"; then fail_with_log "$name" "process exited during start-up"; fi
    if ((SECONDS >= deadline)); then fail_with_log "$name" "not ready after ${secs}s"; fi
    sleep 0.5
  done
}

# Stop the process recorded in our pid file (never anything else), waiting for it to exit.
stop_pid() {
  local name=$1 secs=${2:-30} f pid
  f=$(sc_pidfile "$name")
  if ! pid_alive "$name"; then rm -f "$f"; say "$name: not running"; return 0; fi
  pid=$(cat "$f")
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + secs))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then say "$name: still running after ${secs}s, killing"; kill -KILL "$pid" 2>/dev/null || true; fi
    sleep 0.3
  done
  rm -f "$f"
  say "$name: stopped"
}

status_line() {
  local name=$1 port=$2
  if pid_alive "$name"; then
    if port_open "$port"; then printf '%-11s running  pid %-7s 127.0.0.1:%s\n' "$name" "$(cat "$(sc_pidfile "$name")")" "$port"
    else printf '%-11s starting pid %-7s 127.0.0.1:%s (port not open yet)\n' "$name" "$(cat "$(sc_pidfile "$name")")" "$port"; fi
    return 0
  fi
  printf '%-11s stopped\n' "$name"; return 1
}

# maven_fetch CACHE_DIR DEPENDENCY_XML (uses $NAME): resolve the runtime closure of the dependencies into CACHE_DIR/lib
# once (marker file .complete, which holds the dependency list, so that a changed list downloads
# again), retrying mvn once; on failure, die with mvn's output.
# shellcheck disable=SC2153  # NAME is set by the sourcing script
maven_fetch() {
  local cache=$1 deps=$2 out attempt
  [[ -f $cache/.complete && $(<"$cache/.complete") == "$deps" ]] && return 0
  command -v mvn >/dev/null || die "$NAME: mvn (Maven) is not installed; it is needed to fetch the jars from Maven Central"
  command -v java >/dev/null || die "$NAME: java (JDK 17) is not installed"
  mkdir -p "$cache"
  cat >"$cache/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- generated by scripts/infra/$NAME.sh: only used to download the jars below into lib/ -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.smartchat.infra</groupId>
  <artifactId>$NAME-jars</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
$deps
  </dependencies>
</project>
EOF
  out=$cache/mvn.out
  local t0=$SECONDS
  say "$NAME: downloading jars from Maven Central into $cache (first run only)"
  # The retry passes -U: Maven caches a failed download in ~/.m2 and would not even try it again.
  local force=()
  for attempt in 1 2; do
    rm -rf "$cache/lib.tmp"
    if (cd "$cache" && timeout 900 mvn -B -q "${force[@]}" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=lib.tmp) >"$out" 2>&1 \
      && compgen -G "$cache/lib.tmp/*.jar" >/dev/null; then
      rm -rf "${cache:?}/lib" && mv "$cache/lib.tmp" "$cache/lib"
      printf '%s\n' "$deps" >"$cache/.complete"
      local jars=("$cache"/lib/*.jar)
      say "$NAME: downloaded ${#jars[@]} jars in $((SECONDS - t0))s"
      return 0
    fi
    if ((attempt == 1)); then say "$NAME: mvn failed (output in $out), retrying once"; sleep 3; force=(-U); fi
  done
  rm -rf "$cache/lib.tmp"
  {
    printf '[infra] ERROR: %s: mvn could not download the jars (pom: %s). Its output:\n' "$NAME" "$cache/pom.xml"
    tail -n 60 "$out" | sed -e 's/\x1b\[[0-9;]*m//g' -e 's/^/    /'
  } >&2
  exit 1
}

# Common entry point: infra_main NAME PORT "$@" dispatches to do_up / do_down / do_status / logs.
infra_main() {
  local name=$1 port=$2 cmd=${3:-status}
  case $cmd in
    up)
      if pid_alive "$name" && port_open "$port"; then say "$name: already running on 127.0.0.1:$port"; return 0; fi
      if pid_alive "$name"; then
        # Either starting (another `up` is under way) or dying (killed a moment ago): wait for one.
        say "$name: pid $(cat "$(sc_pidfile "$name")") is not answering yet; waiting"
        local deadline=$((SECONDS + 20))
        while pid_alive "$name" && ! port_open "$port" && ((SECONDS < deadline)); do sleep 0.5; done
        if pid_alive "$name"; then do_wait; say "$name: ready on 127.0.0.1:$port"; return 0; fi
        say "$name: the previous process is gone; starting a new one"
      fi
      wait_reaped "$name"
      rm -f "$(sc_pidfile "$name")"
      ensure_port_free "$name" "$port"
      do_install
      mkdir -p "$(sc_dir "$name")/log"
      local t0=$SECONDS
      do_start
      do_wait
      say "$name: ready on 127.0.0.1:$port ($((SECONDS - t0))s)" ;;
    down) do_stop ;;
    status) status_line "$name" "$port" ;;
    logs) tail -n "${LINES_TO_SHOW:-100}" "$(sc_log "$name")" ;;
    install) do_install ;;
    *) die "usage: $(basename "$0") up|down|status|logs|install" ;;
  esac
}
