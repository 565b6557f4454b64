#!/usr/bin/env bash
# The API check of `make test`: the OpenAPI document at /v1/openapi.json tells the truth.
# schemathesis (pinned, from PyPI, installed once into a venv under ~/.cache/smartchat, outside the
# checkout) runs against a real chat process with its own database, as an agent, a customer and the
# back-office (services/chat/api-check/openapi.test.ts), and the kit's REST types must be what that
# document generates (frontend/kit/src/generated/api.ts).
#
#   scripts/api-check.sh                 run the check (the dependencies must be up: make infra-up)
#   scripts/api-check.sh --write-types   regenerate frontend/kit/src/generated/api.ts, then check
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=node-env.sh
source scripts/node-env.sh

SCHEMATHESIS_VERSION=4.32.5
venv="${SMARTCHAT_CACHE:-$HOME/.cache/smartchat}/schemathesis-$SCHEMATHESIS_VERSION"
bin="$venv/bin/schemathesis"

if [[ ! -x $bin ]] || [[ $("$bin" --version 2>/dev/null) != *"$SCHEMATHESIS_VERSION"* ]]; then
  python=$(command -v python3.11 || command -v python3 || true)
  if [[ -z $python ]] || ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
    echo "api-check: schemathesis needs Python 3.10 or later (python3.11 recommended)" >&2
    exit 1
  fi
  echo "api-check: installing schemathesis $SCHEMATHESIS_VERSION into $venv (once)"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  if ! "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"; then
    rm -rf "$venv"
    echo "api-check: installing schemathesis failed" >&2
    exit 1
  fi
fi

if [[ ${1:-} == --write-types ]]; then export SMARTCHAT_WRITE_API_TYPES=1; fi
SMARTCHAT_SCHEMATHESIS=$bin exec npx --no-install vitest run --config vitest.api-check.config.ts
