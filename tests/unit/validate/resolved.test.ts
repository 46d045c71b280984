import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { checkInClusterAtResolution, checkedAtResolution } from "../../../sdk/validate/resolved";
import { EnsembleArgsError } from "../../../sdk/validate/problems";
import { validateEnsemble } from "../../../sdk/validate";
import { IN_CLUSTER, ensembleArgs } from "../../helpers/fixtures";
import { InClusterSpec } from "../../../sdk/model/spec";

/** What a deferred value resolves to, through Output's own promise (what a registration awaits). */
function resolved(value: pulumi.Input<unknown> | undefined): Promise<unknown> {
    return (pulumi.output(value) as unknown as { promise(): Promise<unknown> }).promise();
}

const isString = (v: unknown) => (typeof v === "string" ? undefined : "is not a string");
const refusal = (message: string) => (err: unknown) => err instanceof EnsembleArgsError && err.message === message;

describe("checkedAtResolution", () => {
    it("returns a plain value itself: validation has checked it", () => {
        const value = ["a"];
        assert.equal(checkedAtResolution('StatefulEnsemble "zk"', "inCluster.args", value, isString), value);
    });

    it("passes a deferred value that resolves to what the check accepts", async () => {
        const checked = checkedAtResolution('StatefulEnsemble "zk"', "inCluster.args[0]", Promise.resolve("--x"), isString);
        assert.equal(pulumi.Output.isInstance(checked), true);
        assert.equal(await resolved(checked), "--x");
    });

    it("fails with the component's error naming the field and the value it resolved to", async () => {
        const checked = checkedAtResolution(
            'StatefulEnsemble "zk"',
            "inCluster.args[0]",
            Promise.resolve(3 as unknown as string),
            isString,
        );
        await assert.rejects(resolved(checked), refusal('StatefulEnsemble "zk": inCluster.args[0] resolved to 3, which is not a string'));
    });

    it("refuses a secret where the field would carry it in plain text, and says what to do", async () => {
        const checked = checkedAtResolution('StatefulEnsemble "zk"', "inCluster.args[0]", pulumi.secret("pw"), isString, "use env");
        await assert.rejects(
            resolved(checked),
            refusal(
                'StatefulEnsemble "zk": inCluster.args[0] resolved to a secret, which would be stored in the pod spec in plain text: use env',
            ),
        );
    });

    it("keeps a secret where no secret problem is given", async () => {
        assert.equal(
            await resolved(checkedAtResolution('StatefulEnsemble "zk"', "inCluster.env[0].value", pulumi.secret("pw"), isString)),
            "pw",
        );
    });
});

describe("checkInClusterAtResolution", () => {
    // Validated from plain values, then given deferred fields, as validation hands them on.
    const plain = validateEnsemble(
        "zk",
        ensembleArgs("inCluster", { inCluster: { ...IN_CLUSTER, command: ["zkServer.sh"], env: [{ name: "A", value: "1" }] } }),
    ).inCluster!;
    const spec = (deferred: Partial<InClusterSpec>): InClusterSpec => ({ ...plain, ...deferred });

    it("leaves a block of plain values as it was", () => {
        assert.deepEqual(checkInClusterAtResolution("StatefulEnsemble", "zk", plain), plain);
    });

    it("checks a deferred image's syntax under the kind and name given", async () => {
        const c = checkInClusterAtResolution("ZooKeeperEnsemble", "zk", spec({ image: Promise.resolve("Bad Image") }));
        await assert.rejects(
            resolved(c.image),
            refusal('ZooKeeperEnsemble "zk": inCluster.image resolved to "Bad Image", which contains white space'),
        );
    });

    it("refuses a deferred image that resolves empty, and a secret command, pointing at the Secret <name>-env", async () => {
        const c = checkInClusterAtResolution(
            "StatefulEnsemble",
            "zk",
            spec({ image: Promise.resolve(" "), command: [pulumi.secret("x")] }),
        );
        await assert.rejects(
            resolved(c.image),
            refusal('StatefulEnsemble "zk": inCluster.image resolved to " ", which is empty: an image is required'),
        );
        await assert.rejects(
            resolved(c.command![0]),
            refusal(
                'StatefulEnsemble "zk": inCluster.command[0] resolved to a secret, which would be stored in the pod spec in plain text: put the value in inCluster.env (it is stored in the Secret "zk-env") and refer to it as $(NAME)',
            ),
        );
    });

    it("lets a deferred env value be secret: it goes to the Secret", async () => {
        const c = checkInClusterAtResolution("StatefulEnsemble", "zk", spec({ env: [{ name: "PW", value: pulumi.secret("pw") }] }));
        assert.equal(await resolved(c.env[0].value), "pw");
    });
});
