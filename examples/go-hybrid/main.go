// A three-member ZooKeeper ensemble halfway between VMs and the cluster: members 0 and 1 still
// run on VMs, member 2 already runs in the cluster as the pod zk-2. Clients connect to the
// Service `zk`; every member resolves as `zk-<ordinal>.zk-headless.<namespace>.svc.cluster.local`
// wherever it runs, so moving the next member is a change of `addresses` and `replicas` alone.
package main

import (
	"strings"

	"example.com/pulumi-stateful-ensemble/sdk/go/statefulensemble"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		namespace := cfg.Get("namespace")
		if namespace == "" {
			namespace = "zookeeper"
		}
		addresses := cfg.Get("addresses")
		if addresses == "" {
			addresses = "10.0.0.10,10.0.0.11"
		}
		replicas := 1
		if cfg.Get("replicas") != "" {
			replicas = cfg.GetInt("replicas")
		}

		// The VMs keep ordinals 0, 1, …; the pods take the ordinals after theirs.
		var members []statefulensemble.ExternalMemberArgsArgs
		for _, address := range strings.Split(addresses, ",") {
			if address = strings.TrimSpace(address); address != "" {
				members = append(members, statefulensemble.ExternalMemberArgsArgs{Address: address})
			}
		}

		zk, err := statefulensemble.NewStatefulEnsemble(ctx, "zk", &statefulensemble.StatefulEnsembleArgs{
			Mode:      statefulensemble.EnsembleModeHybrid,
			Namespace: pulumi.StringRef(namespace),
			AppName:   pulumi.StringRef("zookeeper"),
			Ports: []statefulensemble.EnsemblePortArgsArgs{
				{Name: "client", Port: 2181, Client: pulumi.BoolRef(true)},
				{Name: "server", Port: 2888},
				{Name: "election", Port: 3888},
			},
			External: &statefulensemble.ExternalArgsArgs{Members: members},
			InCluster: &statefulensemble.InClusterArgsArgs{
				Replicas:     float64(replicas),
				StartOrdinal: pulumi.Float64Ref(float64(len(members))),
				Image:        pulumi.String("zookeeper:3.9.3"),
				// The official image's entrypoint writes /conf/zoo.cfg and transaction logs
				// under /datalog at start: it needs a writable root file system.
				ReadOnlyRootFilesystem: pulumi.BoolRef(false),
				Storage:                &statefulensemble.StorageArgsArgs{Size: "10Gi"},
				Resources: &statefulensemble.ResourcesArgsArgs{
					Requests: map[string]string{"cpu": "250m", "memory": "1Gi"},
					Limits:   map[string]string{"memory": "1Gi"},
				},
			},
		})
		if err != nil {
			return err
		}

		ctx.Export("clientEndpoint", zk.ClientEndpoint)
		ctx.Export("connectionString", zk.ConnectionString)
		ctx.Export("memberHosts", zk.MemberHosts)
		return nil
	})
}
