package dev.slipway.runtime.sklearn.pickle;

/**
 * Bounds that keep a hostile stream from exhausting memory or the Java stack.
 *
 * @param maxBytes largest (decompressed) stream accepted, in bytes
 * @param maxStack most values on the VM stack at once
 * @param maxMarks most open MARKs at once
 * @param maxMemo most memo entries
 * @param maxDepth deepest nesting of tuples, lists, dicts, sets and objects built by the VM
 * @param maxArrayElements most elements of one numpy array
 * @param maxNestedPickles most nested pickle streams (joblib object arrays) open at once
 */
public record PickleLimits(
        long maxBytes,
        int maxStack,
        int maxMarks,
        int maxMemo,
        int maxDepth,
        long maxArrayElements,
        int maxNestedPickles) {

    /** Generous defaults: 2 GiB streams, 10M stack values and memo entries, depth 200. */
    public static PickleLimits defaults() {
        return new PickleLimits(Integer.MAX_VALUE - 64L, 10_000_000, 10_000, 10_000_000, 200, 500_000_000L, 4);
    }

    public PickleLimits {
        if (maxBytes <= 0 || maxStack <= 0 || maxMarks <= 0 || maxMemo <= 0 || maxDepth <= 0 || maxArrayElements <= 0) {
            throw new IllegalArgumentException("pickle limits must be positive");
        }
    }
}
