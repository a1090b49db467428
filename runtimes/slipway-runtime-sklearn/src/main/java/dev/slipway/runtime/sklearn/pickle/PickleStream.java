package dev.slipway.runtime.sklearn.pickle;

import java.nio.charset.StandardCharsets;

/** Bounds-checked reads over the bytes of a pickle (every length is checked before anything is allocated). */
final class PickleStream {

    private final byte[] data;
    private int pos;
    private String context = "";

    PickleStream(byte[] data) {
        this.data = data;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return data.length - pos;
    }

    void context(String what) {
        this.context = what;
    }

    PickleException truncated(long needed) {
        return new PickleException("truncated pickle stream: " + context + " at byte " + pos + " needs " + needed
                + " bytes but only " + remaining() + " remain");
    }

    private void need(long n) {
        if (n < 0 || n > remaining()) {
            throw truncated(n);
        }
    }

    int u8() {
        need(1);
        return data[pos++] & 0xFF;
    }

    int u16() {
        need(2);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    int s32() {
        need(4);
        int v = (data[pos] & 0xFF)
                | (data[pos + 1] & 0xFF) << 8
                | (data[pos + 2] & 0xFF) << 16
                | (data[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    long u32() {
        return s32() & 0xFFFFFFFFL;
    }

    long s64() {
        long lo = u32();
        long hi = u32();
        return lo | hi << 32;
    }

    /** An unsigned 64-bit length; values that cannot fit the remaining bytes are refused. */
    long u64Length() {
        long v = s64();
        if (v < 0) {
            throw new PickleException(
                    "length " + Long.toUnsignedString(v) + " at byte " + (pos - 8) + " is impossible");
        }
        return v;
    }

    double f64BigEndian() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (data[pos + i] & 0xFF);
        }
        pos += 8;
        return Double.longBitsToDouble(v);
    }

    byte[] bytes(long n) {
        need(n);
        byte[] out = new byte[(int) n];
        System.arraycopy(data, pos, out, 0, (int) n);
        pos += (int) n;
        return out;
    }

    void skip(long n) {
        need(n);
        pos += (int) n;
    }

    String utf8(long n) {
        need(n);
        String s = new String(data, pos, (int) n, StandardCharsets.UTF_8);
        pos += (int) n;
        return s;
    }

    /** A line up to (not including) '\n', at most {@code max} bytes, as latin-1. */
    String line(int max) {
        int start = pos;
        int limit = (int) Math.min(data.length, (long) pos + max + 1);
        for (int i = pos; i < limit; i++) {
            if (data[i] == '\n') {
                pos = i + 1;
                return new String(data, start, i - start, StandardCharsets.ISO_8859_1);
            }
        }
        if (limit == data.length) {
            throw truncated(limit - start + 1L);
        }
        throw new PickleException("line at byte " + start + " is longer than " + max + " bytes (" + context + ")");
    }
}
