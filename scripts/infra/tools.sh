#!/usr/bin/env bash
# Command-line tools that `make test` and `make dev` use besides the servers (Debian packages).
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
apt_ensure curl shellcheck prometheus chromium
