// Command pulumi-resource-kubernetes serves the Kubernetes provider of the pinned
// pulumi-kubernetes commit. The upstream main embeds schema-embed.json, a file its release build
// generates and the Go module does not carry; this main embeds the module's schema.json (copied
// beside it by ../../build.sh) and stamps the version into it as that generator does.
package main

import (
	_ "embed"
	"encoding/json"
	"log"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

//go:embed schema.json
var schemaJSON []byte

//go:embed terraform-mapping.json
var terraformMapping []byte

func main() {
	var spec schema.PackageSpec
	if err := json.Unmarshal(schemaJSON, &spec); err != nil {
		log.Fatalf("cannot read the provider schema: %v", err)
	}
	spec.Version = version.Version
	versioned, err := json.Marshal(spec)
	if err != nil {
		log.Fatalf("cannot write the provider schema: %v", err)
	}
	provider.Serve("kubernetes", version.Version, versioned, terraformMapping)
}
