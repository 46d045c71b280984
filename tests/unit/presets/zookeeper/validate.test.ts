import { strict as assert } from "assert";
import {
    DEFAULT_RESOURCES,
    ZOOKEEPER_KIND,
    checkFourLetterWords,
    checkInCluster,
    checkServerIds,
    checkSettings,
    inZooKeeperTerms,
    quorumWarnings,
} from "../../../../sdk/presets/zookeeper/validate";
import { ZooKeeperInClusterArgs } from "../../../../sdk/presets/zookeeper/args";
import { MemberSpec } from "../../../../sdk/model/spec";
import { Problems } from "../../../../sdk/validate/problems";
import { problemsRecorded } from "../../../helpers/problems";

describe("inZooKeeperTerms", () => {
    const cases: [string, string][] = [
        ["inCluster.additionalVolumes[0]", "inCluster.transactionLogStorage"],
        ["inCluster.additionalVolumes[0].size", "inCluster.transactionLogStorage.size"],
        ["inCluster.additionalVolumes[01]", "inCluster.additionalVolumes[01]"],
        ["inCluster.configFiles.mountPath", "the configuration directory /conf"],
        ["inCluster.replicas", "inCluster.replicas"],
    ];
    for (const [core, preset] of cases) {
        it(`reads ${core} as ${preset}`, () => assert.equal(inZooKeeperTerms(core), preset));
    }
});

describe("checkSettings", () => {
    it("returns the valid settings, and nothing for no settings", () => {
        const problems = new Problems();
        assert.deepEqual(checkSettings(problems, { autopurge: "x", "autopurge.purgeInterval": "24", tickTime: "3000" }), {
            autopurge: "x",
            "autopurge.purgeInterval": "24",
            tickTime: "3000",
        });
        assert.equal(problems.count, 0);
        assert.deepEqual(checkSettings(problems, undefined), {});
    });

    const refused: [string, unknown, string[]][] = [
        ["a value that is not a map", ["a"], ['settings ["a"] is not a map of zoo.cfg keys to values']],
        [
            "keys the component writes, with where to set them instead",
            { dataDir: "/d", "server.1": "h", "4lw.commands.whitelist": "*" },
            [
                'settings["dataDir"] is written by the component: set inCluster.storage.mountPath',
                'settings["server.1"] is written by the component: the server lines list every member of the mode',
                'settings["4lw.commands.whitelist"] is written by the component: list extra words in fourLetterWords',
            ],
        ],
        [
            "a key that is not a zoo.cfg key",
            { "1x": "y" },
            ["settings[\"1x\"] is not a zoo.cfg key: a letter, then letters, digits, '.', '_' or '-'"],
        ],
        [
            "values blank, padded, not strings or holding line breaks",
            { a: "", b: " x", c: 3, d: "x\ny" },
            [
                'settings["a"] "" must be a non-empty string without leading or trailing white space',
                'settings["b"] " x" must be a non-empty string without leading or trailing white space',
                'settings["c"] 3 must be a non-empty string without leading or trailing white space',
                'settings["d"] "x\\ny" may not hold line breaks, control characters or \'\\\' (zoo.cfg is read as Java properties)',
            ],
        ],
        [
            "a tick time that is not a positive whole number",
            { tickTime: "0" },
            ['settings["tickTime"] "0" is not a positive whole number (ZooKeeper\'s default is 2000)'],
        ],
    ];
    for (const [what, settings, expected] of refused) {
        it(`refuses ${what}`, () =>
            assert.deepEqual(
                problemsRecorded((p) => checkSettings(p, settings)),
                expected,
            ));
    }
});

describe("checkFourLetterWords", () => {
    it("keeps four lowercase letters and the wildcard", () => {
        assert.deepEqual(checkFourLetterWords(new Problems(), ["mntr", "*"]), ["mntr", "*"]);
        assert.deepEqual(checkFourLetterWords(new Problems(), undefined), []);
    });

    it("refuses a value that is not a list, and words that are not four lowercase letters", () => {
        assert.deepEqual(
            problemsRecorded((p) => checkFourLetterWords(p, "mntr")),
            ['fourLetterWords "mntr" is not a list'],
        );
        assert.deepEqual(
            problemsRecorded((p) => checkFourLetterWords(p, ["MNTR", "stats", 4])),
            [
                'fourLetterWords[0] "MNTR" is not a four-letter word such as "mntr" (or "*" for all)',
                'fourLetterWords[1] "stats" is not a four-letter word such as "mntr" (or "*" for all)',
                'fourLetterWords[2] 4 is not a four-letter word such as "mntr" (or "*" for all)',
            ],
        );
    });
});

