/** Reads the runnable steps of a markdown guide: shell blocks and the output block after each. */

/** One fenced code block: its language and its text. */
export interface CodeBlock {
    readonly lang: string;
    readonly text: string;
    /** Line number of the opening fence, from 1. */
    readonly line: number;
}

export function codeBlocks(markdown: string): CodeBlock[] {
    const blocks: CodeBlock[] = [];
    const lines = markdown.split("\n");
    for (let i = 0; i < lines.length; i++) {
        const open = /^(\s*)```(\S*)\s*$/.exec(lines[i]);
        if (!open) continue;
        const indent = open[1].length;
        const body: string[] = [];
        let j = i + 1;
        for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]); j++) body.push(lines[j].slice(indent));
        blocks.push({ lang: open[2], text: body.length ? `${body.join("\n")}\n` : "", line: i + 1 });
        i = j;
    }
    return blocks;
}

/** Splits a command line into words: white space separates, double quotes group (`""` is an empty word). */
export function shellWords(line: string): string[] {
    const words: string[] = [];
    const pattern = /"([^"]*)"|(\S+)/g;
    for (let m = pattern.exec(line); m; m = pattern.exec(line)) words.push(m[1] ?? m[2]);
    return words;
}

/** A shell block that runs the planner, and the text block printed after it. */
export interface PlanStep {
    readonly line: number;
    /** Every command of the shell block, as words. */
    readonly commands: string[][];
    /** The planner's arguments, after `npx stateful-ensemble`. */
    readonly argv: string[];
    /** The output the guide shows. */
    readonly expected: string;
}

/**
 * The shell blocks whose planner command targets `dir`; each must be followed by a text block.
 * With `writesPath`, only the commands that write a safe path (`--steps`); without it, only the others.
 */
export function planSteps(markdown: string, dir: string, writesPath = false): PlanStep[] {
    const blocks = codeBlocks(markdown);
    const steps: PlanStep[] = [];
    blocks.forEach((b, i) => {
        if (b.lang !== "sh") return;
        const commands = b.text
            .split("\n")
            .filter((l) => l.trim() !== "")
            .map(shellWords);
        const plan = commands.find((c) => c[0] === "npx" && c[1] === "stateful-ensemble" && c[2] === "plan" && c[3] === dir);
        if (!plan || plan.includes("--steps") !== writesPath) return;
        const next = blocks[i + 1];
        if (next?.lang !== "text") throw new Error(`line ${b.line}: the planner command is not followed by a text block`);
        steps.push({ line: b.line, commands, argv: plan.slice(2), expected: next.text });
    });
    return steps;
}
