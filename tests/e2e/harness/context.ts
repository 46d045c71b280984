/**
 * What every e2e test shares: the control plane, the Pulumi CLI's environment, a client of the
 * API server and a resolver asking the cluster's DNS. Set up once by tests/e2e/hooks.ts.
 */
import { Cluster } from "./cluster";
import { ClusterDns } from "./dns";
import { Kube } from "./kube";
import { PulumiEnvironment } from "./pulumi";

export interface E2E {
    readonly cluster: Cluster;
    readonly pulumi: PulumiEnvironment;
    readonly kube: Kube;
    readonly dns: ClusterDns;
}

let current: E2E | undefined;

export function setE2E(value: E2E | undefined): void {
    current = value;
}

/** The suite's shared context; only valid inside tests (after the root hook ran). */
export function e2e(): E2E {
    if (!current) throw new Error("the e2e control plane is not up: run the suite with npm run test:e2e");
    return current;
}
