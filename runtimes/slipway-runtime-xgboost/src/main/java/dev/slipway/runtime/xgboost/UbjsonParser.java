package dev.slipway.runtime.xgboost;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Universal Binary JSON (UBJSON draft 12, big-endian) parser producing the same values as
 * {@link JsonParser}, including optimised containers ({@code $} type, {@code #} count) as XGBoost writes
 * them. Counts are checked against the bytes left, so a corrupt file fails fast instead of allocating.
 */
final class UbjsonParser {

    private static final int MAX_DEPTH = 64;

    private final ByteBuffer in;

    private UbjsonParser(byte[] bytes) {
        this.in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    }

    static @Nullable Object parse(byte[] bytes) {
        UbjsonParser p = new UbjsonParser(bytes);
        try {
            Object v = p.value(p.marker(), 0);
            if (p.in.hasRemaining()) {
                throw p.error("unexpected bytes after the value");
            }
            return v;
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw p.error("unexpected end of data");
        }
    }

    private byte marker() {
        byte m = in.get();
        while (m == 'N') {
            m = in.get();
        }
        return m;
    }

    private @Nullable Object value(byte m, int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
        return switch (m) {
            case 'Z' -> null;
            case 'T' -> Boolean.TRUE;
            case 'F' -> Boolean.FALSE;
            case 'i' -> (long) in.get();
            case 'U' -> (long) (in.get() & 0xFF);
            case 'I' -> (long) in.getShort();
            case 'l' -> (long) in.getInt();
            case 'L' -> in.getLong();
            case 'd' -> (double) in.getFloat();
            case 'D' -> in.getDouble();
            case 'C' -> String.valueOf((char) (in.get() & 0xFF));
            case 'S' -> string();
            case 'H' -> Double.parseDouble(string());
            case '[' -> array(depth);
            case '{' -> object(depth);
            default -> throw error("unknown marker '" + (char) m + "' (0x" + Integer.toHexString(m & 0xFF) + ")");
        };
    }

    private long length() {
        Object n = value(in.get(), 0);
        if (!(n instanceof Long l) || l < 0) {
            throw error("bad length " + n);
        }
        return l;
    }

    private String string() {
        long n = length();
        if (n > in.remaining()) {
            throw error("string of " + n + " bytes exceeds the data");
        }
        byte[] b = new byte[(int) n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private List<Object> array(int depth) {
        byte type = 0;
        long count = -1;
        if (peek() == '$') {
            in.get();
            type = in.get();
            if (peek() != '#') {
                throw error("typed array without a count");
            }
        }
        if (peek() == '#') {
            in.get();
            count = length();
            if (count > in.remaining()) {
                throw error("array of " + count + " elements exceeds the data");
            }
        }
        List<Object> list = new ArrayList<>(count < 0 ? 8 : (int) count);
        if (count >= 0) {
            for (long i = 0; i < count; i++) {
                list.add(value(type != 0 ? type : marker(), depth + 1));
            }
            return list;
        }
        while (true) {
            byte m = marker();
            if (m == ']') {
                return list;
            }
            list.add(value(m, depth + 1));
        }
    }

    private Map<String, Object> object(int depth) {
        byte type = 0;
        long count = -1;
        if (peek() == '$') {
            in.get();
            type = in.get();
        }
        if (peek() == '#') {
            in.get();
            count = length();
            if (count > in.remaining()) {
                throw error("object of " + count + " entries exceeds the data");
            }
        }
        Map<String, Object> map = new LinkedHashMap<>();
        if (count >= 0) {
            for (long i = 0; i < count; i++) {
                String key = string();
                map.put(key, value(type != 0 ? type : marker(), depth + 1));
            }
            return map;
        }
        while (true) {
            if (peek() == '}') {
                in.get();
                return map;
            }
            String key = string();
            map.put(key, value(marker(), depth + 1));
        }
    }

    private byte peek() {
        return in.get(in.position());
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("invalid UBJSON at byte " + in.position() + ": " + what);
    }
}
