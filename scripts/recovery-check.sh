#!/usr/bin/env bash
# Recovery check (part of `make test`): a running chat process loses each dependency in turn —
# killed with SIGKILL, as by hand — the dependency is brought back with its infra `up` command,
# and the same chat process must report it ready again without a restart.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=node-env.sh
source scripts/node-env.sh
# shellcheck source=infra/smartchat.env
set -a; source scripts/infra/smartchat.env; set +a
deps=("${@:-postgres redis rabbitmq kafka cassandra}")
read -r -a deps <<<"${deps[*]}"

# Readiness is on the chat process's operations port.
api_port=$((SC_CHAT_PORT + 50))
port=$((SC_CHAT_PORT + 51))
log=var/test-results/recovery-chat.log
mkdir -p var/test-results
SMARTCHAT_HTTP_PORT=$api_port SMARTCHAT_OPS_PORT=$port SMARTCHAT_LOG_LEVEL=info node --import tsx services/chat/src/main.ts >"$log" 2>&1 &
chat=$!
trap 'kill -TERM $chat 2>/dev/null || true; wait $chat 2>/dev/null || true' EXIT

check_ok() { # check_ok NAME: is that dependency's readiness check passing right now?
  curl -sS --max-time 5 "http://127.0.0.1:$port/readyz" 2>/dev/null | node -e '
    let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      try { process.exit(JSON.parse(s).checks[process.argv[1]].ok ? 0 : 1); } catch { process.exit(2); }
    });' "$1"
}
wait_for() { # wait_for SECONDS DESCRIPTION CMD...
  local secs=$1 what=$2; shift 2
  local deadline=$((SECONDS + secs))
  until "$@"; do
    if ((SECONDS >= deadline)); then echo "recovery: FAILED waiting ${secs}s for $what; chat log tail:" >&2; tail -n 20 "$log" >&2; return 1; fi
    sleep 0.5
  done
}
check_failing() { local rc=0; check_ok "$1" || rc=$?; ((rc == 1)); }
process_gone() { ! kill -0 "$1" 2>/dev/null || [[ $(ps -o stat= -p "$1" 2>/dev/null) == Z* ]]; }
all_ok() { curl -fsS --max-time 5 "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; }

wait_for 90 "chat process ready" all_ok
passed=0 failed=0 failed_names=()
for dep in "${deps[@]}"; do
  t0=$SECONDS
  pid=$(cat "var/$dep/$dep.pid")
  kill -KILL "$pid"
  # Until the killed process is gone, `up` would find it alive with its port open and start nothing.
  if wait_for 30 "$dep (pid $pid) to be gone" process_gone "$pid" \
    && wait_for 30 "chat to notice that $dep is gone" check_failing "$dep" \
    && scripts/infra/"$dep".sh up >/dev/null \
    && wait_for 60 "chat to reconnect to $dep" check_ok "$dep"; then
    echo "recovery: $dep killed, restarted with '$dep.sh up', chat reconnected without a restart ($((SECONDS - t0))s)"
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failed_names+=("\"$dep killed and restarted\"")
  fi
done
kill -0 $chat 2>/dev/null || { echo "recovery: the chat process died" >&2; failed=$((failed + 1)); failed_names+=('"the chat process died"'); }
echo "recovery: $passed passed, $failed failed"
names=$(IFS=,; echo "${failed_names[*]:-}")
printf '{"passed": %d, "failed": %d, "failedChecks": [%s]}\n' "$passed" "$failed" "$names" >var/test-results/recovery.json
((failed == 0))
