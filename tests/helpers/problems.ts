/** The problems a validator records, as the error it would end in lists them. */
import { EnsembleArgsError, Problems } from "../../sdk/validate/problems";

export function problemsRecorded(run: (problems: Problems) => void): readonly string[] {
    const problems = new Problems();
    run(problems);
    try {
        problems.throwIfAny("test");
    } catch (err) {
        if (err instanceof EnsembleArgsError) return err.problems;
        throw err;
    }
    return [];
}
