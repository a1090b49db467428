package dev.slipway.support;

/**
 * Limits on an untrusted JSON or YAML document, enforced while parsing so that hostile input fails fast with a
 * clear message instead of exhausting memory or the stack.
 *
 * @param maxDocumentBytes the largest document, in bytes (YAML: code points)
 * @param maxDepth the deepest nesting of objects and arrays
 * @param maxStringChars the longest single string (JSON; in YAML the document size bounds a scalar)
 * @param maxAliases the most YAML aliases in one document (an alias bomb expands a few anchors exponentially)
 * @param rejectDuplicateKeys whether a key repeated in one object is an error (rather than the last one winning)
 */
public record Limits(
        int maxDocumentBytes, int maxDepth, int maxStringChars, int maxAliases, boolean rejectDuplicateKeys) {

    /**
     * The one set of limits for files and API bodies: 1 MiB, depth 64, 1 MiB strings, 50 aliases, duplicate keys
     * refused.
     */
    public static final Limits DEFAULT = new Limits(1 << 20, 64, 1 << 20, 50, true);

    /**
     * Prediction payloads (tensors as JSON, on the hot path): the body size is limited by the server's request limit,
     * so only depth and the longest string (64 MiB, e.g. base64 binary data) are limited here; a repeated key is
     * read as Seldon's Python server reads it (the last one wins).
     */
    public static final Limits PAYLOAD = new Limits(Integer.MAX_VALUE, 64, 64 << 20, 50, false);

    public Limits {
        if (maxDocumentBytes <= 0 || maxDepth <= 0 || maxStringChars <= 0 || maxAliases < 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxDocumentBytes + ", " + maxDepth + ", "
                    + maxStringChars + ", " + maxAliases);
        }
    }

    /** These limits with another document size. */
    public Limits withMaxDocumentBytes(int bytes) {
        return new Limits(bytes, maxDepth, maxStringChars, maxAliases, rejectDuplicateKeys);
    }

    /** These limits with another nesting depth. */
    public Limits withMaxDepth(int depth) {
        return new Limits(maxDocumentBytes, depth, maxStringChars, maxAliases, rejectDuplicateKeys);
    }

    /** These limits with another longest string. */
    public Limits withMaxStringChars(int chars) {
        return new Limits(maxDocumentBytes, maxDepth, chars, maxAliases, rejectDuplicateKeys);
    }

    /** These limits with another alias count. */
    public Limits withMaxAliases(int aliases) {
        return new Limits(maxDocumentBytes, maxDepth, maxStringChars, aliases, rejectDuplicateKeys);
    }
}
