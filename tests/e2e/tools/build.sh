#!/usr/bin/env bash
# Builds the real tools the end-to-end suite runs — the Pulumi CLI and its language hosts,
# the Kubernetes provider plugin, etcd, kube-apiserver, kube-controller-manager, kube-scheduler,
# kube-proxy, kwok and CoreDNS — from the Go module proxy, at the versions pinned in the go.mod
# files beside this script, and prometheus-operator's monitor definitions at the release it names.
#
# Each tool is cached under $STATEFUL_ENSEMBLE_TOOLS_CACHE (default ~/.cache/stateful-ensemble/
# e2e-tools) in a folder keyed by a hash of its module (go.mod, go.sum, sources) and the Go
# version, so only the first run on a machine compiles. $cache/bin holds links to the current
# binaries; the suite puts it first on PATH. Nothing here is written into the repository except
# the provider's schema files copied from the module cache (gitignored).
#
# Usage: build.sh [--print-bin]   (--print-bin: only print the bin folder's path)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${STATEFUL_ENSEMBLE_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/stateful-ensemble/e2e-tools}
if [[ ${1:-} == --print-bin ]]; then
    echo "$cache/bin"
    exit 0
fi
# A bound per tool, so a stuck download or build fails CI with a message instead of hanging it.
limit=${STATEFUL_ENSEMBLE_TOOLS_BUILD_TIMEOUT:-40m}
export GOFLAGS="${GOFLAGS:-} -trimpath -mod=readonly"
mkdir -p "$cache/bin"

module_version() { # module_version DIR MODULE
    (cd "$1" && go list -m -f '{{.Version}}' "$2")
}

module_dir() { # module_dir DIR MODULE: where the module's source is, downloading it if needed
    (cd "$1" && go mod download "$2" && go list -m -f '{{.Dir}}' "$2")
}

