import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startScript } from "../../../sdk/presets/zookeeper/config";

describe("the start script", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "zk-start-"));
        fs.mkdirSync(path.join(dir, "conf"));
        fs.mkdirSync(path.join(dir, "data"));
        fs.mkdirSync(path.join(dir, "bin"));
        fs.writeFileSync(path.join(dir, "conf", "zoo.cfg"), `tickTime=2000\ndataDir=${path.join(dir, "data")}\n`);
        // Stands in for the image's zkServer.sh: records how the script hands over.
        fs.writeFileSync(path.join(dir, "bin", "zkServer.sh"), `#!/bin/sh\necho "$$ $*" > "${path.join(dir, "exec")}"\n`, { mode: 0o755 });
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    function run(podName: string, offset: number) {
        return spawnSync("bash", ["-c", startScript(offset)], {
            env: { PATH: `${path.join(dir, "bin")}:${process.env.PATH}`, POD_NAME: podName, ZOOCFGDIR: path.join(dir, "conf") },
            encoding: "utf8",
        });
    }

    it("writes ordinal + offset to myid in the dataDir of zoo.cfg and execs zkServer.sh in the foreground", () => {
        const result = run("zk-7", 1);
        assert.equal(result.status, 0, result.stderr);
        assert.equal(fs.readFileSync(path.join(dir, "data", "myid"), "utf8"), "8\n");
        const [pid, ...args] = fs.readFileSync(path.join(dir, "exec"), "utf8").trim().split(" ");
        assert.equal(Number(pid), result.pid, "zkServer.sh replaces the shell (exec), keeping its PID");
        assert.deepEqual(args, ["start-foreground", path.join(dir, "conf", "zoo.cfg")]);
    });

    it("honours the offset for a multi-digit ordinal in a dashed name", () => {
        assert.equal(run("my-zk-12", 10).status, 0);
        assert.equal(fs.readFileSync(path.join(dir, "data", "myid"), "utf8"), "22\n");
    });

    it("refuses a pod name without an ordinal", () => {
        const result = run("zookeeper", 1);
        assert.equal(result.status, 1);
        assert.match(result.stderr, /cannot read an ordinal from POD_NAME=zookeeper/);
        assert.ok(!fs.existsSync(path.join(dir, "data", "myid")));
    });
});
