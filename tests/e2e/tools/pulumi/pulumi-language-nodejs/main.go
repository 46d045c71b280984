// Command pulumi-language-nodejs is the Node.js language host the e2e suite gives the Pulumi CLI.
//
// Pulumi's own host (sdk/nodejs/cmd/pulumi-language-nodejs) is a Go module that Pulumi never
// tags, and the Go module proxy these machines reach does not serve it, so it cannot be built
// here. This host speaks the same LanguageRuntime gRPC protocol from the pinned
// github.com/pulumi/pulumi/sdk/v3 and launches programs the way Pulumi's host does: through the
// program's own @pulumi/pulumi (cmd/run for programs, cmd/run-plugin for component providers),
// with the engine's settings as that entry point's flags and the configuration in PULUMI_CONFIG.
// Everything a program does after that — registrations, previews, diffs, outputs — is the real
// SDK talking to the real engine. What it leaves out: yarn, pnpm and bun (npm only), program
// generation, Pack and Link.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"e2etools/pulumi/internal/langhost"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

// version is stamped by ../../build.sh with the Pulumi release the CLI is built from.
var version = "0.0.0-dev"

func main() {
	langhost.Serve("pulumi-language-nodejs", func(engine langhost.Engine) pulumirpc.LanguageRuntimeServer {
		return &nodeHost{engine: engine.Address, tracing: engine.Tracing}
	})
}

type nodeHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engine  string
	tracing string
}

// options are the runtime options of Pulumi.yaml (`runtime: {name: nodejs, options: {...}}`).
type options struct {
	typescript bool
	tsconfig   string
	nodeargs   []string
}

func parseOptions(info *pulumirpc.ProgramInfo) options {
	opts := options{typescript: true}
	if info == nil || info.GetOptions() == nil {
		return opts
	}
	values := info.GetOptions().AsMap()
	if v, ok := values["typescript"].(bool); ok {
		opts.typescript = v
	}
	if v, ok := values["tsconfig"].(string); ok {
		opts.tsconfig = v
	}
	if v, ok := values["nodeargs"].(string); ok {
		opts.nodeargs = strings.Fields(v)
	}
	return opts
}

// resolveEntry finds the program's own copy of an @pulumi/pulumi entry point, as Node.js would.
func resolveEntry(ctx context.Context, dir, module string) (string, error) {
	cmd := exec.CommandContext(ctx, "node", "-e",
		"process.stdout.write(require.resolve(process.argv[1]))", module)
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("could not find %s from %s (is @pulumi/pulumi installed there?): %v: %s",
			module, dir, err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}

func (h *nodeHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (h *nodeHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	dir := langhost.ProgramDir(req.GetInfo(), req.GetPwd())
	opts := parseOptions(req.GetInfo())
	run, err := resolveEntry(ctx, dir, "@pulumi/pulumi/cmd/run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	args := append([]string{}, opts.nodeargs...)
	args = append(args, run, "--monitor="+req.GetMonitorAddress())
	if h.engine != "" {
		args = append(args, "--engine="+h.engine)
	}
	if h.tracing != "" {
		args = append(args, "--tracing="+h.tracing)
	}
	for flagName, value := range map[string]string{
		"organization":   req.GetOrganization(),
		"project":        req.GetProject(),
		"stack":          req.GetStack(),
		"pwd":            req.GetPwd(),
		"root-directory": req.GetInfo().GetRootDirectory(),
	} {
		if value != "" {
			args = append(args, "--"+flagName+"="+value)
		}
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if req.GetParallel() > 1 {
		args = append(args, "--parallel="+strconv.Itoa(int(req.GetParallel())))
	}
	args = append(args, langhost.EntryPoint(req))
	args = append(args, req.GetArgs()...)

	configEnv, err := langhost.ConfigEnv(req)
	if err != nil {
		return nil, err
	}
	env := append(append(os.Environ(), configEnv...),
		"PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(opts.typescript))
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}

	cmd := exec.Command("node", args...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	return langhost.RunResponse(ctx, cmd), nil
}

func (h *nodeHost) RunPlugin(
	req *pulumirpc.RunPluginRequest, server grpc.ServerStreamingServer[pulumirpc.RunPluginResponse],
) error {
	dir := langhost.ProgramDir(req.GetInfo(), req.GetPwd())
	opts := parseOptions(req.GetInfo())
	runPlugin, err := resolveEntry(server.Context(), dir, "@pulumi/pulumi/cmd/run-plugin")
	if err != nil {
		return status.Error(codes.FailedPrecondition, err.Error())
	}
	args := append([]string{}, opts.nodeargs...)
	args = append(args, runPlugin, dir)
	args = append(args, req.GetArgs()...)

	cmd := exec.Command("node", args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), req.GetEnv()...),
		"PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(opts.typescript))
	if opts.tsconfig != "" {
		cmd.Env = append(cmd.Env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}
	var mu sync.Mutex
	send := func(resp *pulumirpc.RunPluginResponse) error {
		mu.Lock()
		defer mu.Unlock()
		return server.Send(resp)
	}
	cmd.Stdout = langhost.StreamWriter(func(b []byte) error {
		return send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}})
	})
	cmd.Stderr = langhost.StreamWriter(func(b []byte) error {
		return send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}})
	})
	code := 0
	if err := langhost.RunUntilCancelled(server.Context(), cmd); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			return err
		}
		code = exit.ExitCode()
	}
	return send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)}})
}

