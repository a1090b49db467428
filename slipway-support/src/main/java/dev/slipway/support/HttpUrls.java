package dev.slipway.support;

import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * The one check for URLs Slipway sends to (request-log sinks from a flag, {@code environments.yaml} or a graph node's
 * {@code logger.url}): absolute {@code http} or {@code https} with a host, no fragment, at most 2,048 characters.
 */
public final class HttpUrls {

    private HttpUrls() {}

    /** Why {@code text} is not such a URL (naming {@code what}), or null when it is one. */
    public static @Nullable String problem(String what, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return what + ": a URL is required (http://HOST[:PORT]/PATH)";
        }
        if (text.length() > 2048) {
            return what + ": longer than 2048 characters";
        }
        final URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            return what + ": '" + redact(text) + "' is not a URL (" + e.getReason() + ")";
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            return what + ": '" + redact(text) + "' must start with http:// or https://";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return what + ": '" + redact(text) + "' has no host";
        }
        if (uri.getRawFragment() != null) {
            return what + ": '" + redact(text) + "' must not have a #fragment";
        }
        return null;
    }

    /**
     * Returns {@code text} stripped when it is such a URL.
     *
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    public static String require(String what, @Nullable String text) {
        final String p = problem(what, text);
        if (p != null || text == null) {
            throw new IllegalArgumentException(p == null ? what + ": a URL is required" : p);
        }
        return text.strip();
    }

    /** {@code text} without a password it may carry ({@code http://user:***@host/}), for messages and logs. */
    public static String redact(String text) {
        return text.replaceAll("(?<=://)([^/@:]*):[^/@]*@", "$1:***@");
    }
}
