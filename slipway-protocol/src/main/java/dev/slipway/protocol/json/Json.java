package dev.slipway.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.protocol.ProtocolException;
import dev.slipway.support.Limits;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON factory every codec uses (with limits on nesting and string length) and conversions between
 * JSON and plain Java values (maps, lists, strings, numbers, booleans, null).
 */
public final class Json {

    /** Deepest nesting accepted in any message ({@link Limits#PAYLOAD}). */
    public static final int MAX_DEPTH = Limits.PAYLOAD.maxDepth();

    /** Longest single string accepted (64 MiB; the body limit is normally smaller). */
    public static final int MAX_STRING = Limits.PAYLOAD.maxStringChars();

    public static final JsonFactory FACTORY = Mappers.jsonFactory(Limits.PAYLOAD);

    /**
     * Moves to the next field of the object the parser is in, and onto its value: the field's name, or null at the end
     * of the object ({@code for (String f = nextField(p); f != null; f = nextField(p))}).
     */
    public static @Nullable String nextField(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        String f = p.currentName();
        p.nextToken();
        return f;
    }

    public static final ObjectMapper MAPPER = Mappers.json(Limits.PAYLOAD);

    private Json() {}

    /** A parser over {@code bytes}. */
    public static JsonParser parser(byte[] bytes) throws IOException {
        return FACTORY.createParser(bytes);
    }

    /** Reads the value at the parser's current token as plain Java values. */
    public static Object readValue(JsonParser p, String path) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new ProtocolException(path + ": missing value");
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (String k = nextField(p); k != null; k = nextField(p)) {
                    m.put(k, readValue(p, path + "." + k));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(readValue(p, path + "[" + i++ + "]"));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT, LONG -> p.getLongValue();
                    default -> p.getBigIntegerValue();
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return ArrayReader.finite(p, path);
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new ProtocolException(path + ": unexpected " + t);
        }
    }

    /** Writes plain Java values (maps, lists, arrays of primitives, strings, numbers, booleans, null). */
    public static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger bi) {
            g.writeNumber(bi);
        } else if (v instanceof BigDecimal bd) {
            g.writeNumber(bd);
        } else if (v instanceof Number n) {
            writeDouble(g, n.doubleValue());
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Iterable<?> it) {
            g.writeStartArray();
            for (Object o : it) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof double[] a) {
            g.writeStartArray();
            for (double d : a) {
                writeDouble(g, d);
            }
            g.writeEndArray();
        } else if (v instanceof long[] a) {
            g.writeArray(a, 0, a.length);
        } else if (v instanceof int[] a) {
            g.writeArray(a, 0, a.length);
        } else if (v instanceof Object[] a) {
            writeValue(g, List.of(a));
        } else {
            g.writeString(v.toString());
        }
    }

    /** A double as JSON: finite values as numbers, NaN and infinities as null (JSON has no such numbers). */
    public static void writeDouble(JsonGenerator g, double d) throws IOException {
        if (Double.isFinite(d)) {
            g.writeNumber(d);
        } else {
            g.writeNull();
        }
    }

    /** Parses a whole document as plain Java values. */
    public static Object parse(byte[] bytes) {
        try (JsonParser p = parser(bytes)) {
            if (p.nextToken() == null) {
                throw new ProtocolException("empty body: expected a JSON document");
            }
            Object v = readValue(p, "$");
            if (p.nextToken() != null) {
                throw new ProtocolException("unexpected content after the JSON document");
            }
            return v;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new ProtocolException("could not read JSON: " + e.getMessage(), e);
        }
    }

    /** A {@link ProtocolException} for malformed JSON, with the line and column. */
    public static ProtocolException malformed(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        if (e.getLocation() != null) {
            msg += " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
        }
        return new ProtocolException("malformed JSON: " + msg, e);
    }

    /** Serialises plain Java values. */
    public static byte[] write(Object v) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
            try (JsonGenerator g = FACTORY.createGenerator(out)) {
                writeValue(g, v);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
