/**
 * The planner's replacement rules against the real provider: one field at a time that the
 * planner says forces a replacement (or changes in place), each compared with what
 * `pulumi preview` would do to the running stack.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { e2e } from "./harness/context";
import { plannedOperations, previewOperations } from "./harness/oracle";
import { Stack } from "./harness/stack";

const FIXTURE = path.join(__dirname, "fixtures", "replacements");
const NAMESPACE = "e2e-replacements";
const BASE = { namespace: NAMESPACE };

/** Each change of one config key, with what the planner is expected to call it. */
const CHANGES: ReadonlyArray<{ key: string; value: string; statefulSet: string }> = [
    { key: "storageSize", value: "2Gi", statefulSet: "replace" },
    { key: "podManagementPolicy", value: "Parallel", statefulSet: "replace" },
    { key: "image", value: "registry.example/app:1.1", statefulSet: "update" },
    { key: "token", value: "second", statefulSet: "unchanged" },
];

describe("the planner's replacements against pulumi preview", function () {
    let stack: Stack;

    before(async function () {
        await e2e().kube.restrictedNamespace(NAMESPACE);
        stack = await Stack.create(e2e().pulumi, FIXTURE, "replacements");
        await stack.configure(BASE);
        await stack.up();
    });

    after(async function () {
        await stack?.destroy();
        await e2e().kube.deleteClaims(NAMESPACE);
        await stack?.remove();
    });

    for (const change of CHANGES) {
        it(`predicts what preview does when ${change.key} changes`, async function () {
            const to = { ...BASE, [change.key]: change.value };
            await stack.configure(to);
            const preview = await stack.preview({ check: false });
            const operations = previewOperations(preview.steps);
            const planned = await plannedOperations(stack.dir, BASE, to);
            assert.deepEqual(operations, planned.operations, `pulumi preview and the planner disagree:\n${planned.report}`);
            assert.equal(operations["kubernetes:apps/v1:StatefulSet::app"], change.statefulSet);
            if (change.statefulSet === "replace") {
                // pulumi-kubernetes previews the replacement of an object whose name is fixed by a
                // server-side dry run against the existing object, which the API server refuses:
                // the preview names the replacement and then fails. docs/migration.md says so.
                assert.equal(preview.errors.length, 2, preview.errors.join("\n"));
                assert.match(preview.errors[0], /StatefulSet\.apps "app" is invalid: spec: Forbidden: updates to statefulset spec/);
            } else {
                assert.deepEqual(preview.errors, []);
            }
        });
    }
});
