/**
 * The two Services whose names clients and peers use. Their Pulumi names, Kubernetes names,
 * ports and clusterIP setting are the same in every mode; only the selector changes.
 */
import type * as k8s from "@pulumi/kubernetes/types/input";
import { MEMBERSHIP_ANNOTATION, noPodsSelector, selectorLabels } from "../model/names";
import { ObjectMeta, PlannedObject, objectMeta, planned, skipAwait } from "./objects";
import { EnsembleSpec, PortSpec, clientPorts } from "../model/spec";

/**
 * Both Services skip pulumi-kubernetes' Service await. After an update, that awaiter hands back
 * the Service as its informer last saw it, which can be the version from before the update: the
 * stack's state then lacks the change (a new selector, say) and the next preview proposes it
 * again although the cluster has it (seen in the e2e suite on provider 4.25). The wait buys
 * nothing here: the StatefulSet's await already waits for the pods, and external members have
 * none. With the annotation the provider records the object its apply returned.
 * @see https://www.pulumi.com/registry/packages/kubernetes/installation-configuration/#await-behavior
 */
function serviceMeta(spec: EnsembleSpec, name: string): ObjectMeta {
    return skipAwait(objectMeta(spec, name));
}

function servicePorts(ports: PortSpec[]): k8s.core.v1.ServicePort[] {
    // targetPort is numeric, never a container-port name: a selector-less Service ignores it,
    // and a number keeps the field identical across modes, so a switch shows no diff here.
    return ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.targetPort, protocol: p.protocol }));
}

/**
 * A Service's selector: the pods' labels when pods back it; otherwise a selector that matches no
 * pod, so no switch ever removes a selector and leaves the controllers' endpoints of the pods
 * behind (see NO_PODS_LABEL). Only with `external.legacyEndpoints` is such a Service selector-less:
 * the component then writes its core/v1 Endpoints, which the Endpoints controller would overwrite
 * for a Service with a selector.
 */
function selector(spec: EnsembleSpec, selectsPods: boolean): { selector?: Record<string, string> } {
    if (selectsPods) return { selector: selectorLabels(spec.appName, spec.name) };
    if (spec.external?.legacyEndpoints) return {};
    return { selector: noPodsSelector(spec.appName, spec.name) };
}

/**
 * The client Service `<name>`: a ClusterIP Service on the client ports.
 *
 * `ipFamilyPolicy` is always set: the API server defaults it differently with and without a
 * selector, and a server default that flips with the mode could make a later switch fail.
 */
export function clientService(spec: EnsembleSpec): PlannedObject {
    return planned("Service", spec.names.client, {
        metadata: serviceMeta(spec, spec.names.client),
        spec: {
            type: "ClusterIP",
            ipFamilyPolicy: "PreferDualStack",
            ports: servicePorts(clientPorts(spec)),
            ...selector(spec, spec.backing.clientSelectsPods),
        },
    });
}

/**
 * The headless Service `<name>-headless`: every port, no cluster IP, and not-ready addresses
 * published, so members find each other by name before they are Ready (quorum formation needs it).
 *
 * Without a selector (legacy Endpoints only) the API server would default `ipFamilyPolicy` to
 * RequireDualStack, which a single-stack cluster then refuses when a selector is added;
 * PreferDualStack works on both.
 * @see https://kubernetes.io/docs/concepts/services-networking/dual-stack/#services
 */
export function headlessService(spec: EnsembleSpec): PlannedObject {
    const meta = serviceMeta(spec, spec.names.headless);
    return planned("Service", spec.names.headless, {
        metadata: { ...meta, annotations: { ...meta.annotations, [MEMBERSHIP_ANNOTATION]: spec.membership } },
        spec: {
            clusterIP: "None",
            ipFamilyPolicy: "PreferDualStack",
            publishNotReadyAddresses: true,
            ports: servicePorts(spec.ports),
            ...selector(spec, spec.backing.headlessSelectsPods),
        },
    });
}
