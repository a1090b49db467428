package dev.slipway.console;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the console keeps on disk for a bearer secret (a session cookie, a one-time sign-in link) without keeping the
 * secret: a lookup id (SHA-256 of the secret, domain-separated) and a payload sealed with AES-GCM under a key derived
 * from the secret. Only whoever presents the secret can find the entry and read its payload (the user's API token);
 * the file alone gives neither.
 */
final class Sealed {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV = 12;

    private Sealed() {}

    /** A new random secret: 32 bytes, base64url. */
    static String secret() {
        final byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The id under which the entry of {@code secret} is stored (hex). */
    static String id(String secret) {
        return HexFormat.of().formatHex(sha256("slipway-console-id\0" + secret));
    }

    /** {@code plain} sealed under {@code secret}: base64 of the IV and the ciphertext with its tag. */
    static String seal(String secret, String plain) {
        try {
            final byte[] iv = new byte[IV];
            RANDOM.nextBytes(iv);
            final Cipher c = cipher(Cipher.ENCRYPT_MODE, secret, iv);
            final byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(
                            ByteBuffer.allocate(IV + ct.length).put(iv).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The payload sealed under {@code secret}, or empty when this is not its secret or the text was altered. */
    static Optional<String> open(String secret, String sealed) {
        try {
            final byte[] all = Base64.getDecoder().decode(sealed);
            if (all.length <= IV) {
                return Optional.empty();
            }
            final byte[] iv = java.util.Arrays.copyOf(all, IV);
            final Cipher c = cipher(Cipher.DECRYPT_MODE, secret, iv);
            return Optional.of(new String(c.doFinal(all, IV, all.length - IV), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Cipher cipher(int mode, String secret, byte[] iv) throws GeneralSecurityException {
        final Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(sha256("slipway-console-key\0" + secret), "AES"), new GCMParameterSpec(128, iv));
        return c;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
