#!/usr/bin/env bash
# Builds the Kubernetes tools the operator's tests need, from the Go module proxy, into
# $SC_CACHE/kube/bin (outside the checkout, so only the first run pays for the build):
#   kube-apiserver  k8s.io/kubernetes cannot be `go install`ed (its go.mod replaces every staging
#                   module with a local path), so a small wrapper module requires it and points
#                   each staging module at its published k8s.io/<name> v0.<minor>.<patch>.
#   etcd            the same approach (etcd's server module is built through etcdmain.Main);
#                   Debian's 3.4.23 is older than what kube-apiserver 1.31 documents.
#   helm, kubeconform  plain `go install` at pinned versions.
# A marker file per tool holds the version it was built at, so a version bump rebuilds it.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

KUBE_VERSION=1.31.14
ETCD_VERSION=3.5.21
HELM_VERSION=3.16.4
KUBECONFORM_VERSION=0.7.0
STAGING=(api apiextensions-apiserver apimachinery apiserver cli-runtime client-go cloud-provider
  cluster-bootstrap code-generator component-base component-helpers controller-manager cri-api
  cri-client csi-translation-lib dynamic-resource-allocation endpointslice kms kube-aggregator
  kube-controller-manager kube-proxy kube-scheduler kubectl kubelet metrics mount-utils
  pod-security-admission sample-apiserver sample-cli-plugin sample-controller)

KUBE_CACHE=$SC_CACHE/kube
BIN=$KUBE_CACHE/bin
mkdir -p "$BIN"

built() { [[ -x $BIN/$1 && -f $BIN/.$1.version && $(<"$BIN/.$1.version") == "$2" ]]; }
mark() { printf '%s\n' "$2" >"$BIN/.$1.version"; }

# go_build NAME VERSION DIR PACKAGE [LDFLAGS]: build PACKAGE inside the wrapper module at DIR.
go_build() {
  local name=$1 version=$2 dir=$3 pkg=$4 ldflags=${5:-} t0=$SECONDS log=$KUBE_CACHE/$1.build.log
  say "$name: building $version from the Go module proxy (first run only; several minutes)"
  if ! (cd "$dir" && GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w $ldflags" -o "$BIN/$name.tmp" "$pkg") >"$log" 2>&1; then
    fail_with_log "$name" "go build failed" "$log"
  fi
  mv "$BIN/$name.tmp" "$BIN/$name"
  mark "$name" "$version"
  say "$name: built in $((SECONDS - t0))s"
}

build_kube_apiserver() {
  built kube-apiserver "$KUBE_VERSION" && return 0
  local dir=$KUBE_CACHE/wrapper-kubernetes-$KUBE_VERSION minor=${KUBE_VERSION#1.} s
  mkdir -p "$dir"
  {
    echo "module local.smartchat/kube-wrapper"
    echo
    echo "go 1.22.0"
    echo
    echo "require k8s.io/kubernetes v$KUBE_VERSION"
    echo
    echo "replace ("
    for s in "${STAGING[@]}"; do echo "	k8s.io/$s => k8s.io/$s v0.$minor"; done
    echo ")"
  } >"$dir/go.mod"
  # A file that imports nothing keeps `go build PKG` happy in a module with no packages of its own.
  printf 'package wrapper\n' >"$dir/wrapper.go"
  local v=k8s.io/component-base/version
  go_build kube-apiserver "$KUBE_VERSION" "$dir" k8s.io/kubernetes/cmd/kube-apiserver \
    "-X $v.gitVersion=v$KUBE_VERSION -X $v.gitMajor=1 -X $v.gitMinor=${minor%%.*}"
}

build_etcd() {
  built etcd "$ETCD_VERSION" && return 0
  local dir=$KUBE_CACHE/wrapper-etcd-$ETCD_VERSION
  mkdir -p "$dir"
  cat >"$dir/go.mod" <<EOF
module local.smartchat/etcd-wrapper

go 1.22.0

require go.etcd.io/etcd/server/v3 v$ETCD_VERSION
EOF
  cat >"$dir/main.go" <<'EOF'
// Runs the etcd server exactly as the upstream etcd binary does.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
EOF
  go_build etcd "$ETCD_VERSION" "$dir" .
}

go_install() {
  local name=$1 version=$2 pkg=$3 t0=$SECONDS log=$KUBE_CACHE/$1.build.log
  built "$name" "$version" && return 0
  say "$name: installing $version with go install (first run only)"
  GOBIN=$BIN go install "$pkg@v$version" >"$log" 2>&1 || fail_with_log "$name" "go install failed" "$log"
  mark "$name" "$version"
  say "$name: installed in $((SECONDS - t0))s"
}

command -v go >/dev/null || die "go is not installed; the Kubernetes test tools are built with it"
case ${1:-all} in
  all)
    go_install helm "$HELM_VERSION" helm.sh/helm/v3/cmd/helm
    go_install kubeconform "$KUBECONFORM_VERSION" github.com/yannh/kubeconform/cmd/kubeconform
    build_etcd
    build_kube_apiserver ;;
  bin) echo "$BIN" ;;
  *) die "usage: $(basename "$0") [all|bin]" ;;
esac
