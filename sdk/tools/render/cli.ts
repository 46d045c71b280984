/**
 * The `stateful-ensemble` command line. Every failure is one line on stderr and a non-zero
 * exit code; stdout carries only the requested output, so it can be piped to kubectl.
 */
import * as fs from "fs";
import * as path from "path";
import { UNSAFE_PLAN_EXIT_CODE, planMigration } from "../migrate/program";
import { DEFAULT_STEPS_STACK, planConfigPath, writeConfigSteps } from "../migrate/config-steps";
import { EnsembleArgsError } from "../../validate/problems";
import { redactedOutputs, renderProgram } from "./engine";
import { describeObject } from "./identity";
import { KubernetesObject, RenderedResource, holdsSecret } from "./objects";
import { ProjectError } from "./project";
import { SafePathError } from "../migrate/path";
import { REDACTED, toYaml, toYamlDocument } from "./yaml";

export interface Io {
    stdout(text: string): void;
    stderr(text: string): void;
}

const processIo: Io = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
};

export const USAGE = `usage:
  stateful-ensemble render [dir] [--config key=value]... [--stack name] [--out dir] [--outputs] [--show-secrets]
      Renders the Pulumi program in dir (default: .) to Kubernetes YAML, offline, in apply order.
      --config      a config value (repeatable); keys without a namespace belong to the project
      --stack       also read the stack's config file, Pulumi.<name>.yaml
      --out         write one file per object into dir instead of printing
      --outputs     print the stack outputs as JSON instead of the objects
      --show-secrets  print secret values; without it, an object holding one is left out (one
                    line on stderr names it) and secret outputs print as ${JSON.stringify(REDACTED)}
  stateful-ensemble plan [dir] [--from key=value[,key=value]...] [--to key=value[,key=value]...]
                         [--from-stack name] [--to-stack name] [--config key=value]...
                         [--steps dir [--steps-stack name]]
      Renders the program in dir twice, offline, and prints what a switch from one configuration
      to the other does to each Kubernetes object: create, update (which fields), delete or REPLACE.
      --from, --to  config of each side (repeatable); a piece without '=' continues the previous
                    value, so --to externalAddresses=10.0.0.10,10.0.0.11 keeps the list whole
      --from-stack, --to-stack  read Pulumi.<name>.yaml for that side first
      --config      config for both sides (repeatable)
      --steps       write the shortest safe path instead, one stack config file per step,
                    Pulumi.<stack>-step<N>.yaml into dir (the program must read the config keys
                    mode, replicas, startOrdinal, externalAddresses and clientTraffic)
      --steps-stack the <stack> of those files (default: ${DEFAULT_STEPS_STACK})
      Exit code ${UNSAFE_PLAN_EXIT_CODE} when an object would be replaced, a PersistentVolumeClaim could be lost,
      a Service would lose its selector, or the members would move in a way their membership does
      not survive (step rules: voters, data, clients); 0 when the switch is safe.
`;

/** A mistake on the command line: reported with the usage text, exit code 2. */
export class UsageError extends Error {}

export interface ParsedArgs {
    readonly positional: string[];
    readonly options: Map<string, string[]>;
    readonly flags: Set<string>;
}

/** Parses `--name value`, `--name=value` and boolean `--flag`s; `flagNames` lists the booleans. */
export function parseArgs(argv: readonly string[], valueNames: readonly string[], flagNames: readonly string[]): ParsedArgs {
    const positional: string[] = [];
    const options = new Map<string, string[]>();
    const flags = new Set<string>();
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (!arg.startsWith("--")) {
            positional.push(arg);
            continue;
        }
        const eq = arg.indexOf("=");
        const name = arg.slice(2, eq < 0 ? undefined : eq);
        if (flagNames.includes(name) && eq < 0) {
            flags.add(name);
        } else if (valueNames.includes(name)) {
            const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
            if (value === undefined) throw new UsageError(`--${name} needs a value`);
            options.set(name, [...(options.get(name) ?? []), value]);
        } else {
            throw new UsageError(`unknown option ${arg}`);
        }
    }
    return { positional, options, flags };
}

function single(args: ParsedArgs, name: string): string | undefined {
    const values = args.options.get(name);
    if (values && values.length > 1) throw new UsageError(`--${name} may be given once`);
    return values?.[0];
}

/**
 * The objects to print: all of them with `--show-secrets`; otherwise every object that holds no
 * secret value. An object whose values would print as `<redacted>` is left out and named on
 * stderr: applied, it would store the placeholder instead of the secret.
 */
function printable(resources: readonly RenderedResource[], showSecrets: boolean, io: Io): KubernetesObject[] {
    if (showSecrets) return resources.map((r) => r.object);
    return resources.flatMap((r) => {
        if (!holdsSecret(r)) return [r.object];
        io.stderr(`note: left out ${describeObject(r.object)}: it holds secret values; --show-secrets prints it with them\n`);
        return [];
    });
}

