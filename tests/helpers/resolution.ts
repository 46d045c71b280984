/**
 * Catches what fails when Outputs resolve: Pulumi reports such an error as a rejected promise
 * of the registration that needed the value, not as an exception of the constructor.
 */
import * as pulumi from "@pulumi/pulumi";
import { settle } from "./mocks";

/** Runs `create`, lets every registration finish (or the first fail), and returns the errors raised on the way. */
export async function failuresWhileResolving(create: () => void): Promise<unknown[]> {
    const failures: unknown[] = [];
    let failed: () => void = () => undefined;
    // Registrations that depend on a failed one never finish, so waiting for all would hang.
    const firstFailure = new Promise<void>((resolve) => (failed = resolve));
    const onRejection = (reason: unknown) => {
        failures.push(reason);
        failed();
    };
    process.on("unhandledRejection", onRejection);
    try {
        create();
        await Promise.race([settle(), firstFailure]);
        // Rejections arrive on the turn after the promise that dropped them.
        await new Promise((resolve) => setImmediate(resolve));
    } finally {
        process.off("unhandledRejection", onRejection);
    }
    // Registrations that waited on a failed value never finish; forget them, or Pulumi would
    // report them as leaked promises (and set a failing exit code) when the test run ends.
    if (failures.length > 0) pulumi.runtime.resetOptions("test", "test", -1, "", "", false, "");
    return failures;
}
