// Package langhost holds what the e2e suite's own language hosts share: the process protocol the
// Pulumi engine expects of a language host (its flags, the port on the first line of standard
// output), running a program so that a cancelled request interrupts it, and streaming output.
package langhost

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"

	"github.com/pulumi/pulumi/sdk/v3/go/common/constant"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// Engine is what the engine tells a language host when it starts it.
type Engine struct {
	// Address is the engine's gRPC address.
	Address string
	// Tracing is the tracing endpoint, if any.
	Tracing string
}

// Serve parses the engine's flags, serves the host returned by newHost and blocks until the
// engine stops it. It never returns.
func Serve(name string, newHost func(Engine) pulumirpc.LanguageRuntimeServer) {
	// The engine passes logging and tracing flags before its own address; they are accepted and
	// ignored, as a program's own diagnostics go to the engine over gRPC.
	flags := flag.NewFlagSet(name, flag.ContinueOnError)
	flags.Bool("logtostderr", false, "")
	flags.Bool("logflow", false, "")
	flags.Int("v", 0, "")
	tracing := flags.String("tracing", "", "")
	flags.String("root", "", "")
	if err := flags.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	engine := Engine{Tracing: *tracing}
	if flags.NArg() > 0 {
		engine.Address = flags.Arg(flags.NArg() - 1)
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, newHost(engine))
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "fatal: could not start the language host: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of standard output.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "fatal: %v\n", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// ProgramDir is the program's directory: the one ProgramInfo names, else the working directory.
func ProgramDir(info *pulumirpc.ProgramInfo, pwd string) string {
	if info != nil && info.GetProgramDirectory() != "" {
		return info.GetProgramDirectory()
	}
	return pwd
}

// RunUntilCancelled runs cmd and, when the engine cancels the request, interrupts it first so
// the SDK can finish its outstanding registrations, as `pulumi cancel` and Ctrl-C expect.
func RunUntilCancelled(ctx context.Context, cmd *exec.Cmd) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		_ = cmd.Process.Signal(syscall.SIGINT)
		return <-done
	}
}

// StreamWriter sends each write to a gRPC stream.
type StreamWriter func([]byte) error

func (w StreamWriter) Write(p []byte) (int, error) {
	if err := w(append([]byte(nil), p...)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// ForwardLines sends r line by line.
func ForwardLines(r io.Reader, send func([]byte) error) error {
	scanner := bufio.NewScanner(r)
	for scanner.Scan() {
		if err := send(append(scanner.Bytes(), '\n')); err != nil {
			return err
		}
	}
	return scanner.Err()
}

// InstallOutput is a writer for the output of a dependency installation, sent to the engine.
func InstallOutput(server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse], stderr bool) StreamWriter {
	return func(b []byte) error {
		if stderr {
			return server.Send(&pulumirpc.InstallDependenciesResponse{Stderr: b})
		}
		return server.Send(&pulumirpc.InstallDependenciesResponse{Stdout: b})
	}
}

// EntryPoint is the program a RunRequest names: ProgramInfo's entry point, else its program,
// else the program's directory.
func EntryPoint(req *pulumirpc.RunRequest) string {
	if entry := req.GetInfo().GetEntryPoint(); entry != "" {
		return entry
	}
	if req.GetProgram() != "" {
		return req.GetProgram()
	}
	return "."
}

// ConfigEnv is the stack's configuration as every Pulumi SDK reads it from its environment:
// PULUMI_CONFIG (a JSON object of values) and PULUMI_CONFIG_SECRET_KEYS (a JSON list).
func ConfigEnv(req *pulumirpc.RunRequest) ([]string, error) {
	values := req.GetConfig()
	if values == nil {
		// A stack without configuration: an empty object, as Pulumi's hosts pass it; the SDKs
		// take "null" for a broken configuration (Node.js fails on its first Config.get).
		values = map[string]string{}
	}
	config, err := json.Marshal(values)
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}
	return []string{"PULUMI_CONFIG=" + string(config), "PULUMI_CONFIG_SECRET_KEYS=" + string(secretKeysJSON)}, nil
}

// RunResponse runs a program's process until it ends or the request is cancelled and says how it
// ended. Every Pulumi SDK exits with constant.ExitStatusLoggedError when it has already reported
// the error to the engine: that is a bail, not a failure to report again.
func RunResponse(ctx context.Context, cmd *exec.Cmd) *pulumirpc.RunResponse {
	err := RunUntilCancelled(ctx, cmd)
	if err == nil {
		return &pulumirpc.RunResponse{}
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		if exit.ExitCode() == constant.ExitStatusLoggedError {
			return &pulumirpc.RunResponse{Bail: true}
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exit.ExitCode())}
	}
	return &pulumirpc.RunResponse{Error: err.Error()}
}

// About answers About with the path of a language's executable and the version it prints for
// versionFlag, without trimPrefix (Node.js prints "v20.1.0"; Pulumi reports it as "20.1.0").
func About(ctx context.Context, executable, versionFlag, trimPrefix string) (*pulumirpc.AboutResponse, error) {
	path, err := exec.LookPath(executable)
	if err != nil {
		return nil, err
	}
	out, err := exec.CommandContext(ctx, path, versionFlag).Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", executable, versionFlag, err)
	}
	return &pulumirpc.AboutResponse{
		Executable: path,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), trimPrefix),
	}, nil
}
