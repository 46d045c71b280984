/**
 * Records the registration requests the Pulumi SDK sends to the mock engine, with the resource
 * options that reach the engine only in the request (parent, provider, protect, retainOnDelete,
 * aliases, transforms), which the mocks' `newResource` callback does not show.
 *
 * Pulumi applies resource `transforms` in the engine, not in the SDK: the SDK registers each
 * transform as a callback on its resource's request, and the engine calls back every transform
 * of a resource and of its ancestors before it registers the resource. The mock engine reports
 * no transform support and ignores them, so `{ transforms: true }` turns the support on and does
 * here what the engine does: it calls the SDK's callback server over gRPC, with the token in the
 * request, and registers the properties the callbacks return.
 */
import * as pulumi from "@pulumi/pulumi";
import * as callbackRpc from "@pulumi/pulumi/proto/callback_grpc_pb";
import * as callbackProto from "@pulumi/pulumi/proto/callback_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { grpc } from "./grpc";

/** The runtime's feature switches, which `setMocks` sets and no public API changes. */
const runtimeState = require("@pulumi/pulumi/runtime/state") as {
    getStore(): { supportsTransforms: boolean; supportsAliasSpecs: boolean };
};

/** The parts of the mock engine this helper drives. */
interface MockMonitor {
    newUrn(parent: string, type: string, name: string): string;
    registerResource(req: resproto.RegisterResourceRequest, callback: (err: unknown, resp?: unknown) => void): void;
}

export interface Registration {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    /** The parent's URN; empty at the top of the stack. */
    readonly parent: string;
    readonly custom: boolean;
    /** `<provider urn>::<provider id>`, or empty for the default provider. */
    readonly provider: string;
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    /** Aliases as URNs (what the SDK sends when the engine takes no alias specs). */
    readonly aliasUrns: string[];
    /** How many alias specs the request carries. */
    readonly aliasSpecs: number;
    /** How many transforms the resource registered itself (not counting its ancestors'). */
    readonly transforms: number;
    /** The inputs as the engine registers them, after every transform. */
    readonly inputs: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface RequestLog {
    readonly registrations: Registration[];
    /** The one registration of `type` named `name`. */
    get(type: string, name: string): Registration;
    /** Every registration whose parent is `urn`. */
    childrenOf(urn: string): Registration[];
}

export interface EngineFeatures {
    /** Apply resource transforms as the engine does. */
    readonly transforms?: boolean;
    /** Let the SDK send alias specs (the engine then derives children's aliases); otherwise it sends URNs it computed. */
    readonly aliasSpecs?: boolean;
}

function invoke(
    client: callbackRpc.CallbacksClient,
    request: callbackProto.CallbackInvokeRequest,
): Promise<callbackProto.CallbackInvokeResponse> {
    return new Promise((resolve, reject) => client.invoke(request, (err, resp) => (err ? reject(err) : resolve(resp))));
}

/** Calls one transform callback with the resource's current properties; returns the properties it gives back. */
async function applyTransform(
    callback: callbackProto.Callback,
    req: resproto.RegisterResourceRequest,
    properties: resproto.RegisterResourceRequest["getObject"] extends () => infer P ? P : never,
) {
    const transform = new resproto.TransformRequest();
    transform.setType(req.getType());
    transform.setName(req.getName());
    transform.setCustom(req.getCustom());
    transform.setParent(req.getParent());
    transform.setProperties(properties);
    transform.setOptions(new resproto.TransformResourceOptions());
    const request = new callbackProto.CallbackInvokeRequest();
    request.setToken(callback.getToken());
    request.setRequest(transform.serializeBinary());
    const client = new callbackRpc.CallbacksClient(callback.getTarget(), grpc.credentials.createInsecure());
    try {
        const response = await invoke(client, request);
        return resproto.TransformResponse.deserializeBinary(response.getResponse_asU8()).getProperties();
    } finally {
        client.close();
    }
}

/** Installs fresh mocks with the given engine features and records every registration request. */
export async function recordRequests(features: EngineFeatures = {}, project = "test", stack = "test"): Promise<RequestLog> {
    await pulumi.runtime.setMocks(
        { newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: () => ({}) },
        project,
        stack,
        false,
    );
    const store = runtimeState.getStore();
    store.supportsTransforms = features.transforms ?? false;
    store.supportsAliasSpecs = features.aliasSpecs ?? true;

    const registrations: Registration[] = [];
    const transformsOf = new Map<string, callbackProto.Callback[]>();
    const parentOf = new Map<string, string>();
    const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitor;
    const register = monitor.registerResource.bind(monitor);
    // The mock engine's URNs keep only the parent's own type; the engine's keep the whole chain
    // of ancestors' types (but not the stack's), which is what moving a component changes.
    monitor.newUrn = (parent, type, name) => {
        const chain = parent ? parent.split("::")[2] : "pulumi:pulumi:Stack";
        const qualified = chain === "pulumi:pulumi:Stack" ? type : `${chain}$${type}`;
        return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${qualified}::${name}`;
    };

    async function record(req: resproto.RegisterResourceRequest): Promise<void> {
        const urn = monitor.newUrn(req.getParent(), req.getType(), req.getName());
        transformsOf.set(urn, req.getTransformsList());
        parentOf.set(urn, req.getParent());
        // The resource's own transforms first, then its parent's, up to the top.
        const chain: callbackProto.Callback[] = [];
        for (let at: string | undefined = urn; at; at = parentOf.get(at)) chain.push(...(transformsOf.get(at) ?? []));
        let properties = req.getObject();
        for (const callback of features.transforms ? chain : []) properties = await applyTransform(callback, req, properties);
        req.setObject(properties);
        registrations.push({
            type: req.getType(),
            name: req.getName(),
            urn,
            parent: req.getParent(),
            custom: req.getCustom(),
            provider: req.getProvider(),
            protect: req.getProtect() ?? false,
            retainOnDelete: req.getRetainondelete() ?? false,
            aliasUrns: req.getAliasurnsList(),
            aliasSpecs: req.getAliasesList().length,
            transforms: req.getTransformsList().length,
            inputs: properties ? pulumi.runtime.deserializeProperties(properties) : {},
        });
    }

    monitor.registerResource = (req, callback) => {
        record(req).then(
            () => register(req, callback),
            (err) => callback(err),
        );
    };

    return {
        registrations,
        get(type, name) {
            const found = registrations.filter((r) => r.type === type && r.name === name);
            if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
            return found[0];
        },
        childrenOf(urn) {
            return registrations.filter((r) => r.parent === urn);
        },
    };
}
