/** The limits validation applies to counts and numbers that Kubernetes itself leaves wider. */
import { isInteger } from "./grammar/values";
import { Problems } from "./problems";

/**
 * An upper bound on members. A consensus ensemble of more than a few dozen voters is a mistake,
 * but external fleets of read replicas or observers can be large; this bound keeps a typo
 * (an extra zero) from registering tens of thousands of objects.
 */
export const MAX_MEMBERS = 10_000;

/** Records a problem when an integer is past `max`; values that are not integers are reported elsewhere. */
export function checkAtMost(problems: Problems, path: string, value: unknown, max: number, what: string): void {
    if (isInteger(value) && value > max) problems.add(path, `${value} is more than ${max}, ${what}`);
}
