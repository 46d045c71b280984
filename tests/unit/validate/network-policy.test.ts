import { strict as assert } from "assert";
import { DEFAULT_DNS_PEER, normaliseNetworkPolicy } from "../../../sdk/validate/network-policy";
import { Problems } from "../../../sdk/validate/problems";
import { problemsRecorded } from "../../helpers/problems";

describe("normaliseNetworkPolicy", () => {
    it("copies the peers and defaults DNS to kube-dns in kube-system", () => {
        const problems = new Problems();
        const podLabels = { app: "web" };
        const spec = normaliseNetworkPolicy(problems, {
            clients: [{ podLabels }, { namespaceLabels: { team: "a" }, podLabels: { role: "x" } }],
        });
        assert.equal(problems.count, 0);
        assert.deepEqual(spec, {
            clients: [{ podLabels: { app: "web" } }, { podLabels: { role: "x" }, namespaceLabels: { team: "a" } }],
            dns: { namespaceLabels: { "kubernetes.io/metadata.name": "kube-system" }, podLabels: { "k8s-app": "kube-dns" } },
        });
        assert.notEqual(spec?.clients[0].podLabels, podLabels);
        assert.equal(spec?.dns, DEFAULT_DNS_PEER);
    });

    it("takes a DNS peer of the user's, and accepts the component's own labels in a selector", () => {
        const dns = { podLabels: { "app.kubernetes.io/name": "coredns" } };
        assert.deepEqual(normaliseNetworkPolicy(new Problems(), { clients: [], dns }), { clients: [], dns });
    });

    const refused: [string, unknown, string[]][] = [
        ["a block that is not an object", "all", ['networkPolicy "all" is not a block: give { clients: [...] }']],
        [
            "a missing clients list",
            {},
            [
                "networkPolicy.clients is required: list the pods that may connect to the client ports, or [] to let only the members connect",
            ],
        ],
        ["clients that are not a list", { clients: { podLabels: {} } }, ['networkPolicy.clients {"podLabels":{}} is not a list of peers']],
        [
            "a peer that is not an object",
            { clients: [3] },
            ["networkPolicy.clients[0] 3 is not a peer: give podLabels, namespaceLabels or both"],
        ],
        [
            "a peer that names nothing",
            { clients: [], dns: {} },
            ["networkPolicy.dns sets neither podLabels nor namespaceLabels; Kubernetes refuses a NetworkPolicy peer that names nothing"],
        ],
        [
            "labels that are not a map",
            { clients: [{ podLabels: ["a"] }] },
            ['networkPolicy.clients[0].podLabels ["a"] is not a map of strings'],
        ],
    ];
    for (const [what, block, expected] of refused) {
        it(`refuses ${what}`, () => {
            assert.deepEqual(
                problemsRecorded((p) => normaliseNetworkPolicy(p, block)),
                expected,
            );
        });
    }
});
