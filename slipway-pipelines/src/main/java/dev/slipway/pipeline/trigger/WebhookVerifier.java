package dev.slipway.pipeline.trigger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks GitHub's {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>} with the
 * webhook's shared secret. The comparison is constant-time ({@link MessageDigest#isEqual}).
 */
public final class WebhookVerifier {

    public static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";

    /** The verdict: accepted, or rejected with a reason fit for the HTTP response. */
    public record Verification(boolean accepted, String reason) {
        static final Verification OK = new Verification(true, "");

        static Verification rejected(String reason) {
            return new Verification(false, reason);
        }
    }

    private final byte[] secret;

    public WebhookVerifier(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret is required");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The header value GitHub would send for this body. */
    public String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(body));
    }

    public Verification verify(byte[] body, String header) {
        if (header == null || header.isBlank()) {
            return Verification.rejected("missing " + HEADER + " header");
        }
        String h = header.trim();
        if (!h.startsWith(PREFIX)) {
            return Verification.rejected(HEADER + " must start with sha256=");
        }
        String hex = h.substring(PREFIX.length());
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Verification.rejected(HEADER + " is not sha256= followed by 64 hex digits");
        }
        byte[] given = HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT));
        return MessageDigest.isEqual(given, hmac(body))
                ? Verification.OK
                : Verification.rejected(HEADER + " does not match the body (wrong secret or altered payload)");
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
