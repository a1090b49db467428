package dev.slipway.cli.command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one table formatter of the CLI: a header and rows of cells, each column as wide as its widest cell (values are
 * never cut, however long), two spaces between columns, the last one unpadded. Columns marked {@link #wide} show only
 * with {@code -o wide}; an empty cell prints as {@code -}.
 */
final class Table {

    static final String GAP = "  ";

    private final List<String> headers;
    private final Set<Integer> wideOnly = new HashSet<>();
    private final List<List<String>> rows = new ArrayList<>();
    private String indent = "";

    private Table(List<String> headers) {
        this.headers = headers;
    }

    /** A table with these column headers. */
    static Table of(String... headers) {
        return new Table(List.of(headers));
    }

    /** Marks columns (by header) shown only with {@code -o wide}. */
    Table wide(String... columns) {
        for (final String c : columns) {
            final int i = headers.indexOf(c);
            if (i < 0) {
                throw new IllegalArgumentException("no column " + c + " in " + headers);
            }
            wideOnly.add(i);
        }
        return this;
    }

    /** Prefixes every line (e.g. two spaces under a heading). */
    Table indent(String prefix) {
        this.indent = prefix;
        return this;
    }

    /** Adds a row; {@code null} or empty cells print as {@code -}; cells beyond the headers are an error. */
    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns " + headers);
        }
        rows.add(Arrays.stream(cells).map(Table::cell).toList());
        return this;
    }

    int size() {
        return rows.size();
    }

    /** Prints the table without its wide-only columns. */
    void print(PrintWriter out) {
        print(out, false);
    }

    /** Prints the table, with its wide-only columns when {@code wide}. */
    void print(PrintWriter out, boolean wide) {
        final List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            if (wide || !wideOnly.contains(i)) {
                shown.add(i);
            }
        }
        final int[] width = new int[headers.size()];
        for (final int i : shown) {
            width[i] = headers.get(i).length();
            for (final List<String> row : rows) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        line(out, headers, shown, width);
        rows.forEach(r -> line(out, r, shown, width));
        out.flush();
    }

    private void line(PrintWriter out, List<String> cells, List<Integer> shown, int[] width) {
        final StringBuilder b = new StringBuilder(indent);
        for (int k = 0; k < shown.size(); k++) {
            final int i = shown.get(k);
            final String c = cells.get(i);
            b.append(c);
            if (k < shown.size() - 1) {
                b.append(" ".repeat(width[i] - c.length())).append(GAP);
            }
        }
        out.println(b.toString().stripTrailing());
    }

    private static String cell(Object value) {
        if (value == null) {
            return "-";
        }
        final String s = value.toString().replace('\n', ' ').replace('\t', ' ');
        return s.isEmpty() ? "-" : s;
    }
}