async function render(argv: readonly string[], io: Io): Promise<number> {
    const args = parseArgs(argv, ["config", "stack", "out"], ["show-secrets", "outputs"]);
    if (args.positional.length > 1) throw new UsageError(`render takes one directory, not ${args.positional.join(" ")}`);
    const dir = args.positional[0] ?? ".";
    const out = single(args, "out");
    if (args.flags.has("outputs") && out !== undefined) throw new UsageError("--outputs prints to stdout; it does not take --out");
    const result = await renderProgram(dir, { config: args.options.get("config"), stack: single(args, "stack") });
    if (args.flags.has("outputs")) {
        io.stdout(`${JSON.stringify(args.flags.has("show-secrets") ? result.outputs : redactedOutputs(result), null, 2)}\n`);
        return 0;
    }
    const objects = printable(result.resources, args.flags.has("show-secrets"), io);
    if (out === undefined) {
        io.stdout(toYaml(objects));
        return 0;
    }
    fs.mkdirSync(out, { recursive: true });
    const width = String(objects.length).length;
    objects.forEach((o, i) => {
        // The index keeps `kubectl apply -f <dir>` (alphabetical) in apply order.
        const file = `${String(i + 1).padStart(width, "0")}-${o.kind.toLowerCase()}-${o.metadata.name}.yaml`;
        fs.writeFileSync(path.join(out, file), toYamlDocument(o));
    });
    io.stderr(`wrote ${objects.length} objects to ${out}\n`);
    return 0;
}

/** `a=1,b=2,3` → `a=1`, `b=2,3`: a piece without "=" continues the previous value, so lists stay whole. */
export function splitPairs(option: string, value: string): string[] {
    const pairs: string[] = [];
    for (const piece of value.split(",")) {
        if (piece.indexOf("=") > 0) pairs.push(piece);
        else if (pairs.length > 0) pairs[pairs.length - 1] += `,${piece}`;
        else throw new UsageError(`--${option} ${JSON.stringify(value)} does not start with key=value`);
    }
    return pairs;
}

async function plan(argv: readonly string[], io: Io): Promise<number> {
    const args = parseArgs(argv, ["from", "to", "from-stack", "to-stack", "config", "steps", "steps-stack"], []);
    if (args.positional.length > 1) throw new UsageError(`plan takes one directory, not ${args.positional.join(" ")}`);
    const dir = args.positional[0] ?? ".";
    const common = args.options.get("config") ?? [];
    const side = (name: "from" | "to") => ({
        stack: single(args, `${name}-stack`),
        config: [...common, ...(args.options.get(name) ?? []).flatMap((v) => splitPairs(name, v))],
    });
    const steps = single(args, "steps");
    const stack = single(args, "steps-stack");
    if (stack !== undefined && steps === undefined) throw new UsageError("--steps-stack names the files --steps writes; give --steps too");
    if (steps !== undefined) {
        const found = await planConfigPath(dir, side("from"), side("to"));
        const files = writeConfigSteps(dir, steps, stack ?? DEFAULT_STEPS_STACK, found).map((f) => path.basename(f));
        const count = `${found.steps.length - 1} ${found.steps.length === 2 ? "step" : "steps"}`;
        io.stdout(`Safe path for ${found.name} in ${count}, each planned safe: ${files[0]} to ${files[files.length - 1]} in ${steps}\n`);
        found.steps.forEach((_, i) => io.stdout(`  step ${i}: ${i === 0 ? "where it starts" : found.changes[i - 1]}\n`));
        return 0;
    }
    const migration = await planMigration(dir, { from: side("from"), to: side("to") });
    io.stdout(migration.report);
    return migration.plan.safe ? 0 : UNSAFE_PLAN_EXIT_CODE;
}

/** Commands by name; each takes the arguments after its name. */
export const COMMANDS: Record<string, (argv: readonly string[], io: Io) => Promise<number>> = { render, plan };

/** The message a user sees for an error: the error's own words for known failures, never a stack trace. */
export function describeError(err: unknown): string {
    // Pulumi prefixes the message of an error raised while it serializes a resource's inputs
    // (a value refused when an Output resolved); the problems themselves are what the user needs.
    if (err instanceof EnsembleArgsError) return new EnsembleArgsError(err.component, err.problems).message;
    if (err instanceof ProjectError || err instanceof UsageError || err instanceof SafePathError) return err.message;
    if (err instanceof Error) return err.message || String(err);
    return String(err);
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
    const [command, ...rest] = argv;
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
        (command === undefined ? io.stderr : io.stdout)(USAGE);
        return command === undefined ? 2 : 0;
    }
    const run = COMMANDS[command];
    if (!run) {
        io.stderr(`error: unknown command ${JSON.stringify(command)}\n${USAGE}`);
        return 2;
    }
    try {
        return await run(rest, io);
    } catch (err) {
        io.stderr(`error: ${describeError(err)}\n`);
        return err instanceof UsageError ? 2 : 1;
    }
}
