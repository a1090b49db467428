package dev.slipway.controlplane.requestlog;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The checks of a request-log event's attributes, the same for both ways into the sink (an HTTP sender's headers, an
 * event handed over in process), made before anything touches the disk.
 */
final class EventChecks {

    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9._-]{1,253}");

    private EventChecks() {}

    /**
     * The event of these attributes, checked: {@code Ce-Id}, {@code Ce-Type}, the namespace and deployment as DNS
     * labels (they name the folders), the predictor and node as names.
     *
     * @throws IllegalArgumentException naming the attribute that is not acceptable
     */
    static RequestLogStore.Event event(
            String id,
            String ceType,
            String namespace,
            String deployment,
            String predictor,
            String node,
            Instant time,
            boolean truncated) {
        if (!id(id)) {
            throw new IllegalArgumentException("Ce-Id: must be 1-128 of A-Z a-z 0-9 . _ : -");
        }
        final String type = type(ceType);
        if (type == null) {
            throw new IllegalArgumentException("Ce-Type: not one of [io.seldon.serving.inference.request, "
                    + "io.seldon.serving.inference.response, io.seldon.serving.feedback]");
        }
        String problem = dev.slipway.support.DnsLabel.problem("Ce-Namespace", namespace);
        if (problem == null) {
            problem = dev.slipway.support.DnsLabel.problem("Ce-Inferenceservicename", deployment);
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (!predictor.isEmpty() && !NODE.matcher(predictor).matches()
                || !node.isEmpty() && !NODE.matcher(node).matches()) {
            throw new IllegalArgumentException("Ce-Endpoint/Ce-Modelid: must be names (A-Z a-z 0-9 . _ -)");
        }
        return new RequestLogStore.Event(time, id, type, namespace, deployment, predictor, node, null, truncated);
    }

    /** The kind of Seldon's {@code Ce-Type}: {@code request}, {@code response}, {@code feedback}; or null. */
    static @Nullable String type(String ceType) {
        return switch (ceType) {
            case "io.seldon.serving.inference.request" -> "request";
            case "io.seldon.serving.inference.response" -> "response";
            case "io.seldon.serving.feedback" -> "feedback";
            default -> null;
        };
    }

    /** Whether {@code id} is a {@code Ce-Id} kept: 1 to 128 of {@code [A-Za-z0-9._:-]}. */
    static boolean id(String id) {
        if (id.isEmpty() || id.length() > 128) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            final char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '.'
                    || c == '_'
                    || c == ':'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code Ce-Time}: RFC 3339, or now when absent. */
    static Instant time(@Nullable String ceTime) {
        if (ceTime == null || ceTime.isBlank()) {
            return Instant.now();
        }
        try {
            return Instant.parse(ceTime.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Ce-Time: not an RFC 3339 time: " + e.getParsedString());
        }
    }
}
