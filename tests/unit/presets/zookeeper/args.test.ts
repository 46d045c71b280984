/**
 * The preset's arguments: interfaces over the core's shared bases (checked by the compiler, which
 * `npm test` runs over the tests) and two constants.
 */
import { strict as assert } from "assert";
import { EnsembleBaseArgs, InClusterBaseArgs, StatefulEnsembleArgs } from "../../../../sdk/api/args";
import { ZOOKEEPER_IMAGE, ZooKeeperEnsembleArgs, ZooKeeperInClusterArgs, ZooKeeperPorts } from "../../../../sdk/presets/zookeeper/args";
import { Equal, typeIs } from "../../../helpers/types";

describe("ZooKeeper's arguments", () => {
    it("pin the official image and ZooKeeper's well-known ports", () => {
        assert.equal(ZOOKEEPER_IMAGE, "zookeeper:3.9.3");
        assert.deepEqual(ZooKeeperPorts, { Client: 2181, Server: 2888, Election: 3888, Admin: 8080, SecureClient: 2281, Metrics: 7000 });
    });

    it("extend the core's bases rather than repeat them, and take no ports: the preset sets them", () => {
        typeIs<ZooKeeperEnsembleArgs extends EnsembleBaseArgs ? true : false>(true);
        typeIs<ZooKeeperInClusterArgs extends InClusterBaseArgs ? true : false>(true);
        typeIs<Equal<ZooKeeperEnsembleArgs["mode"], StatefulEnsembleArgs["mode"]>>(true);
        typeIs<"ports" extends keyof ZooKeeperEnsembleArgs ? false : true>(true);
        // The image is optional: the preset defaults it.
        const args: ZooKeeperEnsembleArgs = { mode: "inCluster", inCluster: { replicas: 3 } };
        assert.equal(args.inCluster?.image, undefined);
    });
});