// packageJSON is the part of a package.json this host reads.
type packageJSON struct {
	Name         string            `json:"name"`
	Version      string            `json:"version"`
	Dependencies map[string]string `json:"dependencies"`
	Pulumi       *struct {
		Resource bool   `json:"resource"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Server   string `json:"server"`
	} `json:"pulumi"`
}

func readPackageJSON(path string) (*packageJSON, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var pkg packageJSON
	if err := json.Unmarshal(data, &pkg); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &pkg, nil
}

// resolvePackage finds a dependency's package.json by Node.js's lookup: node_modules in the
// requiring package's directory, then in each directory above it.
func resolvePackage(from, name string) (string, bool) {
	for dir := from; ; dir = filepath.Dir(dir) {
		candidate := filepath.Join(dir, "node_modules", name, "package.json")
		if _, err := os.Stat(candidate); err == nil {
			return candidate, true
		}
		if filepath.Dir(dir) == dir {
			return "", false
		}
	}
}

// requiredPackages walks the program's runtime dependency tree (package.json `dependencies`,
// transitively, as installed) and reports each package that declares a Pulumi resource plugin.
func requiredPackages(dir string) ([]*pulumirpc.PackageDependency, error) {
	root, err := readPackageJSON(filepath.Join(dir, "package.json"))
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil
		}
		return nil, err
	}
	seen := map[string]bool{}
	var found []*pulumirpc.PackageDependency
	var visit func(from string, deps map[string]string) error
	visit = func(from string, deps map[string]string) error {
		names := make([]string, 0, len(deps))
		for name := range deps {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			path, ok := resolvePackage(from, name)
			if !ok || seen[path] {
				continue
			}
			seen[path] = true
			pkg, err := readPackageJSON(path)
			if err != nil {
				return err
			}
			if pkg.Pulumi != nil && pkg.Pulumi.Resource {
				pluginName := pkg.Pulumi.Name
				if pluginName == "" {
					pluginName = strings.TrimPrefix(pkg.Name, "@pulumi/")
				}
				pluginVersion := pkg.Pulumi.Version
				if pluginVersion == "" {
					pluginVersion = pkg.Version
				}
				found = append(found, &pulumirpc.PackageDependency{
					Name: pluginName, Kind: "resource", Version: pluginVersion, Server: pkg.Pulumi.Server,
				})
			}
			if err := visit(filepath.Dir(path), pkg.Dependencies); err != nil {
				return err
			}
		}
		return nil
	}
	deps := map[string]string{}
	for name, v := range root.Dependencies {
		deps[name] = v
	}
	return found, visit(dir, deps)
}

func (h *nodeHost) GetRequiredPackages(
	_ context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return langhost.RequiredPackages(requiredPackages(langhost.ProgramDir(req.GetInfo(), "")))
}

func (h *nodeHost) GetRequiredPlugins(
	_ context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return langhost.RequiredPlugins(requiredPackages(langhost.ProgramDir(req.GetInfo(), req.GetPwd())))
}

func (h *nodeHost) GetProgramDependencies(
	_ context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := langhost.ProgramDir(req.GetInfo(), req.GetPwd())
	root, err := readPackageJSON(filepath.Join(dir, "package.json"))
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(root.Dependencies))
	for name := range root.Dependencies {
		names = append(names, name)
	}
	sort.Strings(names)
	deps := make([]*pulumirpc.DependencyInfo, 0, len(names))
	for _, name := range names {
		installed := root.Dependencies[name]
		if path, ok := resolvePackage(dir, name); ok {
			if pkg, err := readPackageJSON(path); err == nil {
				installed = pkg.Version
			}
		}
		deps = append(deps, &pulumirpc.DependencyInfo{Name: name, Version: installed})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

func (h *nodeHost) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return langhost.About(ctx, "node", "--version", "v")
}

// InstallDependencies runs `npm install` in the program's directory, streaming its output.
func (h *nodeHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest,
	server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	dir := langhost.ProgramDir(req.GetInfo(), req.GetDirectory())
	cmd := exec.CommandContext(server.Context(), "npm", "install", "--no-audit", "--no-fund")
	cmd.Dir = dir
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		return err
	}
	if err := langhost.ForwardLines(stdout, func(line []byte) error {
		return server.Send(&pulumirpc.InstallDependenciesResponse{Stdout: line})
	}); err != nil {
		return err
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("npm install failed in %s: %w", dir, err)
	}
	return nil
}

// The options a program may give are plain values; nothing to prompt for.
func (h *nodeHost) RuntimeOptionsPrompts(
	context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}
