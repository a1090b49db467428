package dev.slipway.console;

import dev.slipway.console.view.DiffLine;
import dev.slipway.console.view.DiffLine.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unified diff as lines with YAML highlighting: the marker, then a key, the text after it (a string, a number or
 * a comment). The spans carry text only; the template escapes it.
 */
final class Diffs {

    private static final Pattern KEY = Pattern.compile("^(\\s*(?:- )?)([A-Za-z0-9_./-]+)(:)(\\s.*|)$");
    private static final Pattern NUMBER = Pattern.compile("\\s*-?\\d+(\\.\\d+)?\\s*");

    private Diffs() {}

    static List<DiffLine> lines(String diff) {
        final List<DiffLine> out = new ArrayList<>();
        if (diff == null || diff.isEmpty()) {
            return out;
        }
        for (final String line : diff.split("\n", -1)) {
            if (line.startsWith("diff ")
                    || line.startsWith("--- ")
                    || line.startsWith("+++ ")
                    || line.startsWith("index ")
                    || line.startsWith("new file")
                    || line.startsWith("deleted file")) {
                out.add(new DiffLine("file", List.of(new Span("", line))));
            } else if (line.startsWith("@@")) {
                out.add(new DiffLine("hunk", List.of(new Span("", line))));
            } else if (line.startsWith("+")) {
                out.add(new DiffLine("add", yaml("+", line.substring(1))));
            } else if (line.startsWith("-")) {
                out.add(new DiffLine("del", yaml("-", line.substring(1))));
            } else if (!line.isEmpty()
                    || out.isEmpty()
                    || !out.get(out.size() - 1).kind().equals("ctx")) {
                out.add(new DiffLine(
                        "ctx",
                        yaml(line.isEmpty() ? " " : line.substring(0, 1), line.isEmpty() ? "" : line.substring(1))));
            }
        }
        while (!out.isEmpty()
                && out.get(out.size() - 1).spans().stream()
                        .allMatch(s -> s.text().isBlank())) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** One YAML line split into marker, indentation, key, colon and value spans. */
    static List<Span> yaml(String marker, String text) {
        final List<Span> spans = new ArrayList<>();
        spans.add(new Span("m", marker));
        final String trimmed = text.stripLeading();
        if (trimmed.startsWith("#")) {
            spans.add(new Span("c", text));
            return spans;
        }
        final Matcher m = KEY.matcher(text);
        if (m.matches()) {
            spans.add(new Span("", m.group(1)));
            spans.add(new Span("k", m.group(2)));
            spans.add(new Span("", m.group(3)));
            value(spans, m.group(4));
        } else {
            value(spans, text);
        }
        return spans;
    }

    private static void value(List<Span> spans, String value) {
        if (value.isEmpty()) {
            return;
        }
        final String v = value.strip();
        if (v.startsWith("#")) {
            spans.add(new Span("c", value));
        } else if (NUMBER.matcher(value).matches() || v.equals("true") || v.equals("false") || v.equals("null")) {
            spans.add(new Span("n", value));
        } else {
            spans.add(new Span("s", value));
        }
    }
}
