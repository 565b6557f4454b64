#!/usr/bin/env bash
# JSON schemas for kubeconform, offline: kubeconform validates manifests against JSON schemas that
# it normally downloads from GitHub. This builds them locally instead:
#   built-in kinds  from the test kube-apiserver's /openapi/v2 (scripts/infra/kube-apiserver.sh),
#                   i.e. exactly the Kubernetes version the chart and the operator are tested
#                   against; cached per version under $SC_CACHE/kube/schemas/v<version>/ with the
#                   /openapi/v2 document itself, so the API server is needed on the first run only
#                   (a changed converter regenerates them from the cached document)
#   our CRDs        charts/*/crds/*.yaml (+ any CRD files given as arguments), converted from their
#                   openAPIV3Schema; converted again whenever one of those files changes
#   ServiceMonitor, PrometheusRule  (monitoring.coreos.com/v1, which the chart and the operator
#                   create) from the Prometheus Operator's CRDs in its Go module, fetched once from
#                   the Go module proxy at a pinned version (skipped with a warning without go)
# Layout (kubeconform's own): <dir>/standalone[-strict]/<kind><kind-suffix>.json
# Prints the -schema-location template on stdout; progress goes to stderr. Usage:
#   kubeconform -strict -schema-location "$(scripts/kube-schemas.sh)" manifest.yaml
# Environment: SMARTCHAT_KUBE_VERSION (default: the version kube-tools.sh builds),
#   SMARTCHAT_KUBECONFIG (default: var/kube-apiserver/kubeconfig).
# shellcheck source=infra/lib.sh
source "$(dirname "$0")/infra/lib.sh"

pinned_version() { sed -n 's/^KUBE_VERSION=\([0-9.]*\)$/\1/p' "$SC_ROOT/scripts/infra/kube-tools.sh"; }
KUBE_VERSION=${SMARTCHAT_KUBE_VERSION:-$(pinned_version)}
[[ -n $KUBE_VERSION ]] || die "kube-schemas: cannot read KUBE_VERSION from scripts/infra/kube-tools.sh; set SMARTCHAT_KUBE_VERSION"
KUBECONFIG_FILE=${SMARTCHAT_KUBECONFIG:-$SC_VAR/kube-apiserver/kubeconfig}
DIR=$SC_CACHE/kube/schemas/v$KUBE_VERSION
CONVERT=$SC_ROOT/scripts/kube-schemas/openapi2jsonschema.mjs
PROMETHEUS_OPERATOR_VERSION=0.85.0
log() { say "kube-schemas: $*" >&2; }

command -v node >/dev/null || die "kube-schemas: node is not installed"

# The built-in kinds: converted from the API server's /openapi/v2, which is kept next to the schemas
# so that a changed converter regenerates them offline. The marker holds what they were made from.
builtin_schemas() {
  local marker tmp openapi server
  marker="v$KUBE_VERSION $(sha256sum "$CONVERT" | cut -d' ' -f1)"
  [[ -f $DIR/.builtin-complete && $(<"$DIR/.builtin-complete") == "$marker" ]] && return 0
  tmp=$DIR.tmp.$$
  rm -rf "$tmp" && mkdir -p "$tmp"
  # shellcheck disable=SC2064  # expand $tmp now
  trap "rm -rf '$tmp'" EXIT
  openapi=$tmp/openapi-v2.json
  if [[ -f $DIR/openapi-v2.json ]]; then
    log "regenerating the schemas of the built-in kinds (the converter changed)"
    cp "$DIR/openapi-v2.json" "$openapi"
  else
    command -v kubectl >/dev/null || die "kube-schemas: kubectl is needed to read /openapi/v2 from the test API server"
    [[ -f $KUBECONFIG_FILE ]] || die "kube-schemas: no schemas cached for Kubernetes $KUBE_VERSION and no kubeconfig at $KUBECONFIG_FILE; start the test API server once with 'make kube-up' (scripts/infra/kube-apiserver.sh up)"
    server=$(kubectl --kubeconfig "$KUBECONFIG_FILE" --request-timeout 10s get --raw /version 2>&1) \
      || die "kube-schemas: the test API server does not answer ($server); start it with 'make kube-up'"
    server=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).gitVersion)' "$server")
    [[ $server == "v$KUBE_VERSION" ]] || die "kube-schemas: the API server is $server, but schemas for v$KUBE_VERSION were asked for (SMARTCHAT_KUBE_VERSION)"
    log "generating schemas for the built-in kinds of Kubernetes $server from its /openapi/v2 (first run only)"
    kubectl --kubeconfig "$KUBECONFIG_FILE" --request-timeout 60s get --raw /openapi/v2 >"$openapi" \
      || die "kube-schemas: could not read /openapi/v2 from the API server"
  fi
  node "$CONVERT" --openapi "$openapi" --out "$tmp" >&2
  printf '%s\n' "$marker" >"$tmp/.builtin-complete"
  mkdir -p "$(dirname "$DIR")"
  rm -rf "$DIR" && mv "$tmp" "$DIR"
  trap - EXIT
}

# The directory of the Prometheus Operator's CRD files (Go module cache), or nothing.
prometheus_operator_crds() {
  local dir
  command -v go >/dev/null || { log "WARNING: go is not installed: no schemas for ServiceMonitor/PrometheusRule"; return 0; }
  if ! dir=$(go mod download -json "github.com/prometheus-operator/prometheus-operator@v$PROMETHEUS_OPERATOR_VERSION" 2>/dev/null \
    | node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>process.stdout.write(JSON.parse(s).Dir??""))'); then
    log "WARNING: could not download the Prometheus Operator $PROMETHEUS_OPERATOR_VERSION module: no schemas for ServiceMonitor/PrometheusRule"
    return 0
  fi
  if [[ -d $dir/example/prometheus-operator-crd ]]; then
    echo "$dir/example/prometheus-operator-crd"
  else
    log "WARNING: no example/prometheus-operator-crd in the Prometheus Operator module: no schemas for ServiceMonitor/PrometheusRule"
  fi
}

crd_schemas() {
  local crds=("$SC_ROOT"/charts/*/crds/*.yaml) stamp monitoring
  monitoring=$(prometheus_operator_crds)
  if [[ -n $monitoring ]]; then
    crds+=("$monitoring/monitoring.coreos.com_servicemonitors.yaml" "$monitoring/monitoring.coreos.com_prometheusrules.yaml")
  fi
  crds+=("$@")
  stamp=$(cat "${crds[@]}" "$CONVERT" | sha256sum | cut -d' ' -f1)
  [[ -f $DIR/.crds.sha256 && $(<"$DIR/.crds.sha256") == "$stamp" ]] && return 0
  log "converting CRDs: ${crds[*]##*/}"
  local crd_args=() f
  for f in "${crds[@]}"; do crd_args+=(--crd "$f"); done
  node "$CONVERT" --openapi "$DIR/openapi-v2.json" "${crd_args[@]}" --out "$DIR" >&2
  printf '%s\n' "$stamp" >"$DIR/.crds.sha256"
}

for f in "$@"; do [[ -f $f ]] || die "kube-schemas: no such CRD file: $f"; done

# One generator at a time (parallel test runs share the cache).
mkdir -p "$SC_CACHE/kube/schemas"
exec 9>"$SC_CACHE/kube/schemas/.lock"
flock 9
builtin_schemas
crd_schemas "$@"
# kubeconform fills in StrictSuffix (-strict under -strict), ResourceKind and KindSuffix.
printf '%s\n' "$DIR/standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json"