# build NAME LDFLAGS PACKAGE... : builds the packages of module $here/NAME into $cache/NAME-KEY/bin,
# and sets $built to $cache/NAME-KEY.
build() {
    local name=$1 ldflags=$2
    shift 2
    local dir="$here/$name"
    local key
    key=$( (go version; echo "$ldflags $*"; cd "$dir" && find . -type f \( -name '*.go' -o -name 'go.mod' -o -name 'go.sum' -o -name '*.json' \) | LC_ALL=C sort | xargs sha256sum) | sha256sum | cut -c1-16)
    local out="$cache/$name-$key"
    if [[ -f $out/.complete ]]; then
        echo "e2e tools: $name is cached ($out)"
    else
        echo "e2e tools: building $name ($*) — the first build on a machine takes minutes"
        local started=$SECONDS
        rm -rf "$out.partial"
        mkdir -p "$out.partial/bin"
        (cd "$dir" && timeout "$limit" go build -ldflags "$ldflags" -o "$out.partial/bin/" "$@")
        rm -rf "$out"
        mv "$out.partial" "$out"
        touch "$out/.complete"
        echo "e2e tools: built $name in $((SECONDS - started)) s"
    fi
    built="$out"
    local bin
    for bin in "$out"/bin/*; do
        ln -sfn "$bin" "$cache/bin/$(basename "$bin")"
    done
}

total=$SECONDS

# The Pulumi CLI at the @pulumi/pulumi version in package-lock.json, and the language hosts of our
# own for Node.js, Python and Go (see each one's package comment).
pulumi_version=$(module_version "$here/pulumi" github.com/pulumi/pulumi/pkg/v3)
build pulumi "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$pulumi_version -X main.version=${pulumi_version#v}" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi ./pulumi-language-nodejs ./pulumi-language-python ./pulumi-language-go
pulumi_built=$built
# The runner Pulumi ships beside its CLI for the Python host to start programs with, from the
# same sdk module.
sdk_dir=$(module_dir "$here/pulumi" github.com/pulumi/pulumi/sdk/v3)
install -m 0755 "$sdk_dir/python/cmd/pulumi-language-python-exec" "$cache/bin/pulumi-language-python-exec"

# Pulumi's own YAML language host, in a module of its own: a pulumi-yaml release pins the Pulumi
# packages it was built with, and the newest release the module proxy serves that builds with its
# own pins (1.32.0, on Pulumi 3.230.0) does not share the CLI's (docs/testing.md).
yaml_version=$(module_version "$here/pulumi-yaml" github.com/pulumi/pulumi-yaml)
build pulumi-yaml "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=$yaml_version" \
    github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
# The CLI takes its bundled language hosts, YAML among them, only from beside its own binary
# (`pulumi plugin install` refuses them), so the host is linked there. A hard link: the YAML host
# in turn looks for the Node.js host, which runs the component's plugin, beside its own
# executable with symbolic links resolved.
ln -f "$built/bin/pulumi-language-yaml" "$pulumi_built/bin/pulumi-language-yaml"

# The Kubernetes provider plugin. Its release number is not in the pseudo-version; provider/go.mod
# names it on its "release:" line, and the e2e tests check it against package-lock.json.
provider_release=$(sed -n 's|^// release: *||p' "$here/provider/go.mod")
provider_dir=$(module_dir "$here/provider" github.com/pulumi/pulumi-kubernetes/provider/v4)
for file in schema.json terraform-mapping.json; do
    if ! cmp -s "$provider_dir/cmd/pulumi-resource-kubernetes/$file" "$here/provider/pulumi-resource-kubernetes/$file"; then
        install -m 0644 "$provider_dir/cmd/pulumi-resource-kubernetes/$file" "$here/provider/pulumi-resource-kubernetes/$file"
    fi
done
build provider "-X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$provider_release" \
    ./pulumi-resource-kubernetes

# The control plane, its etcd, and kube-proxy, versioned as the release they are built from so
# that clients (the provider, kwok) see the server version they would see on a real cluster.
k8s_version=$(module_version "$here/kubernetes" k8s.io/kubernetes)
k8s_minor=$(echo "$k8s_version" | cut -d. -f2)
k8s_ldflags=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    k8s_ldflags+=" -X $pkg.gitVersion=$k8s_version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$k8s_minor"
    k8s_ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
done
build kubernetes "$k8s_ldflags" k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kube-proxy ./etcd

# Fake nodes whose pods become Running and Ready. The kwok binary has no stages of its own
# (kwokctl writes them); these are kwok's maintained ones, from the same module: nodes become
# Ready and keep a heartbeat, pods become Running and Ready, and go away when deleted.
build kwok "" sigs.k8s.io/kwok/cmd/kwok
kwok_stages=$(module_dir "$here/kwok" sigs.k8s.io/kwok)/kustomize/stage
for stage in node/fast/node-initialize node/heartbeat/node-heartbeat pod/fast/pod-ready pod/fast/pod-complete \
    pod/fast/pod-delete; do
    cat "$kwok_stages/$stage.yaml"
    echo "---"
done > "$cache/bin/kwok-stages.yaml"

# Cluster DNS, answering the names this package promises from the API server.
build coredns "" .

# prometheus-operator's PodMonitor and ServiceMonitor definitions, which the suite's API server
# serves as a cluster with the operator installed would (the operator itself does not run: nothing
# scrapes). From the operator's own module at the release pinned here, which the go command checks
# against the Go checksum database; its examples hold the definitions its releases ship.
prometheus_operator_version=v0.85.0
prometheus_operator_dir=$(cd "$cache" && go mod download "github.com/prometheus-operator/prometheus-operator@$prometheus_operator_version" &&
    go list -m -f '{{.Dir}}' "github.com/prometheus-operator/prometheus-operator@$prometheus_operator_version")
for kind in podmonitors servicemonitors; do
    cat "$prometheus_operator_dir/example/prometheus-operator-crd/monitoring.coreos.com_$kind.yaml"
    echo "---"
done > "$cache/bin/prometheus-operator-crds.yaml"

echo "e2e tools: ready in $cache/bin ($((SECONDS - total)) s)"
