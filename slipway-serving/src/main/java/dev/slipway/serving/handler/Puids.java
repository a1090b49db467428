package dev.slipway.serving.handler;

import java.util.concurrent.ThreadLocalRandom;

/** Prediction unique ids as Seldon makes them: 26 random lowercase letters and digits. */
final class Puids {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Puids() {}

    static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] c = new char[26];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[r.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }
}
