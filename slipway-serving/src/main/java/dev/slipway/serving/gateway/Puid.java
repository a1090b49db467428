package dev.slipway.serving.gateway;

import java.util.concurrent.ThreadLocalRandom;

/** Prediction unique ids ({@code meta.puid}): 26 random base-32 characters, cheap to make. */
final class Puid {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Puid() {}

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
