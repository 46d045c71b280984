// Command pulumi-language-python is the Python language host the e2e suite gives the Pulumi CLI.
//
// Pulumi's own host (sdk/python/cmd/pulumi-language-python) is a Go module of its own that the
// Go module proxy refuses, so it cannot be built here. This host speaks the LanguageRuntime gRPC
// protocol of the pinned github.com/pulumi/pulumi/sdk/v3 and does what Pulumi's host does with
// Pulumi's own code wherever the pinned modules carry it: the virtual environment and pip through
// sdk/v3/python/toolchain, SDK generation through pkg/v3/codegen/python, and programs launched
// by pulumi-language-python-exec, the runner Pulumi ships beside its CLI (build.sh installs it
// from the same sdk/v3 module), with the engine's settings as its flags and the configuration
// in PULUMI_CONFIG. Everything a program does after that is the real `pulumi` package from PyPI
// talking to the real engine. What it leaves out: the uv and poetry toolchains, type checkers,
// program generation, Pack, and Python plugins.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"e2etools/pulumi/internal/langhost"

	pycodegen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// version is stamped by ../../build.sh with the Pulumi release the CLI is built from.
var version = "0.0.0-dev"

func main() {
	langhost.Serve("pulumi-language-python", func(engine langhost.Engine) pulumirpc.LanguageRuntimeServer {
		return &pythonHost{engine: engine}
	})
}

type pythonHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engine langhost.Engine
}

// pythonToolchain is the pip toolchain of the program's runtime options (`virtualenv`).
func pythonToolchain(info *pulumirpc.ProgramInfo, pwd string) (toolchain.Toolchain, error) {
	dir := langhost.ProgramDir(info, pwd)
	root := info.GetRootDirectory()
	if root == "" {
		root = dir
	}
	virtualenv := ""
	if info.GetOptions() != nil {
		options := info.GetOptions().AsMap()
		if name, ok := options["toolchain"].(string); ok && name != "" && name != "pip" {
			return nil, fmt.Errorf("this language host supports the pip toolchain only, not %q", name)
		}
		if v, ok := options["virtualenv"].(string); ok {
			virtualenv = v
		}
	}
	return toolchain.ResolveToolchain(toolchain.PythonOptions{
		Root: root, ProgramDir: dir, Virtualenv: virtualenv, Toolchain: toolchain.Pip,
	})
}

