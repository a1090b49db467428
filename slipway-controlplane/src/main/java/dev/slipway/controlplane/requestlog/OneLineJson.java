package dev.slipway.controlplane.requestlog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Whether a payload can go into a request-log line as it is: one strict JSON value (RFC 8259: no comments, no
 * trailing commas, no {@code NaN}) on one line, in ASCII, within the limits of the mapper that reads the line back
 * ({@link dev.slipway.support.Mappers#json()}: nesting, number length, no duplicate keys). One pass over the bytes, no
 * allocation: the writer's check of every payload (Jackson's parser cost ~1 µs an event, most of the writer's time).
 *
 * <p>It accepts a subset of what Jackson accepts: anything it is not sure of (non-ASCII, an escaped key, a CR or LF,
 * a byte-order mark, a large object, a long number, deep nesting) is refused, and {@link EventLine} then takes the
 * parser's path as before. Not thread-safe: one per writer (it reuses its stacks).
 */
final class OneLineJson {

    /** Deepest nesting accepted (the mapper allows 64). */
    static final int MAX_DEPTH = 48;
    /** Longest number accepted (the mapper allows 1,000 digits). */
    private static final int MAX_NUMBER = 100;
    /** Keys remembered at once for the duplicate check (all open objects together); more: refused. */
    private static final int MAX_KEYS = 128;

    private final boolean[] inObject = new boolean[MAX_DEPTH + 1];
    private final int[] firstKey = new int[MAX_DEPTH + 1];
    private final int[] keyStart = new int[MAX_KEYS];
    private final int[] keyEnd = new int[MAX_KEYS];

    /**
     * True when {@code b} is exactly one JSON value (with spaces or tabs around it) as described above. One loop with
     * its position in a local, the scanners static: what the JIT keeps in registers.
     */
    boolean test(byte[] b) {
        return test(b, 0, b.length);
    }

    /** {@link #test(byte[])} for the bytes of {@code b} from {@code from} up to {@code end}. */
    boolean test(byte[] b, int from, int end) {
        int p = space(b, from, end);
        int depth = 0;
        int keys = 0;
        while (true) {
            // a value at p
            if (p >= end) {
                return false;
            }
            final byte c = b[p];
            if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    return false;
                }
                final boolean object = c == '{';
                inObject[depth] = object;
                firstKey[depth] = keys;
                p = space(b, p + 1, end);
                if (p < end && b[p] == (object ? '}' : ']')) {
                    p++;
                    depth--;
                } else if (object) {
                    if ((p = key(b, p, end, firstKey[depth], keys)) < 0) {
                        return false;
                    }
                    keys++;
                    continue; // its first value
                } else {
                    continue; // its first element
                }
            } else if (c == '"') {
                if ((p = string(b, p + 1, end)) < 0) {
                    return false;
                }
            } else if (c == '-' || c >= '0' && c <= '9') {
                if ((p = number(b, p, end)) < 0) {
                    return false;
                }
            } else if ((p = literal(b, p, end)) < 0) {
                return false;
            }
            // after a value: close containers, or go on to the next element
            while (true) {
                p = space(b, p, end);
                if (depth == 0) {
                    return p == end;
                }
                if (p >= end) {
                    return false;
                }
                final byte next = b[p++];
                if (next == ',') {
                    p = space(b, p, end);
                    if (inObject[depth]) {
                        if ((p = key(b, p, end, firstKey[depth], keys)) < 0) {
                            return false;
                        }
                        keys++;
                    }
                    break; // the next value
                }
                if (next != (inObject[depth] ? '}' : ']')) {
                    return false;
                }
                keys = firstKey[depth];
                depth--;
            }
        }
    }

    private static int space(byte[] b, int p, int end) {
        while (p < end && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        return p;
    }

    /**
     * A key at {@code p} (no escapes, none of the object's keys before it, remembered as {@code keys}), its colon and
     * the spaces up to its value.
     *
     * @return where its value starts, or -1
     */
    private int key(byte[] b, int p, int end, int first, int keys) {
        if (p >= end || b[p] != '"' || keys == MAX_KEYS) {
            return -1;
        }
        final int start = ++p;
        byte c;
        while (p < end && (c = b[p]) != '"') {
            if (c == '\\' || c < 0x20 || c == 0x7f) {
                return -1; // escaped, control or non-ASCII (negative): the parser decides
            }
            p++;
        }
        if (p >= end) {
            return -1;
        }
        for (int k = first; k < keys; k++) {
            if (same(b, keyStart[k], keyEnd[k], start, p)) {
                return -1; // a duplicate key: the mapper refuses it
            }
        }
        keyStart[keys] = start;
        keyEnd[keys] = p;
        p = space(b, p + 1, end);
        if (p >= end || b[p] != ':') {
            return -1;
        }
        return space(b, p + 1, end);
    }

    private static boolean same(byte[] b, int s1, int e1, int s2, int e2) {
        if (e1 - s1 != e2 - s2) {
            return false;
        }
        for (int i = 0; i < e1 - s1; i++) {
            if (b[s1 + i] != b[s2 + i]) {
                return false;
            }
        }
        return true;
    }

    /** The rest of a string whose quote was at {@code p - 1}; returns where it ends (after its quote), or -1. */
    private static int string(byte[] b, int p, int end) {
        while (p < end) {
            final byte c = b[p++];
            if (c == '"') {
                return p;
            }
            if (c < 0x20 || c == 0x7f) {
                return -1; // a control character (or non-ASCII, negative: the parser decides)
            }
            if (c == '\\') {
                if (p >= end) {
                    return -1;
                }
                final byte e = b[p++];
                if (e == 'u') {
                    if (end - p < 4) {
                        return -1;
                    }
                    for (int i = 0; i < 4; i++) {
                        if (Character.digit(b[p++], 16) < 0) {
                            return -1;
                        }
                    }
                } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r'
                        && e != 't') {
                    return -1;
                }
            }
        }
        return -1;
    }

    /**
     * {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?} at {@code p}, at most {@link #MAX_NUMBER} characters.
     *
     * @return where it ends, or -1
     */
    private static int number(byte[] b, int p, int end) {
        final int start = p;
        if (b[p] == '-') {
            p++;
        }
        if (p < end && b[p] == '0') {
            p++;
        } else if ((p = digits(b, p, end)) < 0) {
            return -1;
        }
        if (p < end && b[p] == '.' && (p = digits(b, p + 1, end)) < 0) {
            return -1;
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            if (p < end && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            if ((p = digits(b, p, end)) < 0) {
                return -1;
            }
        }
        return p - start <= MAX_NUMBER ? p : -1;
    }

    /** One digit or more at {@code p}: where they end, or -1. */
    private static int digits(byte[] b, int p, int end) {
        final int start = p;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        return p > start ? p : -1;
    }

    /** {@code true}, {@code false} or {@code null} at {@code p}: where it ends, or -1. */
    private static int literal(byte[] b, int p, int end) {
        for (final byte[] word : LITERALS) {
            if (end - p >= word.length && Arrays.equals(b, p, p + word.length, word, 0, word.length)) {
                return p + word.length;
            }
        }
        return -1;
    }

    private static final byte[][] LITERALS = {
        "true".getBytes(StandardCharsets.US_ASCII),
        "false".getBytes(StandardCharsets.US_ASCII),
        "null".getBytes(StandardCharsets.US_ASCII)
    };
}
