package dev.slipway.runtime.sklearn.text;

import dev.slipway.model.ModelException;
import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.pickle.PySet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A vectorizer's {@code build_analyzer()}: preprocess (lower-case, then strip accents), then word tokens
 * (stop words removed, then n-grams joined by one space) or character n-grams ({@code char}: after
 * collapsing runs of 2+ whitespace to one space; {@code char_wb}: per whitespace-separated word padded
 * with spaces). Immutable.
 */
record Analyzer(
        Analyzer.Kind kind,
        boolean lowercase,
        @Nullable String stripAccents,
        Pattern pattern,
        int minRun,
        Set<String> stopWords,
        int minN,
        int maxN) {

    private static final String DEFAULT_PATTERN = "(?u)\\b\\w\\w+\\b";
    private static final Set<String> ENGLISH = loadEnglish();

    enum Kind {
        WORD,
        CHAR,
        CHAR_WB
    }

    /** The analyzer a fitted vectorizer's parameters describe. */
    static Analyzer of(Attributes a) {
        for (String callable : List.of("preprocessor", "tokenizer")) {
            if (a.present(callable)) {
                throw a.unsupported(callable, a.get(callable));
            }
        }
        String input = a.string("input", "content");
        if (!"content".equals(input)) {
            throw new ModelException.LoadFailure(a.className() + " with input='" + input
                    + "' would read files named in requests; only input='content' is" + " served");
        }
        Object an = a.getOrNull("analyzer");
        Kind kind = switch (an == null ? "word" : an instanceof String s ? s : "") {
            case "word" -> Kind.WORD;
            case "char" -> Kind.CHAR;
            case "char_wb" -> Kind.CHAR_WB;
            default -> throw a.unsupported("analyzer", an);
        };
        Object sa = a.getOrNull("strip_accents");
        if (sa != null && !"ascii".equals(sa) && !"unicode".equals(sa)) {
            throw a.unsupported("strip_accents", sa);
        }
        List<Object> range = a.has("ngram_range") ? a.list("ngram_range") : List.of(1L, 1L);
        int minN = (int) dev.slipway.runtime.sklearn.pickle.PyObjects.toLong(range.get(0), "ngram_range");
        int maxN = (int) dev.slipway.runtime.sklearn.pickle.PyObjects.toLong(range.get(1), "ngram_range");
        if (minN < 1 || maxN < minN || maxN > 64) {
            throw a.unsupported("ngram_range", a.get("ngram_range"));
        }
        Pattern pattern = null;
        int minRun = 0;
        Set<String> stop = null;
        if (kind == Kind.WORD) {
            String tp = a.string("token_pattern", DEFAULT_PATTERN);
            if (DEFAULT_PATTERN.equals(tp) || "\\b\\w\\w+\\b".equals(tp)) {
                minRun = 2;
            } else if ("(?u)\\b\\w+\\b".equals(tp) || "\\b\\w+\\b".equals(tp)) {
                minRun = 1;
            } else {
                try {
                    pattern = PythonRegex.compile(tp);
                } catch (IllegalArgumentException e) {
                    throw new ModelException.LoadFailure(a.className() + ": " + e.getMessage());
                }
                if (pattern.matcher("").groupCount() > 1) {
                    throw a.unsupported("token_pattern", tp + " (more than one capturing group)");
                }
            }
            stop = stopWords(a);
        }
        return new Analyzer(kind, a.bool("lowercase", true), (String) sa, pattern, minRun, stop, minN, maxN);
    }

    private static Set<String> stopWords(Attributes a) {
        Object sw = a.getOrNull("stop_words");
        if (sw == null) {
            return null;
        }
        if ("english".equals(sw)) {
            return ENGLISH;
        }
        if (sw instanceof String) {
            throw a.unsupported("stop_words", sw);
        }
        Collection<?> c = sw instanceof PySet s ? s : a.list("stop_words");
        Set<String> out = new HashSet<>();
        for (Object o : c) {
            out.add(String.valueOf(o));
        }
        return Set.copyOf(out);
    }

    private static Set<String> loadEnglish() {
        try (InputStream in = Analyzer.class.getResourceAsStream("english_stop_words.txt")) {
            if (in == null) {
                throw new IllegalStateException("english_stop_words.txt is missing from the runtime jar");
            }
            Set<String> out = new HashSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .forEach(out::add);
            return Set.copyOf(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read english_stop_words.txt", e);
        }
    }

    /** Calls {@code sink} with every feature (token or n-gram) of the document, in scikit-learn's order. */
    void analyze(String doc, Consumer<String> sink) {
        String text = doc;
        if (lowercase) {
            text = PythonText.lower(text);
        }
        if ("unicode".equals(stripAccents)) {
            text = PythonText.stripAccentsUnicode(text);
        } else if ("ascii".equals(stripAccents)) {
            text = PythonText.stripAccentsAscii(text);
        }
        switch (kind) {
            case WORD -> wordNgrams(tokens(text), sink);
            case CHAR -> charNgrams(collapseSpaces(text).codePoints().toArray(), sink);
            case CHAR_WB -> charWbNgrams(collapseSpaces(text), sink);
        }
    }

    private List<String> tokens(String text) {
        List<String> out = new java.util.ArrayList<>();
        if (pattern != null) {
            Matcher m = pattern.matcher(text);
            boolean group = m.groupCount() == 1;
            while (m.find()) {
                String t = group ? m.group(1) : m.group();
                out.add(t == null ? "" : t);
            }
        } else {
            int i = 0;
            int n = text.length();
            while (i < n) {
                int cp = text.codePointAt(i);
                if (!PythonText.isWordChar(cp)) {
                    i += Character.charCount(cp);
                    continue;
                }
                int start = i;
                int run = 0;
                while (i < n) {
                    int c = text.codePointAt(i);
                    if (!PythonText.isWordChar(c)) {
                        break;
                    }
                    run++;
                    i += Character.charCount(c);
                }
                if (run >= minRun) {
                    out.add(text.substring(start, i));
                }
            }
        }
        if (stopWords != null) {
            out.removeIf(stopWords::contains);
        }
        return out;
    }

    private void wordNgrams(List<String> tokens, Consumer<String> sink) {
        int n = tokens.size();
        if (minN == 1) {
            tokens.forEach(sink);
        }
        for (int len = Math.max(minN, 2); len <= Math.min(maxN, n); len++) {
            for (int i = 0; i + len <= n; i++) {
                sink.accept(String.join(" ", tokens.subList(i, i + len)));
            }
        }
    }

    /** Python's {@code re.sub(r"\s\s+", " ", text)} with Python's whitespace. */
    static String collapseSpaces(String text) {
        StringBuilder out = null;
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            int w = Character.charCount(cp);
            if (PythonText.isSpace(cp) && i + w < n && PythonText.isSpace(text.codePointAt(i + w))) {
                int j = i;
                while (j < n && PythonText.isSpace(text.codePointAt(j))) {
                    j += Character.charCount(text.codePointAt(j));
                }
                if (out == null) {
                    out = new StringBuilder(n).append(text, 0, i);
                }
                out.append(' ');
                i = j;
                continue;
            }
            if (out != null) {
                out.appendCodePoint(cp);
            }
            i += w;
        }
        return out == null ? text : out.toString();
    }

    private void charNgrams(int[] cps, Consumer<String> sink) {
        int len = cps.length;
        for (int n = minN; n <= Math.min(maxN, len); n++) {
            for (int i = 0; i + n <= len; i++) {
                sink.accept(new String(cps, i, n));
            }
        }
    }

    private void charWbNgrams(String text, Consumer<String> sink) {
        for (String word : splitPython(text)) {
            int[] w = (" " + word + " ").codePoints().toArray();
            for (int n = minN; n <= maxN; n++) {
                int offset = 0;
                sink.accept(new String(w, 0, Math.min(n, w.length)));
                while (offset + n < w.length) {
                    offset++;
                    sink.accept(new String(w, offset, Math.min(n, w.length - offset)));
                }
                if (offset == 0) {
                    break;
                }
            }
        }
    }

    /** Python's {@code str.split()}: runs of whitespace separate, empty parts dropped. */
    static List<String> splitPython(String text) {
        List<String> out = new java.util.ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && PythonText.isSpace(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            int start = i;
            while (i < n && !PythonText.isSpace(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            if (i > start) {
                out.add(text.substring(start, i));
            }
        }
        return out;
    }
}
