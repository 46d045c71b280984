#!/usr/bin/env bash
# Starts and stops the end-to-end suite's Kubernetes control plane, on loopback only:
# etcd, kube-apiserver (token authentication, RBAC, the default admission plugins with
# PodSecurity), kube-controller-manager, kube-scheduler, kwok with three fake nodes, and CoreDNS
# serving cluster.local from the API server.
#
#   control-plane.sh up DIR                 start everything; DIR receives certificates, data,
#                                           logs/, pids/, kubeconfig and env (ports, addresses)
#   control-plane.sh down DIR               stop every process this script started, by its PID
#   control-plane.sh stop-apiserver DIR     stop only the API server (to test interruptions)
#   control-plane.sh start-apiserver DIR    start it again with the same settings
#
# The binaries come from tests/e2e/tools/build.sh; E2E_TOOLS_BIN names their folder (default:
# what build.sh --print-bin says). Nothing listens beyond 127.0.0.1.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
bin=${E2E_TOOLS_BIN:-$("$here/tools/build.sh" --print-bin)}
command=${1:?usage: control-plane.sh up|down|stop-apiserver|start-apiserver DIR}
dir=${2:?usage: control-plane.sh $command DIR}
mkdir -p "$dir/logs" "$dir/pids"
dir=$(cd "$dir" && pwd)

# Service and pod address ranges of the fake cluster. Services are single-stack IPv4, as most
# clusters are: the component must not depend on dual-stack Services (README, "Modes": ipFamilyPolicy).
SERVICE_CIDR=10.96.0.0/16
POD_CIDR=10.244.0.0/16
NODES=3

log() { echo "control-plane: $*" >&2; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start NAME COMMAND...: runs COMMAND in the background, its output in logs/NAME.log, its PID in
# pids/NAME. setsid gives it a process group of its own, so a signal to the suite's process group
# does not reach it unasked.
start() {
    local name=$1
    shift
    setsid "$@" >>"$dir/logs/$name.log" 2>&1 < /dev/null &
    echo $! > "$dir/pids/$name"
}

stop() {
    local name=$1 pid
    [[ -f $dir/pids/$name ]] || return 0
    pid=$(cat "$dir/pids/$name")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/pids/$name"
}

# wait_for WHAT SECONDS COMMAND...: retries COMMAND until it succeeds.
wait_for() {
    local what=$1 seconds=$2
    shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        if ((SECONDS >= deadline)); then
            log "$what did not become ready within $seconds s; the last lines of its log:"
            tail -n 30 "$dir/logs/$what.log" >&2 || true
            return 1
        fi
        sleep 0.2
    done
}

api() { # api PATH: an authenticated GET against the API server
    curl -sf --cacert "$dir/pki/ca.crt" -H "Authorization: Bearer $(cat "$dir/pki/admin.token")" \
        "https://127.0.0.1:$APISERVER_PORT$1"
}

kube_apply() { # kube_apply PATH JSON: creates an object (POST), tolerating AlreadyExists
    local status
    status=$(curl -s -o "$dir/logs/last-apply.json" -w '%{http_code}' --cacert "$dir/pki/ca.crt" \
        -H "Authorization: Bearer $(cat "$dir/pki/admin.token")" -H 'Content-Type: application/json' \
        -X POST --data "$2" "https://127.0.0.1:$APISERVER_PORT$1")
    if [[ $status != 201 && $status != 409 ]]; then
        log "POST $1 answered $status: $(cat "$dir/logs/last-apply.json")"
        return 1
    fi
}

make_pki() {
    local pki=$dir/pki
    mkdir -p "$pki"
    [[ -f $pki/apiserver.crt ]] && return 0
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=e2e-ca \
        -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj /CN=kube-apiserver \
        -keyout "$pki/apiserver.key" -out "$pki/apiserver.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\n' \
        > "$pki/apiserver.ext"
    openssl x509 -req -in "$pki/apiserver.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
        -days 2 -extfile "$pki/apiserver.ext" -out "$pki/apiserver.crt" 2>/dev/null
    openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
    openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
    # One static token, in the system:masters group: the suite's own identity, the controllers',
    # kwok's and CoreDNS's. (A real cluster gives each its own; RBAC still authorizes every call.)
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$pki/admin.token"
    printf '%s,e2e-admin,e2e-admin,"system:masters"\n' "$(cat "$pki/admin.token")" > "$pki/tokens.csv"
}

write_kubeconfig() {
    cat > "$dir/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: e2e
    cluster:
      server: https://127.0.0.1:$APISERVER_PORT
      certificate-authority: $dir/pki/ca.crt
users:
  - name: e2e-admin
    user:
      token: $(cat "$dir/pki/admin.token")
contexts:
  - name: e2e
    context: { cluster: e2e, user: e2e-admin }
current-context: e2e
EOF
}

start_apiserver() {
    start kube-apiserver "$bin/kube-apiserver" \
        --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$APISERVER_PORT" \
        --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
        --service-cluster-ip-range="$SERVICE_CIDR" \
        --token-auth-file="$dir/pki/tokens.csv" --client-ca-file="$dir/pki/ca.crt" \
        --tls-cert-file="$dir/pki/apiserver.crt" --tls-private-key-file="$dir/pki/apiserver.key" \
        --service-account-issuer=https://kubernetes.default.svc.cluster.local \
        --service-account-key-file="$dir/pki/sa.pub" --service-account-signing-key-file="$dir/pki/sa.key" \
        --authorization-mode=Node,RBAC \
        --endpoint-reconciler-type=none \
        --profiling=false
    wait_for kube-apiserver 120 api /readyz
}

up() {
    make_pki
    if [[ -f $dir/env ]]; then
        log "$dir/env exists: the control plane of $dir is already up (run down first)"
        return 1
    fi
    ETCD_PORT=$(free_port)
    ETCD_PEER_PORT=$(free_port)
    APISERVER_PORT=$(free_port)
    DNS_PORT=$(free_port)
    KWOK_PORT=$(free_port)
    cat > "$dir/env" <<EOF
ETCD_PORT=$ETCD_PORT
ETCD_PEER_PORT=$ETCD_PEER_PORT
APISERVER_PORT=$APISERVER_PORT
DNS_PORT=$DNS_PORT
KWOK_PORT=$KWOK_PORT
SERVICE_CIDR=$SERVICE_CIDR
POD_CIDR=$POD_CIDR
KUBECONFIG=$dir/kubeconfig
EOF
    write_kubeconfig

    log "etcd on 127.0.0.1:$ETCD_PORT"
    # --unsafe-no-fsync: the data lives as long as the suite; durability is not under test.
    start etcd "$bin/etcd" --name=e2e --data-dir="$dir/etcd" \
        --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
        --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
        --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
        --initial-cluster="e2e=http://127.0.0.1:$ETCD_PEER_PORT" \
        --listen-metrics-urls= --unsafe-no-fsync
    wait_for etcd 60 curl -sf "http://127.0.0.1:$ETCD_PORT/health"

    log "kube-apiserver on https://127.0.0.1:$APISERVER_PORT"
    start_apiserver

    log "kube-controller-manager, kube-scheduler"
    start kube-controller-manager "$bin/kube-controller-manager" \
        --kubeconfig="$dir/kubeconfig" --authentication-kubeconfig="$dir/kubeconfig" \
        --authorization-kubeconfig="$dir/kubeconfig" \
        --bind-address=127.0.0.1 --secure-port=0 --leader-elect=false \
        --service-cluster-ip-range="$SERVICE_CIDR" \
        --service-account-private-key-file="$dir/pki/sa.key" --root-ca-file="$dir/pki/ca.crt" \
        --controllers='*'
    start kube-scheduler "$bin/kube-scheduler" \
        --kubeconfig="$dir/kubeconfig" --authentication-kubeconfig="$dir/kubeconfig" \
        --authorization-kubeconfig="$dir/kubeconfig" \
        --bind-address=127.0.0.1 --secure-port=0 --leader-elect=false

    log "kwok with $NODES fake nodes"
    start kwok "$bin/kwok" --kubeconfig="$dir/kubeconfig" --config="$bin/kwok-stages.yaml" --manage-all-nodes=true \
        --cidr="$POD_CIDR" --node-ip=127.0.0.1 --server-address="127.0.0.1:$KWOK_PORT"
    for i in $(seq 0 $((NODES - 1))); do
        kube_apply /api/v1/nodes "$(node_json "e2e-node-$i")"
    done

    log "CoreDNS on 127.0.0.1:$DNS_PORT"
    cat > "$dir/Corefile" <<EOF
.:$DNS_PORT {
    bind 127.0.0.1
    errors
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig $dir/kubeconfig e2e
        ttl 0
    }
}
EOF
    start coredns "$bin/coredns" -conf "$dir/Corefile"

    # Every node Ready, the default ServiceAccount there (pods need it), DNS answering.
    wait_for kwok 120 nodes_ready
    wait_for kube-controller-manager 120 api /api/v1/namespaces/default/serviceaccounts/default
    wait_for coredns 60 dns_answers
    log "up: KUBECONFIG=$dir/kubeconfig"
}

