package dev.slipway.runtime.mlflow;

import dev.slipway.model.DataType;
import dev.slipway.model.ModelException;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DataFrame-style (column) signatures: a v1 {@code [N, C]} array with {@code data.names} is reordered
 * to the signature's columns by name (extra columns dropped, as MLflow does), without names it must
 * have exactly the signature's column count; v2 requests may send one tensor per column by name.
 */
final class Columns {

    private Columns() {}

    static Payload apply(List<Signature.Column> columns, Payload in) {
        boolean perColumn = in.tensors().size() > 1
                || (in.tensors().size() == 1
                        && columns.size() == 1
                        && in.tensors().containsKey(columns.get(0).name()));
        if (perColumn) {
            return stack(columns, in);
        }
        String key = in.tensors().keySet().iterator().next();
        Tensor t = in.tensor();
        if (t.rank() == 1) {
            t = t.reshape(1, t.dim(0));
        }
        if (t.rank() != 2) {
            throw new ModelException.InvalidInput("the model's signature expects a table [rows, " + columns.size()
                    + "] of columns " + names(columns) + " but the request holds " + t.describeType());
        }
        int width = (int) t.dim(1);
        int[] pick = new int[columns.size()];
        List<String> given = in.names();
        if (given.isEmpty()) {
            if (width != columns.size()) {
                throw new ModelException.InvalidInput(
                        "the model expects " + columns.size() + " columns " + names(columns) + " but the request has "
                                + width + " (send data.names to choose columns by name)");
            }
            for (int i = 0; i < pick.length; i++) {
                pick[i] = i;
            }
        } else {
            if (given.size() != width) {
                throw new ModelException.InvalidInput(
                        "data.names has " + given.size() + " names for " + width + " columns");
            }
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < pick.length; i++) {
                pick[i] = given.indexOf(columns.get(i).name());
                if (pick[i] < 0) {
                    missing.add(columns.get(i).name());
                }
            }
            if (!missing.isEmpty()) {
                throw new ModelException.InvalidInput(
                        "the request lacks columns " + missing + " (it has " + given + ")");
            }
        }
        for (int i = 0; i < pick.length; i++) {
            checkColumn(columns.get(i), t, pick[i], width);
        }
        Tensor ordered = select(t, pick, width);
        return Payload.ofTensors(Map.of(key, ordered)).withNames(names(columns)).withTags(in.tags());
    }

    private static Payload stack(List<Signature.Column> columns, Payload in) {
        long rows = -1;
        boolean numeric = columns.stream().allMatch(c -> Signature.isNumeric(c.type()));
        List<Tensor> parts = new ArrayList<>();
        for (Signature.Column c : columns) {
            Tensor t = in.tensor(c.name());
            if (t == null) {
                throw new ModelException.InvalidInput("input '" + c.name() + "' (" + c.type()
                        + ") is missing (signature columns: " + names(columns) + ")");
            }
            if (rows >= 0 && t.size() != rows) {
                throw new ModelException.InvalidInput(
                        "column '" + c.name() + "' has " + t.size() + " rows but others have " + rows);
            }
            rows = t.size();
            checkColumn(c, t, 0, 1);
            parts.add(t);
        }
        int n = (int) rows;
        int k = columns.size();
        Tensor table;
        if (numeric) {
            double[] v = new double[n * k];
            for (int j = 0; j < k; j++) {
                for (int r = 0; r < n; r++) {
                    v[r * k + j] = parts.get(j).getDouble(r);
                }
            }
            table = Tensor.ofDoubles(v, n, k);
        } else {
            String[] v = new String[n * k];
            for (int j = 0; j < k; j++) {
                for (int r = 0; r < n; r++) {
                    v[r * k + j] = parts.get(j).elementText(r);
                }
            }
            table = Tensor.ofStrings(v, n, k);
        }
        Map<String, Tensor> one = new LinkedHashMap<>();
        one.put(Payload.DEFAULT_NAME, table);
        return Payload.ofTensors(one).withNames(names(columns)).withTags(in.tags());
    }

    private static void checkColumn(Signature.Column c, Tensor t, int col, int width) {
        boolean text = t.type() == DataType.STRING || t.type() == DataType.BYTES;
        if (Signature.isNumeric(c.type())) {
            if (text) {
                throw new ModelException.InvalidInput(
                        "column '" + c.name() + "' expects " + c.type() + " but the request holds text");
            }
            if (c.type().equals("long")
                    || c.type().equals("integer")
                    || c.type().equals("boolean")) {
                for (int i = col; i < t.size(); i += width) {
                    double d = t.getDouble(i);
                    if (d != Math.rint(d) || (c.type().equals("boolean") && d != 0 && d != 1)) {
                        throw new ModelException.InvalidInput("column '" + c.name() + "' expects " + c.type()
                                + " but row " + (i / width) + " holds " + t.elementText(i));
                    }
                }
            }
        } else if (!text && !c.type().equals("datetime")) {
            throw new ModelException.InvalidInput(
                    "column '" + c.name() + "' expects " + c.type() + " but the request holds numbers");
        }
    }

    private static Tensor select(Tensor t, int[] pick, int width) {
        boolean identity = pick.length == width;
        for (int i = 0; identity && i < pick.length; i++) {
            identity = pick[i] == i;
        }
        if (identity) {
            return t;
        }
        int n = (int) t.dim(0);
        int k = pick.length;
        if (t.type() == DataType.STRING || t.type() == DataType.BYTES) {
            String[] v = new String[n * k];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < k; j++) {
                    v[r * k + j] = t.elementText(r * width + pick[j]);
                }
            }
            return Tensor.ofStrings(v, n, k);
        }
        double[] v = new double[n * k];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < k; j++) {
                v[r * k + j] = t.getDouble(r * width + pick[j]);
            }
        }
        return Tensor.ofDoubles(v, n, k);
    }

    static List<String> names(List<Signature.Column> columns) {
        return columns.stream().map(Signature.Column::name).toList();
    }
}
