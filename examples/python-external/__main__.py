"""A three-member ZooKeeper ensemble whose servers run on VMs outside the cluster.

Clients in the cluster connect to the Service `zk`; the servers resolve one another as
`zk-<ordinal>.zk-headless.<namespace>.svc.cluster.local`. Moving the servers into the cluster
later is a change of `mode`, and no client changes its configuration.
"""

import pulumi
import pulumi_stateful_ensemble as stateful_ensemble

config = pulumi.Config()
addresses = [a.strip() for a in (config.get("addresses") or "10.0.0.10,10.0.0.11,10.0.0.12").split(",") if a.strip()]

zk = stateful_ensemble.StatefulEnsemble(
    "zk",
    mode=stateful_ensemble.EnsembleMode.EXTERNAL,
    namespace=config.get("namespace") or "zookeeper",
    app_name="zookeeper",
    ports=[
        {"name": "client", "port": 2181, "client": True},
        {"name": "server", "port": 2888},
        {"name": "election", "port": 3888},
    ],
    external={"members": [{"address": address} for address in addresses]},
)

pulumi.export("clientEndpoint", zk.client_endpoint)
pulumi.export("connectionString", zk.connection_string)
pulumi.export("memberHosts", zk.member_hosts)
