// Command etcd is the etcd server of go.etcd.io/etcd/server/v3, built at the version the pinned
// Kubernetes release tests against (its go.mod), so the e2e control plane needs no etcd package.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
