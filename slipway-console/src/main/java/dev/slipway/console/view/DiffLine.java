package dev.slipway.console.view;

import java.util.List;

/**
 * One line of a unified diff, split into spans the stylesheet colours.
 *
 * @param kind {@code file} (a {@code diff}/{@code ---}/{@code +++} header), {@code hunk}, {@code add}, {@code del}
 *     or {@code ctx}
 */
public record DiffLine(String kind, List<Span> spans) {

    /** A piece of a line: {@code cls} is a CSS class ({@code k} key, {@code s} string, {@code c} comment, …) or empty. */
    public record Span(String cls, String text) {}

    public DiffLine {
        spans = List.copyOf(spans);
    }
}
