package dev.slipway.runtime.sklearn.estimators;

import dev.slipway.model.ModelException;
import java.util.regex.Pattern;

/**
 * Rows of mixed cells — numbers ({@link Double}), text ({@link String}) or missing ({@code null}) — as
 * a pandas frame or numpy object array reaches column-wise transformers (encoders, imputers,
 * {@code ColumnTransformer}). Numeric estimators read them through {@link #requireNumeric}, which parses
 * text the way Python's {@code float()} does ({@code None} becoming NaN).
 *
 * @param count the number of rows
 * @param width the number of columns
 * @param cells {@code count * width} cells, row after row (owned; never modified)
 */
public record TableRows(int count, int width, Object[] cells) implements Rows {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    public TableRows {
        if ((long) count * width != cells.length) {
            throw new IllegalArgumentException(count + " x " + width + " rows need " + (long) count * width + " cells");
        }
    }

    /** The cell at row {@code i}, column {@code j}. */
    public Object get(int i, int j) {
        return cells[i * width + j];
    }

    /** True when some cell is text that is not a number. */
    public boolean hasText() {
        for (Object c : cells) {
            if (c instanceof String s && Double.isNaN(parse(s)) && !isNanText(s)) {
                return true;
            }
        }
        return false;
    }

    /** A cell as float64: numbers as they are, None as NaN, text parsed as Python's float() does, else NaN. */
    public static double parse(Object cell) {
        if (cell == null) {
            return Double.NaN;
        }
        if (cell instanceof Double d) {
            return d;
        }
        if (cell instanceof Number n) {
            return n.doubleValue();
        }
        String s = cell.toString().strip().replace("_", "");
        String l = s.toLowerCase(java.util.Locale.ROOT);
        String unsigned = l.startsWith("+") || l.startsWith("-") ? l.substring(1) : l;
        double sign = l.startsWith("-") ? -1 : 1;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (NUMBER.matcher(s).matches()) {
            return Double.parseDouble(s);
        }
        return Double.NaN;
    }

    /** Whether text stands for a missing number ({@code nan}, {@code None}). */
    public static boolean isNanText(String s) {
        String l = s.strip().toLowerCase(java.util.Locale.ROOT);
        return l.equals("nan") || l.equals("+nan") || l.equals("-nan") || l.equals("none");
    }

    /** These cells as numbers; text that is not a number is an {@link ModelException.InvalidInput} naming {@code who}. */
    public DenseRows toNumbers(String who) {
        double[] out = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            Object c = cells[i];
            double v = parse(c);
            if (Double.isNaN(v) && c instanceof String s && !isNanText(s)) {
                throw new ModelException.InvalidInput(who + " expects numbers but column " + (i % width) + " of row "
                        + (i / width) + " holds '" + s + "'");
            }
            out[i] = v;
        }
        return new DenseRows(count, width, out);
    }

    /** Dense or sparse numeric rows as cells. */
    public static TableRows of(Rows rows) {
        if (rows instanceof TableRows t) {
            return t;
        }
        if (rows instanceof TextRows t) {
            return new TableRows(t.count(), 1, t.documents().clone());
        }
        DenseRows d = rows instanceof DenseRows dr ? dr : ((SparseRows) rows).densify();
        Object[] cells = new Object[d.values().length];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = d.values()[i];
        }
        return new TableRows(d.count(), d.width(), cells);
    }

    @Override
    public String describe() {
        return "table [" + count + ", " + width + "]";
    }
}
