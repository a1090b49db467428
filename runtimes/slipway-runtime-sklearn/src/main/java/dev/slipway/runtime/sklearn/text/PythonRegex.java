package dev.slipway.runtime.sklearn.text;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Translates a Python {@code re} pattern (as a vectorizer's {@code token_pattern}) to a Java pattern with
 * Python's Unicode semantics: {@code \w}, {@code \W}, {@code \b}, {@code \B}, {@code \d}, {@code \s} by
 * Python's character rules, {@code (?P<name>…)} groups, inline flags, and characters that Java would read
 * as syntax inside classes escaped.
 */
public final class PythonRegex {

    private static final String WORD = "\\p{L}\\p{N}_";
    private static final String SPACE =
            "\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}";
    private static final String BOUNDARY =
            "(?:(?<=[" + WORD + "])(?![" + WORD + "])|(?<![" + WORD + "])(?=[" + WORD + "]))";
    private static final String NON_BOUNDARY =
            "(?:(?<=[" + WORD + "])(?=[" + WORD + "])|(?<![" + WORD + "])(?![" + WORD + "]))";

    private PythonRegex() {}

    /**
     * The Java pattern equivalent to this Python pattern.
     *
     * @throws IllegalArgumentException naming the pattern when it uses a feature this translation lacks
     */
    public static Pattern compile(String python) {
        StringBuilder out = new StringBuilder();
        boolean inClass = false;
        int flags = 0;
        int i = 0;
        int n = python.length();
        while (i < n) {
            char c = python.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char e = python.charAt(i + 1);
                i += 2;
                switch (e) {
                    case 'w' -> out.append(inClass ? WORD : "[" + WORD + "]");
                    case 'W' -> out.append("[^" + WORD + "]");
                    case 'd' -> out.append("\\p{Nd}");
                    case 'D' -> out.append("\\P{Nd}");
                    case 's' -> out.append(inClass ? SPACE : "[" + SPACE + "]");
                    case 'S' -> out.append("[^" + SPACE + "]");
                    case 'b' -> out.append(inClass ? "\\x08" : BOUNDARY);
                    case 'B' -> out.append(NON_BOUNDARY);
                    case 'Z' -> out.append("\\z");
                    case 'U' -> {
                        if (i + 8 > n) {
                            throw bad(python, "truncated \\U escape");
                        }
                        out.append("\\x{").append(python, i, i + 8).append('}');
                        i += 8;
                    }
                    default -> out.append('\\').append(e);
                }
                continue;
            }
            if (inClass) {
                if (c == ']' && !(out.charAt(out.length() - 1) == '[' || endsWith(out, "[^"))) {
                    inClass = false;
                    out.append(c);
                } else if (c == '[' || c == '&') {
                    out.append('\\').append(c);
                } else {
                    out.append(c);
                }
                i++;
                continue;
            }
            if (c == '[') {
                inClass = true;
                out.append(c);
                i++;
                if (i < n && python.charAt(i) == '^') {
                    out.append('^');
                    i++;
                }
                if (i < n && python.charAt(i) == ']') {
                    out.append("\\]");
                    i++;
                }
                continue;
            }
            if (c == '(' && python.startsWith("(?P<", i)) {
                out.append("(?<");
                i += 4;
                continue;
            }
            if (c == '(' && python.startsWith("(?P=", i)) {
                int end = python.indexOf(')', i);
                if (end < 0) {
                    throw bad(python, "unterminated (?P=");
                }
                out.append("\\k<").append(python, i + 4, end).append('>');
                i = end + 1;
                continue;
            }
            if (c == '(' && i + 2 < n && python.charAt(i + 1) == '?' && Character.isLetter(python.charAt(i + 2))) {
                int end = python.indexOf(')', i);
                int colon = python.indexOf(':', i);
                boolean scoped = colon >= 0 && colon < end;
                String f = python.substring(i + 2, scoped ? colon : end);
                if (f.chars().allMatch(ch -> "aiLmsux-".indexOf(ch) >= 0)) {
                    if (f.contains("a") || f.contains("L")) {
                        throw bad(python, "the ASCII and LOCALE flags are not supported");
                    }
                    String j = f.replace("u", "");
                    if (!scoped) {
                        flags |= (j.contains("i") ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)
                                | (j.contains("m") ? Pattern.MULTILINE : 0)
                                | (j.contains("s") ? Pattern.DOTALL : 0)
                                | (j.contains("x") ? Pattern.COMMENTS : 0);
                        i = end + 1;
                        continue;
                    }
                    out.append("(?")
                            .append(j.contains("i") ? j.replace("i", "iu") : j)
                            .append(':');
                    i = colon + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        try {
            return Pattern.compile(out.toString(), flags);
        } catch (PatternSyntaxException e) {
            throw bad(python, e.getDescription());
        }
    }

    private static boolean endsWith(StringBuilder sb, String s) {
        return sb.length() >= s.length()
                && sb.substring(sb.length() - s.length()).equals(s);
    }

    private static IllegalArgumentException bad(String pattern, String why) {
        return new IllegalArgumentException("token_pattern '" + pattern + "' cannot be used: " + why);
    }
}
