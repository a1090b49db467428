package dev.slipway.kubernetes.render;

import java.util.Locale;

/**
 * Object names: {@code DEPLOYMENT-PREDICTOR-NODE} as a DNS label (lower case, at most 63 characters; a longer one is
 * cut and ends in 8 hex digits of its SHA-256 so two long names never collide).
 */
public final class Names {

    static final int MAX = 63;

    private Names() {}

    /** The name of the Deployment and Service running {@code node} of {@code predictor}. */
    public static String node(String deployment, String predictor, String node) {
        return label(deployment + "-" + predictor + "-" + node);
    }

    /** {@code raw} as a DNS label. */
    public static String label(String raw) {
        String s = raw.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9-]", "-")
                .replaceAll("-+", "-")
                .replaceAll("^-|-$", "");
        if (s.length() <= MAX && !s.isEmpty()) {
            return s;
        }
        final String hash = dev.slipway.support.Digests.sha256Hex(raw).substring(0, 8);
        s = s.substring(0, Math.min(s.length(), MAX - 9)).replaceAll("-$", "");
        return (s.isEmpty() ? "x" : s) + "-" + hash;
    }
}