func (h *pythonHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

// runner finds pulumi-language-python-exec beside this host, else on PATH, as Pulumi's host does.
func runner() (string, error) {
	const name = "pulumi-language-python-exec"
	if self, err := os.Executable(); err == nil {
		candidate := filepath.Join(filepath.Dir(self), name)
		if _, err := os.Stat(candidate); err == nil {
			return candidate, nil
		}
	}
	return exec.LookPath(name)
}

func (h *pythonHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	tc, err := pythonToolchain(req.GetInfo(), req.GetPwd())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	if err := tc.ValidateVenv(ctx); err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	runnerPath, err := runner()
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	args := []string{"-u", runnerPath, "--monitor", req.GetMonitorAddress()}
	if h.engine.Address != "" {
		args = append(args, "--engine", h.engine.Address)
	}
	if h.engine.Tracing != "" {
		args = append(args, "--tracing", h.engine.Tracing)
	}
	for _, flagValue := range [][2]string{
		{"--project", req.GetProject()},
		{"--stack", req.GetStack()},
		{"--pwd", req.GetPwd()},
		{"--organization", req.GetOrganization()},
		{"--root_directory", req.GetInfo().GetRootDirectory()},
	} {
		if flagValue[1] != "" {
			args = append(args, flagValue[0], flagValue[1])
		}
	}
	args = append(args, "--dry_run", strconv.FormatBool(req.GetDryRun()),
		"--parallel", strconv.Itoa(int(req.GetParallel())))
	args = append(args, langhost.EntryPoint(req))
	args = append(args, req.GetArgs()...)

	configEnv, err := langhost.ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	cmd, err := tc.Command(ctx, args...)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	// tc.Command binds the process to ctx; the engine's cancellation interrupts it instead.
	plain := exec.Command(cmd.Path, cmd.Args[1:]...)
	plain.Dir = langhost.ProgramDir(req.GetInfo(), req.GetPwd())
	plain.Env = append(cmd.Environ(), configEnv...)
	plain.Stdout = os.Stdout
	plain.Stderr = os.Stderr
	return langhost.RunResponse(ctx, plain), nil
}

// pluginsScript prints, as JSON, the pulumi-plugin.json of every installed distribution that
// ships one: how a Python SDK names the resource plugin it needs.
const pluginsScript = `
import importlib.metadata, json, sys
found = []
for dist in importlib.metadata.distributions():
    for file in dist.files or []:
        if file.name == "pulumi-plugin.json":
            try:
                found.append({"distribution": dist.metadata["Name"], "plugin": json.loads(file.read_text())})
            except (OSError, ValueError):
                pass
json.dump(found, sys.stdout)
`

type pluginJSON struct {
	Resource         bool   `json:"resource"`
	Name             string `json:"name"`
	Version          string `json:"version"`
	Server           string `json:"server"`
	Parameterization *struct {
		Name    string `json:"name"`
		Version string `json:"version"`
		Value   []byte `json:"value"`
	} `json:"parameterization"`
}

// requiredPackages reports the resource plugin of every installed distribution that names one.
func requiredPackages(ctx context.Context, info *pulumirpc.ProgramInfo) ([]*pulumirpc.PackageDependency, error) {
	tc, err := pythonToolchain(info, "")
	if err != nil {
		return nil, err
	}
	if err := tc.ValidateVenv(ctx); err != nil {
		// Nothing is installed yet; `pulumi install` comes first.
		return nil, nil
	}
	cmd, err := tc.Command(ctx, "-c", pluginsScript)
	if err != nil {
		return nil, err
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("listing the installed Pulumi packages: %w: %s", err, stderr.String())
	}
	var found []struct {
		Distribution string     `json:"distribution"`
		Plugin       pluginJSON `json:"plugin"`
	}
	if err := json.Unmarshal(out, &found); err != nil {
		return nil, err
	}
	sort.Slice(found, func(i, j int) bool { return found[i].Distribution < found[j].Distribution })
	var packages []*pulumirpc.PackageDependency
	for _, f := range found {
		if !f.Plugin.Resource {
			continue
		}
		name := f.Plugin.Name
		if name == "" {
			name = strings.TrimPrefix(strings.ReplaceAll(strings.ToLower(f.Distribution), "_", "-"), "pulumi-")
		}
		dep := &pulumirpc.PackageDependency{
			Name: name, Kind: "resource", Version: f.Plugin.Version, Server: f.Plugin.Server,
		}
		if p := f.Plugin.Parameterization; p != nil {
			dep.Parameterization = &pulumirpc.PackageParameterization{Name: p.Name, Version: p.Version, Value: p.Value}
		}
		packages = append(packages, dep)
	}
	return packages, nil
}

func (h *pythonHost) GetRequiredPackages(
	ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return langhost.RequiredPackages(requiredPackages(ctx, req.GetInfo()))
}

func (h *pythonHost) GetRequiredPlugins(
	ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return langhost.RequiredPlugins(requiredPackages(ctx, req.GetInfo()))
}

func (h *pythonHost) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	tc, err := pythonToolchain(req.GetInfo(), req.GetPwd())
	if err != nil {
		return nil, err
	}
	installed, err := tc.ListPackages(ctx, req.GetTransitiveDependencies())
	if err != nil {
		return nil, err
	}
	deps := make([]*pulumirpc.DependencyInfo, 0, len(installed))
	for _, d := range installed {
		deps = append(deps, &pulumirpc.DependencyInfo{Name: d.Name, Version: d.Version})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

// InstallDependencies creates the virtual environment if need be and installs requirements.txt
// into it with pip, streaming pip's output.
func (h *pythonHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest,
	server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	ctx := server.Context()
	tc, err := pythonToolchain(req.GetInfo(), req.GetDirectory())
	if err != nil {
		return err
	}
	stdout, stderr := langhost.InstallOutput(server, false), langhost.InstallOutput(server, true)
	dir := langhost.ProgramDir(req.GetInfo(), req.GetDirectory())
	if err := tc.EnsureVenv(ctx, dir, false, true, stdout, stderr); err != nil {
		return err
	}
	return tc.InstallDependencies(ctx, dir, false, true, stdout, stderr)
}

// Link adds each generated SDK to requirements.txt, as a path, under its Python distribution name.
func (h *pythonHost) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	tc, err := pythonToolchain(req.GetInfo(), "")
	if err != nil {
		return nil, err
	}
	packages := map[string]string{}
	var names []string
	for _, dep := range req.GetPackages() {
		pkg := dep.GetPackage()
		name := pkg.GetName()
		if p := pkg.GetParameterization(); p != nil {
			name = p.GetName()
		}
		distribution := pycodegen.PyPack("", name)
		packages[distribution] = dep.GetPath()
		names = append(names, distribution)
	}
	if err := tc.LinkPackages(ctx, packages); err != nil {
		return nil, err
	}
	sort.Strings(names)
	return &pulumirpc.LinkResponse{
		ImportInstructions: "Added to requirements.txt: " + strings.Join(names, ", "),
	}, nil
}

// GeneratePackage writes the Python SDK of a schema with Pulumi's own Python code generator.
func (h *pythonHost) GeneratePackage(
	_ context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	return langhost.GeneratePackage(req, func(pkg *schema.Package, loader schema.ReferenceLoader) (map[string][]byte, error) {
		if req.GetLocal() {
			pkg.SupportPack = true
		}
		return pycodegen.GeneratePackage("pulumi-language-python", pkg, req.GetExtraFiles(), loader)
	})
}

func (h *pythonHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	tc, err := pythonToolchain(req.GetInfo(), "")
	if err != nil {
		return nil, err
	}
	about, err := tc.About(ctx)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.AboutResponse{Executable: about.PythonExecutable, Version: about.PythonVersion.String()}, nil
}

// The options a program may give are plain values; nothing to prompt for.
func (h *pythonHost) RuntimeOptionsPrompts(
	context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}
