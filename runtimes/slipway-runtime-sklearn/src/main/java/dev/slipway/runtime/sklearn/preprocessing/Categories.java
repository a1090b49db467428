package dev.slipway.runtime.sklearn.preprocessing;

import dev.slipway.runtime.sklearn.estimators.TableRows;
import dev.slipway.runtime.sklearn.pickle.NdArray;
import java.util.HashMap;
import java.util.Map;

/**
 * The known categories of one feature ({@code categories_[i]}) and the lookup of a cell in them, with
 * Python's equality: numeric categories match cells numerically (text cells are parsed, so {@code "2"}
 * and {@code 2.0} are category 2); text categories match text cells exactly; NaN matches a NaN category;
 * a {@code None} category matches a missing cell (or the text {@code None}, the form a JSON null takes
 * among strings). Immutable.
 */
final class Categories {

    private final boolean numeric;
    private final double[] numbers;
    private final Map<Object, Integer> index;
    private final int nanIndex;
    private final int noneIndex;
    private final int size;
    private final Object[] items;

    private Categories(
            boolean numeric,
            double[] numbers,
            Map<Object, Integer> index,
            int nanIndex,
            int noneIndex,
            Object[] items) {
        this.numeric = numeric;
        this.numbers = numbers;
        this.index = index;
        this.nanIndex = nanIndex;
        this.noneIndex = noneIndex;
        this.size = items.length;
        this.items = items;
    }

    static Categories of(NdArray a) {
        char k = a.dtype().kind();
        Object[] items = a.toObjects();
        Map<Object, Integer> index = new HashMap<>();
        int nan = -1;
        int none = -1;
        boolean numeric = k == 'i' || k == 'u' || k == 'f' || k == 'b';
        boolean allNumbers = true;
        double[] numbers = new double[items.length];
        for (int i = 0; i < items.length; i++) {
            Object o = items[i];
            if (o == null) {
                none = none < 0 ? i : none;
                allNumbers = false;
            } else if (o instanceof Boolean b) {
                numbers[i] = b ? 1 : 0;
            } else if (o instanceof Number n) {
                numbers[i] = n.doubleValue();
                if (Double.isNaN(numbers[i])) {
                    nan = nan < 0 ? i : nan;
                }
            } else {
                allNumbers = false;
                index.putIfAbsent(o, i);
            }
        }
        return new Categories(numeric || allNumbers, numbers, index, nan, none, items);
    }

    int size() {
        return size;
    }

    /** The category at index {@code i}. */
    Object item(int i) {
        return items[i];
    }

    /** The index of the cell's category, or -1 when it is unknown. */
    int indexOf(Object cell) {
        if (cell == null) {
            return noneIndex >= 0 ? noneIndex : nanIndex;
        }
        if (cell instanceof String s && !numeric) {
            Integer i = index.get(s);
            if (i != null) {
                return i;
            }
            if (s.equals("None") && noneIndex >= 0) {
                return noneIndex;
            }
            if (!TableRows.isNanText(s)) {
                return -1;
            }
        }
        double v = TableRows.parse(cell);
        if (Double.isNaN(v)) {
            return cell instanceof String s && !TableRows.isNanText(s) ? -1 : nanIndex;
        }
        for (int i = 0; i < numbers.length; i++) {
            if (numbers[i] == v && (numeric || items[i] instanceof Number || items[i] instanceof Boolean)) {
                return i;
            }
        }
        return -1;
    }
}
