package dev.slipway.pipeline.log;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secret values with {@code ****} in text. Each secret is masked as written and in the forms a
 * step is likely to print it: base64 (standard and URL-safe alphabets, with and without padding), the
 * part of its base64 that is fixed whatever surrounds it, at each of the three byte alignments it can have
 * inside a longer base64 string, its URL encodings ({@code +} and {@code %20} for spaces) and its
 * JSON-escaped form (also with {@code /} written {@code \/}), its URL encoding that keeps {@code /} (Python's
 * {@code quote(v)}), and, for a value of several lines (a PEM key from {@code --from-file}), the whole value
 * with either line ending and every line on its own (a step printing it through {@code sed}, {@code grep} or a
 * log prefix splits it). The longest form is replaced first.
 *
 * <p>What no masker catches: a secret printed in an encoding it does not know (hex, gzip, encryption,
 * one character per line, reversed). Masking protects against accidents, not against a step that wants to
 * leak: keep credentials away from pipelines that should not have them (credential scopes).
 *
 * <p>Derived forms shorter than {@value #MIN_DERIVED} characters are not masked (they would match
 * unrelated text); the value itself always is.
 */
public final class SecretMasker {

    public static final String MASK = "****";

    /** The shortest derived form (encoding) that is masked. */
    static final int MIN_DERIVED = 6;

    private static final SecretMasker NONE = new SecretMasker(List.of());

    private final List<String> forms;
    private final Pattern pattern;
    private final int longest;

    private SecretMasker(List<String> forms) {
        this.forms = forms;
        this.longest = forms.stream().mapToInt(String::length).max().orElse(0);
        this.pattern = forms.isEmpty()
                ? null
                : Pattern.compile(
                        String.join("|", forms.stream().map(Pattern::quote).toList()));
    }

    /** A masker that changes nothing. */
    public static SecretMasker none() {
        return NONE;
    }

    /** A masker for these secret values (empty values are ignored). */
    public static SecretMasker of(Collection<String> secrets) {
        Set<String> all = new LinkedHashSet<>();
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                all.add(s);
                for (String one : wholeAndLines(s)) {
                    if (!one.equals(s) && one.length() >= MIN_DERIVED) {
                        all.add(one);
                    }
                    for (String f : derived(one)) {
                        if (f.length() >= MIN_DERIVED) {
                            all.add(f);
                        }
                    }
                }
            }
        }
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        return new SecretMasker(List.copyOf(sorted));
    }

    /** A value, the value with the other line ending, and each of its lines (blank ones left out). */
    static List<String> wholeAndLines(String secret) {
        List<String> out = new ArrayList<>();
        out.add(secret);
        if (secret.indexOf('\n') < 0 && secret.indexOf('\r') < 0) {
            return out;
        }
        String lf = secret.replace("\r\n", "\n");
        out.add(lf);
        out.add(lf.replace("\n", "\r\n"));
        for (String line : lf.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Every form of one secret that is masked besides the value itself. */
    static List<String> derived(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (Base64.Encoder enc : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            String padded = enc.encodeToString(bytes);
            out.add(padded);
            out.add(padded.replace("=", ""));
            for (int offset = 0; offset < 3; offset++) {
                out.add(aligned(enc, bytes, offset));
            }
        }
        out.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        out.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
        String url = URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20");
        out.add(url.replace("%2F", "/"));
        String json = new String(JsonStringEncoder.getInstance().quoteAsString(secret));
        out.add(json);
        out.add(json.replace("/", "\\/"));
        out.removeIf(f -> f.isEmpty() || f.equals(secret));
        return out;
    }

    /**
     * The base64 characters that encode only the secret's bits when it starts {@code offset} bytes into a
     * 3-byte group: whatever bytes come before or after it in a longer string, these characters appear.
     */
    static String aligned(Base64.Encoder enc, byte[] secret, int offset) {
        byte[] padded = new byte[offset + secret.length];
        System.arraycopy(secret, 0, padded, offset, secret.length);
        String b64 = enc.withoutPadding().encodeToString(padded);
        int startBit = offset * 8;
        int endBit = (offset + secret.length) * 8;
        int first = (startBit + 5) / 6; // first character whose 6 bits all lie inside the secret
        int last = endBit / 6; // exclusive: characters [first, last) lie fully inside
        return first >= last ? "" : b64.substring(first, Math.min(last, b64.length()));
    }

    /** The text with every form of every secret replaced by {@value #MASK}. */
    public String mask(String text) {
        if (pattern == null || text.isEmpty()) {
            return text;
        }
        Matcher m = pattern.matcher(text);
        return m.find() ? m.replaceAll(MASK) : text;
    }

    /** The first match of any form in {@code text} that starts before {@code end} and ends after it, as its start; or -1. */
    int spanningStart(CharSequence text, int end) {
        if (pattern == null) {
            return -1;
        }
        int from = Math.max(0, end - longest + 1);
        Matcher m = pattern.matcher(text);
        m.region(from, text.length());
        while (m.find()) {
            if (m.start() >= end) {
                return -1;
            }
            if (m.end() > end) {
                return m.start();
            }
        }
        return -1;
    }

    /** The length of the longest masked form (0 when there are no secrets). */
    public int longest() {
        return longest;
    }

    public boolean isEmpty() {
        return forms.isEmpty();
    }
}
