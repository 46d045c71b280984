// Command coredns is CoreDNS with only the plugins the e2e control plane needs: the kubernetes
// plugin answers cluster.local from the API server, exactly as in a cluster. Importing plugins
// one by one (instead of core/plugin, which pulls in every cloud DNS backend) keeps the build small;
// this is the compile-time plugin selection CoreDNS documents.
package main

import (
	"github.com/coredns/coredns/core/dnsserver"
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/bind"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/log"
	_ "github.com/coredns/coredns/plugin/ready"
)

func init() {
	// The order in which the plugins handle a query, as in CoreDNS's own plugin.cfg.
	dnsserver.Directives = []string{"bind", "ready", "errors", "log", "kubernetes"}
}

func main() {
	coremain.Run()
}
