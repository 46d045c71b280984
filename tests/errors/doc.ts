/**
 * Generates docs/errors.md from the error table. `npx ts-node tests/errors/doc.ts` writes it;
 * the tests fail when the file and the table differ.
 */
import * as fs from "fs";
import * as path from "path";
import { MAX_MEMBERS } from "../../sdk/validate";
import { format } from "./input";
import { ERROR_CASES, ErrorCase } from "./table";

export const DOC_PATH = path.resolve(__dirname, "..", "..", "docs", "errors.md");

/** A Markdown code span around `text`, inside a table cell. */
function code(text: string): string {
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = "`".repeat(longest + 1);
    const padded = longest > 0 || text.startsWith("`") || text.endsWith("`") ? ` ${text} ` : text;
    return cell(`${fence}${padded}${fence}`);
}

function cell(text: string): string {
    return text.replace(/\|/g, "\\|");
}

function input(c: ErrorCase): string {
    const parts = [
        ...(c.name !== undefined ? [`name = ${format(c.name)}`] : []),
        ...Object.entries(c.changes).map(([key, value]) => `${key}: ${format(value)}`),
    ];
    return parts.map(code).join("<br>");
}

function row(c: ErrorCase): string {
    return `| ${input(c)} | ${c.problems.map(code).join("<br>")} | ${cell(c.why)} |`;
}

const INTRO = `# Errors: what StatefulEnsemble refuses, and why

\`StatefulEnsemble\` checks every argument before it registers anything. Bad input throws one
\`EnsembleArgsError\` that lists every problem, each as \`<field> <reason>\`, and registers nothing,
not even the component:

\`\`\`text
StatefulEnsemble "zk": inCluster.storage.size "10 GB" is not a positive Kubernetes quantity such as "10Gi"
\`\`\`

With several problems the message reads \`StatefulEnsemble "zk" has 2 problems:\` followed by one
line each. The error's \`problems\` property holds the lines. \`npm start\` and
\`stateful-ensemble render\` print the message on stderr and exit with status 1.

Each row below changes a valid ensemble — three members in \`inCluster\` mode named \`zk\`, ports
\`client\` 2181 (a client port), \`server\` 2888 and \`election\` 3888, image \`zookeeper:3.9.3\`,
storage \`10Gi\`, external members 10.0.0.10, 10.0.0.11 and 10.0.0.12 — and shows the problem it
reports, word for word. \`name\` is the component's name. Characters outside printable ASCII are
shown as \`\\uXXXX\` in the input column.

This page is generated from the repository's \`tests/errors/table.ts\` by
\`npx ts-node tests/errors/doc.ts\`. The test suite runs every row and fails when this page and the
table differ, so the page cannot drift from the code.
`;

const SECTION_NOTES: Record<string, string> = {
    "Values known only at deployment": `Fields that take a \`pulumi.Input\` — \`inCluster.image\`, \`command\`, \`args\` and
environment values — may be Outputs, whose value only exists during the deployment. Each is
checked when it resolves, by the rules its plain value would meet, and the deployment fails there
with the same \`EnsembleArgsError\`. Pulumi prefixes the message with the property it was
serializing (\`error serializing property "spec": …\`); \`stateful-ensemble render\` prints the
problem alone and exits with status 1. Unlike the refusals above, this happens during the
deployment: objects that do not depend on the value may already be registered by then.

Which objects exist never depends on such a value. An environment value that is an Output always
goes through the Secret \`<name>-env\` (see [security.md](security.md)).`,
};

const BOUND = `## The bound on members: ${MAX_MEMBERS.toLocaleString("en-US")}

\`inCluster.replicas\`, \`external.members\`, and both together in hybrid mode, may hold at most
${MAX_MEMBERS.toLocaleString("en-US")} members. Kubernetes sets no such limit; the component does, for three reasons:

- A consensus ensemble (ZooKeeper, etcd, a Raft group) runs 3, 5 or 7 voters: every write waits
  for a majority, so more voters make every write slower. Larger counts are read replicas or
  observers, and even those number in the tens or hundreds. 10,000 leaves room for any of them.
- Each member costs objects. ${MAX_MEMBERS.toLocaleString("en-US")} external members are 100 EndpointSlices of 100 endpoints
  for each of the two Services, each slice a Pulumi resource. An extra zero typed by mistake would
  register ten times as many; the bound refuses it before anything is registered.
- With the opt-in NetworkPolicy, each external member of a hybrid ensemble is an \`ipBlock\` in
  two rules. At the bound, with IPv6 addresses, the policy stays under the 1.5 MiB that etcd
  stores per object (a test renders it and measures).
`;

/** The whole of docs/errors.md. */
export function errorsDoc(): string {
    const sections: string[] = [];
    for (const c of ERROR_CASES) if (!sections.includes(c.section)) sections.push(c.section);
    const body = sections.map((section) => {
        const rows = ERROR_CASES.filter((c) => c.section === section).map(row);
        const note = SECTION_NOTES[section] ? `${SECTION_NOTES[section]}\n\n` : "";
        return `## ${section}\n\n${note}| Input | Problem reported | Why |\n| --- | --- | --- |\n${rows.join("\n")}\n`;
    });
    return [INTRO, ...body, BOUND].join("\n");
}

if (require.main === module) {
    fs.mkdirSync(path.dirname(DOC_PATH), { recursive: true });
    fs.writeFileSync(DOC_PATH, errorsDoc());
    process.stdout.write(`wrote ${path.relative(process.cwd(), DOC_PATH)}\n`);
}