describe("checkInCluster", () => {
    const heapOf = (c: Partial<ZooKeeperInClusterArgs>) => checkInCluster(new Problems(), { replicas: 3, ...c });
    const problemsOf = (c: Partial<ZooKeeperInClusterArgs>) => problemsRecorded((p) => checkInCluster(p, { replicas: 3, ...c }));

    it("sizes the heap under the default 1Gi limit: the limit less a quarter", () => {
        assert.deepEqual(DEFAULT_RESOURCES, { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "1Gi" } });
        assert.equal(heapOf({}), 768);
        assert.equal(heapOf({ resources: { limits: { memory: "256Mi" } } }), 128);
        assert.equal(heapOf({ resources: { requests: { memory: "1Gi" } } }), undefined);
        assert.equal(heapOf({ heapMegabytes: 512 }), 512);
    });

    const refused: [string, Partial<ZooKeeperInClusterArgs>, string[]][] = [
        [
            "variables the component sets",
            {
                env: [
                    { name: "ZOOCFGDIR", value: "/x" },
                    { name: "ZK_SERVER_HEAP", value: "1" },
                ],
            },
            [
                'inCluster.env[0].name "ZOOCFGDIR" is set by the component: it is the configuration directory the component mounts',
                'inCluster.env[1].name "ZK_SERVER_HEAP" is set by the component: set inCluster.heapMegabytes instead',
            ],
        ],
        [
            "a memory limit that is not a quantity",
            { resources: { limits: { memory: "lots" } } },
            ['inCluster.resources.limits.memory "lots" is not a positive Kubernetes quantity such as "1Gi"'],
        ],
        ["a heap below 64 MiB", { heapMegabytes: 32 }, ["inCluster.heapMegabytes 32 is not a whole number of MiB of at least 64"]],
        [
            "a heap that fills the limit",
            { heapMegabytes: 1024 },
            ['inCluster.heapMegabytes 1024 MiB does not fit under the memory limit "1Gi": the JVM needs memory outside its heap too'],
        ],
        [
            "a limit too small for a heap",
            { resources: { limits: { memory: "150Mi" } } },
            [
                'inCluster.resources.limits.memory "150Mi" leaves a heap of 22 MiB once the JVM\'s own memory (a quarter of the limit, at least 128 MiB) is set aside; ZooKeeperEnsemble needs at least 64 MiB',
            ],
        ],
    ];
    for (const [what, c, expected] of refused) {
        it(`refuses ${what}`, () => assert.deepEqual(problemsOf(c), expected));
    }
});

describe("checkServerIds", () => {
    const members = (ordinals: number[]): MemberSpec[] => ordinals.map((ordinal) => ({ ordinal, placement: "inCluster" }));

    it("accepts ids from 1 to the largest", () => {
        assert.deepEqual(
            problemsRecorded((p) => checkServerIds(p, "zk", members([0, 254]), 1, 255)),
            [],
        );
    });

    it("names the first five members outside the range, and marks more", () => {
        assert.deepEqual(
            problemsRecorded((p) => checkServerIds(p, "zk", members([0, 1, 2, 3, 4, 5, 6]), 250, 254)),
            [
                "serverIdOffset 250 puts server ids outside ZooKeeper's range 1–254 (id = ordinal + serverIdOffset): zk-5 would be server 255, zk-6 would be server 256",
            ],
        );
        assert.deepEqual(
            problemsRecorded((p) => checkServerIds(p, "zk", members([0, 1, 2, 3, 4, 5]), 0, 255)),
            ["serverIdOffset 0 puts server ids outside ZooKeeper's range 1–255 (id = ordinal + serverIdOffset): zk-0 would be server 0"],
        );
        const many = problemsRecorded((p) => checkServerIds(p, "zk", members([300, 301, 302, 303, 304, 305]), 1, 255));
        assert.match(many[0], /zk-304 would be server 305, …$/);
    });
});

describe("quorumWarnings", () => {
    it("warns about an even number of servers only", () => {
        assert.equal(ZOOKEEPER_KIND, "ZooKeeperEnsemble");
        assert.deepEqual(quorumWarnings("zk", 3), []);
        assert.deepEqual(quorumWarnings("zk", 0), []);
        assert.deepEqual(quorumWarnings("zk", 2), [
            'ZooKeeperEnsemble "zk": the ensemble has 2 servers; a quorum of 2 needs 2, so it survives 0 failures, no more than 1 server would. Prefer an odd number of servers.',
        ]);
        assert.deepEqual(quorumWarnings("zk", 4), [
            'ZooKeeperEnsemble "zk": the ensemble has 4 servers; a quorum of 4 needs 3, so it survives 1 failure, no more than 3 servers would. Prefer an odd number of servers.',
        ]);
    });
});
