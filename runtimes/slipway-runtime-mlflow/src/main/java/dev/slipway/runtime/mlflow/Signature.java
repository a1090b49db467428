package dev.slipway.runtime.mlflow;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.model.DataType;
import dev.slipway.model.ModelException;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.model.TensorSpec;
import dev.slipway.support.Mappers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The input part of an MLflow model signature: named columns ({@code [{"name": "x", "type": "double"}]},
 * a DataFrame) or tensors ({@code [{"type": "tensor", "tensor-spec": {"dtype", "shape"}}]}). It checks a
 * request's names, count and types, and puts DataFrame columns in the signature's order.
 */
final class Signature {

    /** One DataFrame column. */
    record Column(String name, String type, boolean required) {}

    /** One tensor input; name may be null for an unnamed single tensor. */
    record TensorInput(String name, String dtype, long[] shape) {}

    private static final Set<String> NUMERIC = Set.of("double", "float", "long", "integer", "boolean");
    private static final Set<String> COLUMN_TYPES =
            Set.of("double", "float", "long", "integer", "boolean", "string", "binary", "datetime");

    private final List<Column> columns;
    private final List<TensorInput> tensors;

    private Signature(List<Column> columns, List<TensorInput> tensors) {
        this.columns = List.copyOf(columns);
        this.tensors = List.copyOf(tensors);
    }

    static Signature parse(String json, Path file) {
        JsonNode list;
        try {
            list = Mappers.json().readTree(json);
        } catch (JacksonException e) {
            throw new ModelException.LoadFailure(
                    "MLmodel " + file + ": signature inputs are not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new ModelException.LoadFailure(
                    "MLmodel " + file + ": signature inputs must be a non-empty JSON list");
        }
        List<Column> columns = new ArrayList<>();
        List<TensorInput> tensors = new ArrayList<>();
        for (JsonNode n : list) {
            String type = n.path("type").asText("");
            if (type.equals("tensor")) {
                JsonNode spec = n.path("tensor-spec");
                long[] shape = new long[spec.path("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = spec.path("shape").get(i).asLong(-1);
                }
                tensors.add(new TensorInput(
                        n.hasNonNull("name") ? n.get("name").asText() : null,
                        spec.path("dtype").asText("float64"),
                        shape));
            } else if (COLUMN_TYPES.contains(type)) {
                if (!n.hasNonNull("name")) {
                    throw new ModelException.LoadFailure(
                            "MLmodel " + file + ": a signature column of type " + type + " has no name");
                }
                columns.add(new Column(
                        n.get("name").asText(), type, n.path("required").asBoolean(true)));
            } else {
                throw new ModelException.LoadFailure("MLmodel " + file + ": signature input type '" + type
                        + "' is not supported (column types " + COLUMN_TYPES + " or tensor)");
            }
        }
        if (!columns.isEmpty() && !tensors.isEmpty()) {
            throw new ModelException.LoadFailure("MLmodel " + file + ": a signature mixes columns and tensors");
        }
        return new Signature(columns, tensors);
    }

    boolean isColumns() {
        return !columns.isEmpty();
    }

    /** The signature as tensor specs (columns: one {@code [-1]} tensor each). */
    List<TensorSpec> specs() {
        List<TensorSpec> out = new ArrayList<>();
        for (Column c : columns) {
            out.add(new TensorSpec(c.name(), columnType(c.type()), new long[] {-1}));
        }
        for (int i = 0; i < tensors.size(); i++) {
            TensorInput t = tensors.get(i);
            out.add(new TensorSpec(
                    t.name() == null ? Payload.DEFAULT_NAME : t.name(), tensorType(t.dtype()), t.shape()));
        }
        return out;
    }

    /** The request checked against the signature; DataFrame columns come back in signature order. */
    Payload apply(Payload in) {
        if (in.kind() != Payload.Kind.TENSORS) {
            throw new ModelException.InvalidInput(
                    "the model's signature expects tensor or DataFrame data but the request holds " + in.describe());
        }
        return isColumns() ? Columns.apply(columns, in) : applyTensors(in);
    }

    private Payload applyTensors(Payload in) {
        if (tensors.size() == 1 && in.tensors().size() == 1) {
            check(tensors.get(0), in.tensor());
            return in;
        }
        for (TensorInput spec : tensors) {
            if (spec.name() == null) {
                throw new ModelException.InvalidInput(
                        "the model's signature has unnamed tensors; send a single tensor");
            }
            Tensor t = in.tensor(spec.name());
            if (t == null) {
                throw new ModelException.InvalidInput(
                        "input '" + spec.name() + "' is missing (signature inputs: " + names() + ")");
            }
            check(spec, t);
        }
        return in;
    }

    private static void check(TensorInput spec, Tensor t) {
        String label = spec.name() == null ? "the input" : "input '" + spec.name() + "'";
        DataType expected = tensorType(spec.dtype());
        boolean textExpected = expected == DataType.STRING || expected == DataType.BYTES;
        boolean textGiven = t.type() == DataType.STRING || t.type() == DataType.BYTES;
        if (textExpected != textGiven) {
            throw new ModelException.InvalidInput(
                    label + " expects " + spec.dtype() + " but the request holds " + t.describeType());
        }
        if (!textExpected && !expected.isFloatingPoint() && expected != DataType.BOOL) {
            for (int i = 0; i < t.size(); i++) {
                double d = t.getDouble(i);
                if (d != Math.rint(d)) {
                    throw new ModelException.InvalidInput(
                            label + " expects " + spec.dtype() + " but element " + i + " is " + t.elementText(i));
                }
            }
        }
        long[] shape = t.shape();
        boolean fits = shape.length == spec.shape().length;
        for (int i = 0; fits && i < shape.length; i++) {
            fits = spec.shape()[i] < 0 || spec.shape()[i] == shape[i];
        }
        if (!fits) {
            throw new ModelException.InvalidInput(label + " expects " + spec.dtype() + " of shape "
                    + Arrays.toString(spec.shape()) + " but the request holds " + t.describeType());
        }
    }

    private List<String> names() {
        return tensors.stream()
                .map(t -> t.name() + ": " + t.dtype() + Arrays.toString(t.shape()))
                .toList();
    }

    static boolean isNumeric(String columnType) {
        return NUMERIC.contains(columnType);
    }

    static DataType columnType(String type) {
        return switch (type) {
            case "double" -> DataType.FP64;
            case "float" -> DataType.FP32;
            case "long" -> DataType.INT64;
            case "integer" -> DataType.INT32;
            case "boolean" -> DataType.BOOL;
            case "binary" -> DataType.BYTES;
            default -> DataType.STRING;
        };
    }

    static DataType tensorType(String dtype) {
        return switch (dtype.toLowerCase(Locale.ROOT)) {
            case "float32", "float" -> DataType.FP32;
            case "float16" -> DataType.FP16;
            case "float64", "double" -> DataType.FP64;
            case "int8" -> DataType.INT8;
            case "int16" -> DataType.INT16;
            case "int32" -> DataType.INT32;
            case "int64" -> DataType.INT64;
            case "uint8" -> DataType.UINT8;
            case "uint16" -> DataType.UINT16;
            case "uint32" -> DataType.UINT32;
            case "uint64" -> DataType.UINT64;
            case "bool" -> DataType.BOOL;
            case "bytes" -> DataType.BYTES;
            default -> DataType.STRING; // str, object
        };
    }
}
