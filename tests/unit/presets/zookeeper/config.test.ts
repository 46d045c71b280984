import { strict as assert } from "assert";
import { heapForLimit, zooCfg } from "../../../../sdk/presets/zookeeper/config";

const SERVERS = [0, 1, 2].map((o) => ({ id: o + 1, host: `zk-${o}.zk-headless.default.svc.cluster.local` }));

describe("zoo.cfg", () => {
    it("lists every server as server.<id>=<host>:2888:3888;2181 after the settings", () => {
        const lines = zooCfg({ servers: SERVERS, dataDir: "/data", settings: {}, fourLetterWords: [] })
            .split("\n")
            .filter((l) => l !== "" && !l.startsWith("#"));
        assert.deepEqual(lines, [
            "tickTime=2000",
            "initLimit=10",
            "syncLimit=5",
            "maxClientCnxns=60",
            "autopurge.snapRetainCount=3",
            "autopurge.purgeInterval=24",
            "dataDir=/data",
            "standaloneEnabled=false",
            "reconfigEnabled=false",
            "quorumListenOnAllIPs=true",
            "admin.enableServer=true",
            "admin.serverPort=8080",
            "4lw.commands.whitelist=ruok, srvr",
            "server.1=zk-0.zk-headless.default.svc.cluster.local:2888:3888;2181",
            "server.2=zk-1.zk-headless.default.svc.cluster.local:2888:3888;2181",
            "server.3=zk-2.zk-headless.default.svc.cluster.local:2888:3888;2181",
        ]);
    });

    it("puts overridden tunables in place, extra settings sorted after them, and extra words once", () => {
        const cfg = zooCfg({
            servers: SERVERS,
            dataDir: "/data",
            dataLogDir: "/datalog",
            settings: { tickTime: "3000", "snapshot.trust.empty": "true", globalOutstandingLimit: "2000" },
            fourLetterWords: ["mntr", "srvr"],
        });
        const lines = cfg.split("\n");
        assert.equal(lines.indexOf("tickTime=3000"), 2);
        assert.ok(!cfg.includes("tickTime=2000"));
        assert.ok(lines.indexOf("globalOutstandingLimit=2000") < lines.indexOf("snapshot.trust.empty=true"));
        assert.ok(lines.indexOf("snapshot.trust.empty=true") < lines.indexOf("dataDir=/data"));
        assert.ok(lines.includes("dataLogDir=/datalog"));
        assert.ok(lines.includes("4lw.commands.whitelist=ruok, srvr, mntr"));
    });
});

describe("heapForLimit", () => {
    const cases: [string, number | undefined][] = [
        ["1Gi", 768],
        ["2Gi", 1536],
        ["512Mi", 384],
        ["256Mi", 128],
        ["4G", 2861],
        ["1 GB", undefined],
    ];
    for (const [limit, heap] of cases) {
        const name =
            heap === undefined
                ? `gives no heap for ${JSON.stringify(limit)}, which is not a quantity`
                : `gives ${heap} MiB of heap for a ${JSON.stringify(limit)} limit`;
        it(name, () => assert.equal(heapForLimit(limit), heap));
    }
});