node_json() {
    cat <<EOF
{"apiVersion":"v1","kind":"Node","metadata":{"name":"$1","labels":{"kubernetes.io/hostname":"$1","kubernetes.io/os":"linux","kubernetes.io/arch":"amd64","type":"kwok"},"annotations":{"kwok.x-k8s.io/node":"fake","node.alpha.kubernetes.io/ttl":"0"}},"spec":{},"status":{"allocatable":{"cpu":"32","memory":"256Gi","pods":"110"},"capacity":{"cpu":"32","memory":"256Gi","pods":"110"}}}
EOF
}

nodes_ready() {
    [[ $(api /api/v1/nodes | python3 -c '
import json, sys
nodes = json.load(sys.stdin)["items"]
print(sum(1 for n in nodes for c in n.get("status", {}).get("conditions", []) if c["type"] == "Ready" and c["status"] == "True"))
') -ge $NODES ]]
}

dns_answers() {
    python3 - "$DNS_PORT" <<'EOF'
import socket, struct, sys
# A query for kubernetes.default.svc.cluster.local (the Service the API server owns): any
# well-formed answer, even NXDOMAIN, shows CoreDNS has synced with the API server.
q = struct.pack(">HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0)
for label in "kubernetes.default.svc.cluster.local".split("."):
    q += bytes([len(label)]) + label.encode()
q += b"\0" + struct.pack(">HH", 1, 1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(1)
s.sendto(q, ("127.0.0.1", int(sys.argv[1])))
reply = s.recv(512)
sys.exit(0 if reply[:2] == q[:2] and (reply[3] & 0x0F) in (0, 3) else 1)
EOF
}

down() {
    # Reverse order of start; whatever is not running any more is skipped.
    for name in coredns kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
        stop "$name"
    done
    rm -f "$dir/env"
}

case $command in
up) up ;;
down) down ;;
stop-apiserver) stop kube-apiserver ;;
start-apiserver)
    # shellcheck disable=SC1091
    source "$dir/env"
    start_apiserver
    ;;
*)
    echo "usage: control-plane.sh up|down|stop-apiserver|start-apiserver DIR" >&2
    exit 2
    ;;
esac
