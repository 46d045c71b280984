import { strict as assert } from "assert";
import {
    RESERVED_VOLUME_NAMES,
    claimName,
    configMapName,
    ensembleNames,
    envSecretName,
    filesChecksum,
    memberHost,
    memberName,
    networkPolicyName,
    serviceHost,
    sliceName,
} from "../../../sdk/model/names";

describe("every object's name", () => {
    it("derives the contract's names from the component's name, never suffixed", () => {
        assert.deepEqual(ensembleNames("zk"), {
            client: "zk",
            headless: "zk-headless",
            statefulSet: "zk",
            serviceAccount: "zk",
            podDisruptionBudget: "zk",
            monitor: "zk",
            dataVolume: "data",
            container: "server",
        });
        assert.equal(envSecretName("zk"), "zk-env");
        assert.equal(networkPolicyName("zk"), "zk");
        assert.equal(sliceName("zk-headless", "IPv6", 2), "zk-headless-ext-ipv6-2");
    });

    it("names members and their DNS names the same wherever they live", () => {
        assert.equal(memberName("zk", 3), "zk-3");
        assert.equal(memberHost("zk", 3, "data", "cluster.local"), "zk-3.zk-headless.data.svc.cluster.local");
        assert.equal(serviceHost("zk", "data", "cluster.local"), "zk.data.svc.cluster.local");
    });

    it("names the ConfigMap after its files' content, whatever their order", () => {
        const name = configMapName("zk", { a: "1", b: "2" });
        assert.match(name, /^zk-config-[0-9a-f]{10}$/);
        assert.equal(configMapName("zk", { b: "2", a: "1" }), name);
        assert.notEqual(configMapName("zk", { a: "1", b: "3" }), name);
        assert.equal(name, `zk-config-${filesChecksum({ a: "1", b: "2" }).slice(0, 10)}`);
    });

    it("reserves the volume names the component mounts itself", () => {
        assert.deepEqual(RESERVED_VOLUME_NAMES, ["data", "tmp", "config"]);
    });
});

describe("claim names", () => {
    it("names a member's claim after its volume, the StatefulSet and its ordinal, as the StatefulSet controller does", () => {
        assert.equal(claimName("data", "zk", 0), "data-zk-0");
        assert.equal(claimName("datalog", "zk", "{3..9}"), "datalog-zk-{3..9}");
    });
});
