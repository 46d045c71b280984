/**
 * A checkout of this repository as the multi-language examples' READMEs expect one: the tracked
 * files (the working tree's) in a folder of their own, installed and built by `npm ci`, so that
 * `pulumi package add ../..` in an example finds the package where a user's would be.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { run } from "./pulumi";

const REPO = path.resolve(__dirname, "..", "..", "..");

/**
 * Copies the repository's tracked files into a new folder and runs `npm ci` there, the README's
 * first step. Returns the folder.
 */
export async function checkout(): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "se-checkout-"));
    const files = execFileSync("git", ["ls-files", "-z"], { cwd: REPO, encoding: "utf8" }).split("\0").filter(Boolean);
    for (const file of files) {
        const from = path.join(REPO, file);
        if (!fs.existsSync(from)) continue; // deleted in the working tree
        fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
        fs.copyFileSync(from, path.join(dir, file));
    }
    await run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir, timeoutMs: 600_000, check: true });
    return dir;
}
