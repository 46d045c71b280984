module zk-go-hybrid

go 1.25.11

require (
	github.com/pulumi/pulumi-kubernetes/sdk/v4 v4.25.0
	github.com/pulumi/pulumi/sdk/v3 v3.248.0
)
