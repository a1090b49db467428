package dev.slipway.runtime.sklearn;

import dev.slipway.model.DataType;
import dev.slipway.model.ModelException;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.runtime.sklearn.estimators.DenseRows;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.estimators.TableRows;
import dev.slipway.runtime.sklearn.estimators.TextRows;
import java.util.Arrays;
import java.util.List;

/** Turns a request payload into the rows a model reads, with errors that say expected versus actual. */
final class InputRows {

    private InputRows() {}

    static Rows of(Payload payload, boolean text, int features) {
        return of(payload, text, false, features, List.of());
    }

    /**
     * The rows of a request. {@code table}: a model whose first step reads columns of mixed cells, so text
     * rows become a {@link TableRows}. {@code fitNames}: the model's {@code feature_names_in_}; when the
     * request names its columns ({@code data.names}) they are put in that order.
     */
    static Rows of(Payload payload, boolean text, boolean table, int features, List<String> fitNames) {
        if (payload.kind() == Payload.Kind.STRING && text) {
            return new TextRows(new String[] {payload.string()});
        }
        if (payload.kind() != Payload.Kind.TENSORS) {
            throw new ModelException.InvalidInput(
                    "expected " + expectation(text, features) + " but the request holds " + payload.describe());
        }
        Tensor t = payload.tensor();
        boolean isText = t.type() == DataType.STRING || t.type() == DataType.BYTES;
        long[] shape = t.shape();
        if (text) {
            if (!isText) {
                throw new ModelException.InvalidInput(
                        "expected " + expectation(true, features) + " but got numbers " + t.describeType());
            }
            if (shape.length > 2 || (shape.length == 2 && shape[1] != 1)) {
                throw new ModelException.InvalidInput(
                        "expected " + expectation(true, features) + " but got text of shape " + Arrays.toString(shape));
            }
            return new TextRows(t.toStrings().clone());
        }
        if (isText && !table) {
            throw new ModelException.InvalidInput(
                    "expected " + expectation(false, features) + " but got text " + t.describeType());
        }
        if (shape.length != 2) {
            throw new ModelException.InvalidInput("expected " + expectation(false, features) + " but got a "
                    + shape.length + "-D array " + t.describeType() + " (send a list of rows, e.g. [[...]])");
        }
        int n = (int) shape[0];
        int w = (int) shape[1];
        int[] order = order(payload.names(), fitNames, w);
        int width = order == null ? w : order.length;
        if (features >= 0 && width != features) {
            throw new ModelException.InvalidInput(
                    "expected " + features + " features per row but got " + width + " (" + t.describeType() + ")");
        }
        if (isText) {
            String[] s = t.toStrings();
            Object[] cells = new Object[n * width];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < width; j++) {
                    cells[i * width + j] = s[i * w + (order == null ? j : order[j])];
                }
            }
            return new TableRows(n, width, cells);
        }
        double[] v = t.type() == DataType.FP64 ? t.doubles() : t.toDoubles();
        double[] out = new double[n * width];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < width; j++) {
                out[i * width + j] = v[i * w + (order == null ? j : order[j])];
            }
        }
        return new DenseRows(n, width, out);
    }

    /** For each fitted feature name, its column in the request; null when the request or model has no names. */
    private static int[] order(List<String> names, List<String> fitNames, int width) {
        if (names == null || names.isEmpty() || fitNames.isEmpty()) {
            return null;
        }
        if (names.size() != width) {
            throw new ModelException.InvalidInput(
                    "the request names " + names.size() + " columns (data.names) but its rows have " + width);
        }
        int[] order = new int[fitNames.size()];
        for (int j = 0; j < order.length; j++) {
            order[j] = names.indexOf(fitNames.get(j));
            if (order[j] < 0) {
                throw new ModelException.InvalidInput("column '" + fitNames.get(j)
                        + "', seen in fit, is missing from the" + " request's names " + names);
            }
        }
        return order;
    }

    private static String expectation(boolean text, int features) {
        return text
                ? "text documents (a list of strings, or [[text]] rows)"
                : "numeric rows [n, " + (features >= 0 ? features : "n_features") + "]";
    }
}
