package dev.slipway.gitops.target;

import java.util.Locale;

/**
 * The one spelling of condition types, statuses and reasons on the wire, pipelines and GitOps alike (Tekton's and
 * Kubernetes': {@code Ready}, {@code True}, {@code FetchFailed}, {@code OutOfSync}). Enum constants stay Java's
 * {@code FETCH_FAILED}; JSON and people see {@link #of}. Reading accepts both, so status files written before
 * this spelling still load.
 */
public final class Spelling {

    private Spelling() {}

    /** {@code REPLICAS_NOT_READY} → {@code ReplicasNotReady}; {@code TRUE} → {@code True}. */
    public static String of(Enum<?> constant) {
        final StringBuilder sb = new StringBuilder();
        for (final String part : constant.name().split("_")) {
            if (!part.isEmpty()) {
                sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return sb.toString();
    }

    /** The constant spelled {@code text} either way ({@code OutOfSync} or {@code OUT_OF_SYNC}). */
    public static <E extends Enum<E>> E parse(Class<E> type, String text) {
        for (final E e : type.getEnumConstants()) {
            if (e.name().equals(text) || of(e).equals(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not one of "
                + java.util.Arrays.stream(type.getEnumConstants())
                        .map(Spelling::of)
                        .toList());
    }
}
