/**
 * Container image references, as the container runtime parses them. The API server stores any
 * string, so a malformed reference would only surface as pods stuck in InvalidImageName.
 * @see https://github.com/distribution/reference/blob/main/reference.go (the grammar)
 */

const ALPHANUMERIC = "[a-z0-9]+";
const SEPARATOR = "(?:[._]|__|-+)";
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = "[\\w][\\w.-]{0,127}";
const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
const REFERENCE = new RegExp(`^(${NAME})(?::${TAG})?(?:@${DIGEST})?$`);

/** The longest repository name the grammar allows (NameTotalLengthMax). */
const MAX_NAME = 255;

/** Why the runtime would refuse `image` as a reference, or undefined when it parses. */
export function imageReferenceProblem(image: string): string | undefined {
    const match = REFERENCE.exec(image);
    if (!match) {
        // The most common slip: `MyRegistry/Zookeeper`. Repository paths are lowercase.
        if (REFERENCE.test(lowercaseRepository(image))) return "is not a valid image reference: the repository path must be lowercase";
        return "is not a valid image reference: expected [registry[:port]/]repository[:tag][@algorithm:hex]";
    }
    if (match[1].length > MAX_NAME)
        return `is not a valid image reference: its repository name is ${match[1].length} characters long; the limit is ${MAX_NAME}`;
    return undefined;
}

/** Lowercases everything but the tag and digest, and the registry host, which may hold capitals. */
function lowercaseRepository(image: string): string {
    const at = image.indexOf("@");
    const name = at < 0 ? image : image.slice(0, at);
    const digest = at < 0 ? "" : image.slice(at);
    const slash = name.lastIndexOf("/");
    const colon = name.lastIndexOf(":");
    const tagAt = colon > slash ? colon : name.length;
    const first = name.indexOf("/");
    const hasRegistry = first >= 0 && /[.:]|^localhost$/.test(name.slice(0, first));
    const repoFrom = hasRegistry ? first : 0;
    return name.slice(0, repoFrom) + name.slice(repoFrom, tagAt).toLowerCase() + name.slice(tagAt) + digest;
}

/** Why `image`, a non-empty string, is refused: white space, or not a reference; undefined when it parses. */
export function imageSyntaxProblem(image: string): string | undefined {
    if (/\s/.test(image)) return "contains white space";
    return imageReferenceProblem(image);
}
