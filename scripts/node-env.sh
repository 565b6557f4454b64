# shellcheck shell=bash
# Source this to run on the project's pinned Node.js (.node-version): installs it when missing
# (scripts/ensure-node.sh) and puts it first on PATH, so that node, npm, npx, tsx, vitest and every
# process they start with process.execPath run on it. Every script that runs Node sources it; by
# hand: `source scripts/node-env.sh`.
# npm_config_nodedir: should a native module ever have to compile, node-gyp takes the headers that
# come with this Node (include/node) instead of downloading them.
if sc_node_bin=$("$(dirname "${BASH_SOURCE[0]}")/ensure-node.sh"); then
  case ":$PATH:" in
    ":$sc_node_bin:"*) ;;
    *) PATH="$sc_node_bin:$PATH" ;;
  esac
  export PATH
  export npm_config_nodedir="${sc_node_bin%/bin}"
  unset sc_node_bin
else
  echo "[node] the pinned Node.js could not be installed (see above)" >&2
  # shellcheck disable=SC2317  # exit when executed, return when sourced
  return 1 2>/dev/null || exit 1
fi
