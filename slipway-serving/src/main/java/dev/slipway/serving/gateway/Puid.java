package dev.slipway.serving.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** Prediction unique ids ({@code meta.puid}): 26 random base-32 characters, cheap to make. */
final class Puid {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private static final byte[] META_PUID = "{\"meta\":{\"puid\":\"".getBytes(StandardCharsets.US_ASCII);

    private Puid() {}

    /**
     * The {@code meta.puid} of a node's answer: read straight from the bytes when the answer starts with it (as a
     * Slipway model server writes it), else from the parsed JSON; a new one when the answer has none.
     */
    static String of(Buffer answer) {
        final int n = META_PUID.length;
        if (answer.length() > n && startsWith(answer, n)) {
            for (int i = n; i < answer.length(); i++) {
                final byte b = answer.getByte(i);
                if (b == '"') {
                    return i > n ? answer.getString(n, i, "UTF-8") : next();
                }
                if (b == '\\') {
                    break; // an escaped character: let the JSON parser read it
                }
            }
        }
        final ObjectNode parsed = SeldonJson.parseReply(answer.getBytes());
        final JsonNode puid = parsed == null ? null : parsed.path("meta").get("puid");
        return puid != null && puid.isTextual() && !puid.asText().isEmpty() ? puid.asText() : next();
    }

    private static boolean startsWith(Buffer answer, int n) {
        for (int i = 0; i < n; i++) {
            if (answer.getByte(i) != META_PUID[i]) {
                return false;
            }
        }
        return true;
    }

    static String next() {
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final char[] chars = new char[26];
        long bits = random.nextLong();
        for (int i = 0; i < chars.length; i++) {
            if (i == 12) {
                bits = random.nextLong();
            }
            chars[i] = ALPHABET[(int) (bits & 31)];
            bits >>>= 5;
        }
        return new String(chars);
    }
}
