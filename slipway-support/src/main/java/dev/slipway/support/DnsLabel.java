package dev.slipway.support;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one rule for names that become folders, files, URL segments and Kubernetes objects (namespaces,
 * deployment names, environment namespaces): an RFC 1123 DNS label — lower-case letters, digits and
 * {@code -}, starting and ending with a letter or digit, at most 63 characters. Checked wherever a name
 * enters (URL, manifest, flag) and again where a path is built from it, so {@code ..}, {@code a/b},
 * {@code Ab} or {@code -a} never reach the file system.
 */
public final class DnsLabel {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private DnsLabel() {}

    /** True when {@code text} is a DNS label. */
    public static boolean valid(@Nullable String text) {
        return text != null && LABEL.matcher(text).matches();
    }

    /** Why {@code text} is not a DNS label (naming {@code what}), or null when it is one. */
    public static @Nullable String problem(String what, @Nullable String text) {
        if (valid(text)) {
            return null;
        }
        return what + " '" + (text == null ? "" : printable(text))
                + "' is not a DNS label (lower-case letters, digits and '-',"
                + " starting and ending with a letter or digit, at most 63 characters)";
    }

    /**
     * Returns {@code text} when it is a DNS label.
     *
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    public static String require(String what, @Nullable String text) {
        String p = problem(what, text);
        if (p != null || text == null) {
            throw new IllegalArgumentException(p);
        }
        return text;
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        StringBuilder b = new StringBuilder();
        cut.codePoints().forEach(c -> b.append(c < 0x20 || c == 0x7f ? "?" : Character.toString(c)));
        return b.toString();
    }
}
