package dev.slipway.protocol.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.slipway.model.DataType;
import dev.slipway.model.Tensor;
import dev.slipway.protocol.ProtocolException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads a (possibly nested) JSON array into a {@link Tensor} in one streaming pass, inferring the shape
 * and the element type as numpy's {@code np.array} does: all integers → INT64; any other number →
 * FP64; all booleans → BOOL; booleans with numbers → numbers (1/0); any string → STRING (numbers and
 * booleans become their Python text). {@code null} is NaN among numbers and {@code "None"} among
 * strings. Ragged arrays and objects inside arrays are refused with the path of the offending element.
 */
public final class ArrayReader {

    private enum Mode {
        EMPTY,
        BOOL,
        LONG,
        DOUBLE,
        STRING
    }

    private final String path;
    private long[] shape = new long[8];
    private int leafDepth = -1;
    private int rank = -1;
    private Mode mode = Mode.EMPTY;
    private int n;
    private long[] longs = new long[16];
    private double[] doubles;
    private boolean[] bools;
    private String[] strings;
    private boolean sawNull;

    private ArrayReader(String path) {
        this.path = path;
        Arrays.fill(shape, -1);
    }

    /**
     * Reads the array at the parser's current token (which must be START_ARRAY) up to its END_ARRAY.
     *
     * @param path the field path for messages, e.g. {@code data.ndarray}
     */
    public static Tensor read(JsonParser p, String path) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new ProtocolException(path + ": expected an array but found " + describe(p.currentToken()));
        }
        ArrayReader r = new ArrayReader(path);
        r.readArray(p, 0, path);
        return r.build();
    }

    private void readArray(JsonParser p, int depth, String here) throws IOException {
        if (depth >= Json.MAX_DEPTH) {
            throw new ProtocolException(path + ": nested deeper than " + Json.MAX_DEPTH + " levels");
        }
        if (depth >= shape.length) {
            int old = shape.length;
            shape = Arrays.copyOf(shape, old * 2);
            Arrays.fill(shape, old, shape.length, -1);
        }
        long count = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new ProtocolException(here + ": unterminated array");
            }
            if (t == JsonToken.START_ARRAY) {
                checkLeafDepth(depth + 1, here, count, false);
                readArray(p, depth + 1, here + "[" + count + "]");
            } else {
                checkLeafDepth(depth, here, count, true);
                add(p, t, here + "[" + count + "]");
            }
            count++;
        }
        if (shape[depth] == -1) {
            shape[depth] = count;
        } else if (shape[depth] != count) {
            throw new ProtocolException(
                    "ragged array: " + here + " has " + count + " elements but its siblings have " + shape[depth]);
        }
        if (count == 0 && rank == -1) {
            rank = depth + 1; // an empty innermost array fixes the rank
        }
    }

    private void checkLeafDepth(int depth, String here, long index, boolean scalar) {
        if (scalar) {
            if (leafDepth == -1) {
                leafDepth = depth;
                if (rank != -1 && rank != depth + 1) {
                    throw ragged(here, index);
                }
                rank = depth + 1;
            } else if (leafDepth != depth) {
                throw ragged(here, index);
            }
        } else if (leafDepth != -1 && depth > leafDepth) {
            throw ragged(here, index);
        }
    }

    /**
     * The current number as a double, refused when it does not fit one ({@code 1e999999} would become
     * infinity, and then {@code null} in an answer): a client's mistake, so a 400.
     */
    public static double finite(JsonParser p, String here) throws IOException {
        double v = p.getDoubleValue();
        if (Double.isInfinite(v) || Double.isNaN(v)) {
            String text = p.getText();
            throw new ProtocolException(here + ": number " + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                    + " is out of the range of a 64-bit float");
        }
        return v;
    }

    private ProtocolException ragged(String here, long index) {
        return new ProtocolException(
                "ragged array: " + here + "[" + index + "] mixes nested arrays and values at the same depth");
    }

    private void add(JsonParser p, JsonToken t, String here) throws IOException {
        switch (t) {
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    addDouble(finite(p, here), p.getText());
                } else {
                    addLong(p.getLongValue(), p.getText());
                }
            }
            case VALUE_NUMBER_FLOAT -> addDouble(finite(p, here), p.getText());
            case VALUE_TRUE, VALUE_FALSE -> addBool(t == JsonToken.VALUE_TRUE);
            case VALUE_STRING -> addString(p.getText());
            case VALUE_NULL -> addNull();
            default ->
                throw new ProtocolException(
                        here + ": array elements must be numbers, strings or booleans, not " + describe(t));
        }
    }

    private void ensure() {
        int cap = switch (mode) {
            case EMPTY, LONG -> longs.length;
            case DOUBLE -> doubles.length;
            case BOOL -> bools.length;
            case STRING -> strings.length;
        };
        if (n < cap) {
            return;
        }
        int next = Math.max(16, cap * 2);
        switch (mode) {
            case EMPTY, LONG -> longs = Arrays.copyOf(longs, next);
            case DOUBLE -> doubles = Arrays.copyOf(doubles, next);
            case BOOL -> bools = Arrays.copyOf(bools, next);
            case STRING -> strings = Arrays.copyOf(strings, next);
        }
    }

    private void addLong(long v, String text) {
        switch (mode) {
            case EMPTY, LONG -> {
                mode = sawNull ? Mode.DOUBLE : Mode.LONG;
                if (mode == Mode.DOUBLE) {
                    toDoubles();
                    addDouble(v, text);
                    return;
                }
                ensure();
                longs[n++] = v;
            }
            case DOUBLE -> {
                ensure();
                doubles[n++] = v;
            }
            case BOOL -> {
                boolsToLongs();
                addLong(v, text);
            }
            case STRING -> {
                ensure();
                strings[n++] = text;
            }
        }
    }

    private void addDouble(double v, String text) {
        switch (mode) {
            case EMPTY, LONG -> {
                toDoubles();
                addDouble(v, text);
            }
            case DOUBLE -> {
                ensure();
                doubles[n++] = v;
            }
            case BOOL -> {
                boolsToLongs();
                addDouble(v, text);
            }
            case STRING -> {
                ensure();
                strings[n++] = text;
            }
        }
    }

    private void addBool(boolean b) {
        switch (mode) {
            case EMPTY -> {
                if (n == 0 && !sawNull) {
                    mode = Mode.BOOL;
                    bools = new boolean[16];
                    ensure();
                    bools[n++] = b;
                } else {
                    addLong(b ? 1 : 0, b ? "True" : "False");
                }
            }
            case BOOL -> {
                ensure();
                bools[n++] = b;
            }
            case LONG -> addLong(b ? 1 : 0, null);
            case DOUBLE -> addDouble(b ? 1 : 0, null);
            case STRING -> {
                ensure();
                strings[n++] = b ? "True" : "False";
            }
        }
    }

    private void addString(String s) {
        if (mode != Mode.STRING) {
            toStrings();
        }
        ensure();
        strings[n++] = s;
    }

    private void addNull() {
        sawNull = true;
        switch (mode) {
            case EMPTY, LONG, BOOL -> {
                if (mode == Mode.BOOL) {
                    boolsToLongs();
                }
                toDoubles();
                addDouble(Double.NaN, null);
            }
            case DOUBLE -> addDouble(Double.NaN, null);
            case STRING -> {
                ensure();
                strings[n++] = "None";
            }
        }
    }

    private void boolsToLongs() {
        long[] l = new long[Math.max(16, bools.length)];
        for (int i = 0; i < n; i++) {
            l[i] = bools[i] ? 1 : 0;
        }
        longs = l;
        bools = null;
        mode = Mode.LONG;
    }

    private void toDoubles() {
        double[] d = new double[Math.max(16, longs.length)];
        for (int i = 0; i < n; i++) {
            d[i] = longs[i];
        }
        doubles = d;
        mode = Mode.DOUBLE;
    }

    private void toStrings() {
        String[] s = new String[Math.max(16, n * 2)];
        for (int i = 0; i < n; i++) {
            s[i] = switch (mode) {
                case LONG -> Long.toString(longs[i]);
                case DOUBLE -> Double.isNaN(doubles[i]) ? "None" : pythonRepr(doubles[i]);
                case BOOL -> bools[i] ? "True" : "False";
                default -> throw new AssertionError(mode);
            };
        }
        strings = s;
        mode = Mode.STRING;
    }

    private static String pythonRepr(double d) {
        String s = Double.toString(d);
        return s.endsWith(".0") || !s.contains("E") ? s : s.replace("E", "e");
    }

    private Tensor build() {
        int r = rank == -1 ? 1 : rank;
        long[] dims = Arrays.copyOf(shape, r);
        for (int i = 0; i < r; i++) {
            if (dims[i] < 0) {
                dims[i] = 0;
            }
        }
        return switch (mode) {
            case EMPTY -> Tensor.ofDoubles(new double[0], dims);
            case LONG -> Tensor.ofLongs(Arrays.copyOf(longs, n), dims);
            case DOUBLE -> Tensor.ofDoubles(Arrays.copyOf(doubles, n), dims);
            case BOOL -> Tensor.ofBooleans(Arrays.copyOf(bools, n), dims);
            case STRING -> Tensor.of(DataType.STRING, Arrays.copyOf(strings, n), dims);
        };
    }

    public static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }
}
