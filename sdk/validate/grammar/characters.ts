/**
 * Points at the character that makes a name invalid. A name that differs from a valid one only
 * by a trailing space, a non-breaking space or a Cyrillic "о" looks valid in an error message;
 * naming the character and its code point makes the mistake visible.
 */

/**
 * Describes the first character of `value` that `allowed` (a one-character pattern) refuses,
 * as a clause to append to an error message, or returns "" when every character is allowed.
 */
export function badCharacter(value: string, allowed: RegExp): string {
    let position = 0;
    for (const ch of value) {
        position++;
        if (allowed.test(ch)) continue;
        const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
        const what = /\s/.test(ch)
            ? `white space (${code})`
            : ch > "\x7f"
              ? `${JSON.stringify(ch)} (${code}), not ASCII`
              : JSON.stringify(ch);
        return `; character ${position} is ${what}`;
    }
    return "";
}
