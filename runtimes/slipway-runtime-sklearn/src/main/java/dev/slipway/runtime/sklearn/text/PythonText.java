package dev.slipway.runtime.sklearn.text;

import java.text.Normalizer;
import java.util.BitSet;

/**
 * Python's notions of text, as scikit-learn's vectorizers rely on them: {@code \w} of the {@code re}
 * module (str.isalnum() or underscore: Unicode letters L*, numbers Nd/Nl/No), {@code str.isspace()},
 * {@code str.lower()}, and accent stripping ({@code strip_accents_unicode}: NFKD, then drop characters
 * whose canonical combining class is not 0; {@code strip_accents_ascii}: NFKD, then drop non-ASCII).
 */
public final class PythonText {

    private static final BitSet COMBINING = combiningMarks();

    private PythonText() {}

    /** Whether Python's {@code re} treats the code point as a word character ({@code \w}). */
    public static boolean isWordChar(int cp) {
        if (cp < 128) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER,
                    Character.LOWERCASE_LETTER,
                    Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER,
                    Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER,
                    Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    /** Whether Python's {@code str.isspace()} is true for the code point. */
    public static boolean isSpace(int cp) {
        return switch (cp) {
            case '\t',
                    '\n',
                    0x0b,
                    0x0c,
                    '\r',
                    0x1c,
                    0x1d,
                    0x1e,
                    0x1f,
                    ' ',
                    0x85,
                    0xa0,
                    0x1680,
                    0x2028,
                    0x2029,
                    0x202f,
                    0x205f,
                    0x3000 -> true;
            default -> cp >= 0x2000 && cp <= 0x200a;
        };
    }

    /** Python's {@code str.lower()} (full Unicode lower-casing, locale-independent). */
    public static String lower(String s) {
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the code point has a non-zero canonical combining class ({@code unicodedata.combining}). */
    public static boolean isCombining(int cp) {
        return cp < COMBINING.size() && COMBINING.get(cp);
    }

    /** scikit-learn's {@code strip_accents_unicode}. */
    public static String stripAccentsUnicode(String s) {
        if (isAscii(s)) {
            return s;
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(n.length());
        n.codePoints().filter(cp -> !isCombining(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** scikit-learn's {@code strip_accents_ascii}. */
    public static String stripAccentsAscii(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c < 128) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /**
     * Marks with a non-zero canonical combining class. Java does not expose the class, so it is observed
     * through canonical reordering: NFD puts a mark with class 1..239 before U+0345 (class 240).
     */
    private static BitSet combiningMarks() {
        BitSet b = new BitSet(0x20000);
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            int t = Character.getType(cp);
            if (t != Character.NON_SPACING_MARK
                    && t != Character.COMBINING_SPACING_MARK
                    && t != Character.ENCLOSING_MARK) {
                continue;
            }
            if (cp == 0x0345) {
                b.set(cp);
                continue;
            }
            String mark = new String(Character.toChars(cp));
            String decomposed = Normalizer.normalize(mark, Normalizer.Form.NFD);
            String probe = Normalizer.normalize("\u0345" + mark, Normalizer.Form.NFD);
            if (!probe.startsWith("\u0345")) {
                b.set(cp);
            } else if (!decomposed.equals(mark)) {
                int first = decomposed.codePointAt(0);
                if (!Normalizer.normalize("\u0345" + new String(Character.toChars(first)), Normalizer.Form.NFD)
                        .startsWith("\u0345")) {
                    b.set(cp);
                }
            }
        }
        return b;
    }
}
