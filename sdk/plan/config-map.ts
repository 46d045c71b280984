/**
 * Configuration files of the in-cluster members: one ConfigMap `<name>-config-<hash>`, mounted
 * read-only into the server container.
 *
 * The name carries a hash of the files. A change therefore creates a new ConfigMap and changes
 * the pod template, and the StatefulSet rolls its pods, one at a time, onto the new files (a
 * ConfigMap updated in place would reach running pods unannounced, and a server that reads its
 * configuration once would never notice); Pulumi deletes the old ConfigMap after the rollout.
 * pulumi-kubernetes would otherwise replace a fixed-name ConfigMap whose data changes, deleting
 * it before creating it again.
 */
import type * as k8s from "@pulumi/kubernetes/types/input";
import { CONFIG_VOLUME, configMapName } from "../model/names";
import { EnsembleSpec } from "../model/spec";
import { PlannedObject, objectMeta, planned } from "./objects";

/** Files are read-only for everyone: the server reads them, nothing writes them. */
const READ_ONLY_MODE = 0o444;

/** The ConfigMap `<name>-config-<hash>`, or nothing when the ensemble has no configuration files. */
export function configMapObjects(spec: EnsembleSpec): PlannedObject[] {
    const files = spec.inCluster?.configFiles;
    if (!files) return [];
    const name = configMapName(spec.name, files.files);
    return [planned("ConfigMap", name, { metadata: objectMeta(spec, name), data: { ...files.files } })];
}

/** The pod volume of the ConfigMap. */
export function configVolumes(spec: EnsembleSpec): k8s.core.v1.Volume[] {
    const files = spec.inCluster?.configFiles;
    if (!files) return [];
    return [{ name: CONFIG_VOLUME, configMap: { name: configMapName(spec.name, files.files), defaultMode: READ_ONLY_MODE } }];
}

/** The read-only mount of the ConfigMap in the server container. */
export function configMounts(spec: EnsembleSpec): k8s.core.v1.VolumeMount[] {
    const files = spec.inCluster?.configFiles;
    if (!files) return [];
    return [{ name: CONFIG_VOLUME, mountPath: files.mountPath, readOnly: true }];
}
