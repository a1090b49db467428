package dev.slipway.runtime.sklearn.pickle;

import java.math.BigInteger;

/** Parsing of the text arguments of protocol 0 opcodes (INT, LONG, FLOAT, STRING, UNICODE). */
final class TextOpcodes {

    static final int MAX_DIGITS = 5000;

    private TextOpcodes() {}

    /** INT: a decimal, or {@code 00}/{@code 01} for False/True. */
    static Object parseInt(String s) {
        if ("00".equals(s)) {
            return Boolean.FALSE;
        }
        if ("01".equals(s)) {
            return Boolean.TRUE;
        }
        return parseLong(s);
    }

    /** LONG: a decimal with an optional trailing {@code L}. */
    static Object parseLong(String text) {
        String s = text.endsWith("L") ? text.substring(0, text.length() - 1) : text;
        if (s.length() > MAX_DIGITS) {
            throw new PickleException("integer literal of " + s.length() + " digits is too long");
        }
        try {
            BigInteger v = new BigInteger(s.trim());
            return v.bitLength() < 64 ? (Object) v.longValue() : v;
        } catch (NumberFormatException e) {
            throw new PickleException("malformed integer literal '" + PyObjects.describe(s) + "'");
        }
    }

    static Double parseFloat(String s) {
        String t = s.trim();
        switch (t) {
            case "nan":
                return Double.NaN;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.valueOf(t);
                } catch (NumberFormatException e) {
                    throw new PickleException("malformed float literal '" + PyObjects.describe(t) + "'");
                }
        }
    }

    /** STRING: a quoted Python 2 str literal with backslash escapes, returned as latin-1 text. */
    static String parseQuoted(String s) {
        if (s.length() < 2 || (s.charAt(0) != '\'' && s.charAt(0) != '"') || s.charAt(s.length() - 1) != s.charAt(0)) {
            throw new PickleException("STRING argument is not a quoted string: " + PyObjects.describe(s));
        }
        String body = s.substring(1, s.length() - 1);
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 == body.length()) {
                out.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case '\\', '\'', '"' -> out.append(e);
                case 'x' -> {
                    out.append((char) hex(body, i + 1, 2));
                    i += 2;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = 0;
                        int j = i;
                        while (j < body.length() && j < i + 3 && body.charAt(j) >= '0' && body.charAt(j) <= '7') {
                            v = v * 8 + body.charAt(j++) - '0';
                        }
                        out.append((char) (v & 0xFF));
                        i = j - 1;
                    } else {
                        out.append('\\').append(e);
                    }
                }
            }
        }
        return out.toString();
    }

    /** UNICODE: raw-unicode-escape ({@code \\uXXXX}, {@code \\UXXXXXXXX}, other bytes as latin-1). */
    static String parseRawUnicode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')) {
                int n = s.charAt(i + 1) == 'u' ? 4 : 8;
                int cp = hex(s, i + 2, n);
                if (!Character.isValidCodePoint(cp)) {
                    throw new PickleException("invalid code point in UNICODE literal");
                }
                out.appendCodePoint(cp);
                i += 1 + n;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int hex(String s, int at, int n) {
        if (at + n > s.length()) {
            throw new PickleException("truncated escape in string literal");
        }
        try {
            return (int) Long.parseLong(s.substring(at, at + n), 16);
        } catch (NumberFormatException e) {
            throw new PickleException("malformed escape in string literal");
        }
    }
}
