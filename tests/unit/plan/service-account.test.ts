import { strict as assert } from "assert";
import { validateEnsemble } from "../../../sdk";
import { serviceAccount } from "../../../sdk/plan/service-account";
import { IN_CLUSTER, ensembleArgs } from "../../helpers/fixtures";

describe("serviceAccount", () => {
    it("does not mount the service account token by default, and does when asked", () => {
        const account = (mountServiceAccountToken?: boolean) =>
            serviceAccount(validateEnsemble("zk", ensembleArgs("inCluster", { inCluster: { ...IN_CLUSTER, mountServiceAccountToken } })))
                .body;
        assert.equal(account().automountServiceAccountToken, false);
        assert.equal(account(true).automountServiceAccountToken, true);
    });
});
