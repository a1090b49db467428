package dev.slipway.controlplane.requestlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Writes one request-log event as its line of {@code current.jsonl}: {@code {"time","id","type","predictor","node",
 * "payload"[,"truncated":true]}} and a newline. A payload received as bytes that is one JSON value on one line goes
 * into the line as it is; other JSON is streamed through the parser (compacted, no tree), anything else kept as a
 * string, as {@link RequestLogStore.Event} reads it back. The common event (names that need no escaping, a payload
 * {@link OneLineJson} accepts, or none) is written byte by byte, with the time's text up to its second reused while
 * the second lasts: the same bytes Jackson's generator writes, without it. Not thread-safe: one per writer (it reuses
 * its buffers).
 */
final class EventLine {

    private static final byte[] TIME = ascii("{\"time\":\"");
    private static final byte[] ID = ascii("\",\"id\":\"");
    private static final byte[] TYPE = ascii("\",\"type\":\"");
    private static final byte[] PREDICTOR = ascii("\",\"predictor\":\"");
    private static final byte[] NODE = ascii("\",\"node\":\"");
    private static final byte[] PAYLOAD = ascii("\",\"payload\":");
    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUNCATED = ascii(",\"truncated\":true");

    private final JsonMapper json;
    private final JsonFactory factory;
    private final ByteArrayBuilder out = new ByteArrayBuilder(4096);
    private final OneLineJson oneLine = new OneLineJson();
    private long second = Long.MIN_VALUE;
    private byte[] secondText = new byte[0];
    private final byte[] fraction = new byte[10];
    /** The length of the text in {@link #fraction} for the event {@link #directLength} measured last. */
    private int fractionLength;

    EventLine(JsonMapper json) {
        this.json = json;
        this.factory = json.getFactory();
    }

    /** The line of an event whose payload is a tree (or null). */
    byte[] of(RequestLogStore.Event e) {
        return of(e, null);
    }

    /**
     * The line of an event whose payload is the bytes a sender sent.
     *
     * @param e the event (its payload tree, if any, is written instead of {@code raw})
     * @param raw the body, or null (none, or larger than the store keeps: then {@code e} says truncated)
     */
    byte[] of(RequestLogStore.Event e, byte @Nullable [] raw) {
        final int length = directLength(e, raw);
        if (length >= 0) {
            final byte[] line = new byte[length];
            writeDirect(e, raw, line, 0);
            return line;
        }
        try {
            try {
                return line(e, raw, true);
            } catch (IOException notJson) { // not JSON (or over the parser's limits): kept as text
                return line(e, raw, false);
            }
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory); // writing to memory
        }
    }

    /**
     * The length of the common event's line (names that need no escaping, a payload {@link OneLineJson} accepts, or
     * none), which {@link #writeDirect} then writes byte by byte; -1 for any other event ({@link #of} takes it).
     */
    int directLength(RequestLogStore.Event e, byte @Nullable [] raw) {
        return raw == null ? directLength(e, NULL, 0, 0) : directLength(e, raw, 0, raw.length);
    }

    /**
     * {@link #directLength(RequestLogStore.Event, byte[])} for a payload of {@code length} bytes of {@code raw} from
     * {@code offset} (none: 0).
     */
    int directLength(RequestLogStore.Event e, byte[] raw, int offset, int length) {
        if (e.payload() != null
                || !plain(e.id())
                || !plain(e.type())
                || !plain(e.predictor())
                || !plain(e.node())
                || length > 0 && !oneLine.test(raw, offset, offset + length)) {
            return -1;
        }
        fractionLength = fraction(e.time());
        return TIME.length
                + secondText.length
                + fractionLength
                + 1
                + ID.length
                + e.id().length()
                + TYPE.length
                + e.type().length()
                + PREDICTOR.length
                + e.predictor().length()
                + NODE.length
                + e.node().length()
                + PAYLOAD.length
                + (length == 0 ? NULL.length : length)
                + (e.truncated() ? TRUNCATED.length : 0)
                + 2;
    }

    /**
     * Writes the line {@link #directLength} measured (it must have been called for this event just before) into
     * {@code line} at {@code at}: what {@link #line} writes for the same event, without Jackson's generator.
     */
    void writeDirect(RequestLogStore.Event e, byte @Nullable [] raw, byte[] line, int from) {
        if (raw == null) {
            writeDirect(e, NULL, 0, 0, line, from);
        } else {
            writeDirect(e, raw, 0, raw.length, line, from);
        }
    }

    /**
     * {@link #writeDirect(RequestLogStore.Event, byte[], byte[], int)} for a payload of {@code length} bytes of {@code
     * raw} from {@code offset} (as {@link #directLength(RequestLogStore.Event, byte[], int, int)} measured it).
     */
    void writeDirect(RequestLogStore.Event e, byte[] raw, int offset, int length, byte[] line, int from) {
        int at = put(TIME, line, from);
        at = put(secondText, line, at);
        System.arraycopy(fraction, 0, line, at, fractionLength);
        at += fractionLength;
        line[at++] = 'Z';
        at = put(e.id(), line, put(ID, line, at));
        at = put(e.type(), line, put(TYPE, line, at));
        at = put(e.predictor(), line, put(PREDICTOR, line, at));
        at = put(e.node(), line, put(NODE, line, at));
        at = put(PAYLOAD, line, at);
        if (length == 0) {
            at = put(NULL, line, at);
        } else {
            System.arraycopy(raw, offset, line, at, length);
            at += length;
        }
        if (e.truncated()) {
            at = put(TRUNCATED, line, at);
        }
        line[at++] = '}';
        line[at] = '\n';
    }

    /**
     * Prepares {@code time}'s text as {@link Instant#toString} writes it: {@link #secondText} up to its second (made
     * once a second), and its fraction in {@link #fraction} (none, 3, 6 or 9 digits).
     *
     * @return the length of the fraction's text
     */
    private int fraction(Instant time) {
        if (time.getEpochSecond() != second) {
            final String text = Instant.ofEpochSecond(time.getEpochSecond()).toString(); // ...:ssZ
            secondText = text.substring(0, text.length() - 1).getBytes(StandardCharsets.US_ASCII);
            second = time.getEpochSecond();
        }
        final int nanos = time.getNano();
        if (nanos == 0) {
            return 0;
        }
        final int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        int value = digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1_000 : nanos;
        fraction[0] = '.';
        for (int i = digits; i > 0; i--) {
            fraction[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return digits + 1;
    }

    private static int put(byte[] bytes, byte[] line, int at) {
        System.arraycopy(bytes, 0, line, at, bytes.length);
        return at + bytes.length;
    }

    /** Puts a {@link #plain} string's characters (ASCII) at {@code at}. */
    private static int put(String s, byte[] line, int at) {
        for (int i = 0; i < s.length(); i++) {
            line[at + i] = (byte) s.charAt(i);
        }
        return at + s.length();
    }

    /** Whether {@code s} is written as it is inside a JSON string: printable ASCII, no quote, no backslash. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] line(RequestLogStore.Event e, byte @Nullable [] raw, boolean rawAsJson) throws IOException {
        out.reset();
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.setCodec(json);
            g.writeStartObject();
            g.writeStringField("time", e.time().toString());
            g.writeStringField("id", e.id());
            g.writeStringField("type", e.type());
            g.writeStringField("predictor", e.predictor());
            g.writeStringField("node", e.node());
            g.writeFieldName("payload");
            if (e.payload() != null) {
                g.writeTree(e.payload());
            } else if (raw == null || raw.length == 0) {
                g.writeNull();
            } else if (rawAsJson && oneLineValue(raw)) {
                g.writeRawValue(""); // the separator; then the bytes themselves, after what the generator holds
                g.flush();
                out.write(raw);
            } else if (rawAsJson) {
                copy(raw, g);
            } else {
                g.writeString(new String(raw, StandardCharsets.UTF_8));
            }
            if (e.truncated()) {
                g.writeBooleanField("truncated", true);
            }
            g.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * Whether {@code raw} is exactly one JSON value on one line (no CR/LF, no byte-order mark), so it can go into the
     * line as it is: checked by the parser without decoding its numbers and strings (what {@link #copy} costs, and
     * most of an event's cost); malformed JSON throws.
     */
    private boolean oneLineValue(byte[] raw) throws IOException {
        for (byte b : raw) {
            if (b == '\n' || b == '\r') {
                return false;
            }
        }
        if ((raw[0] & 0xff) == 0xef) {
            return false;
        }
        try (JsonParser p = factory.createParser(raw)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        }
    }

    /** Copies the first JSON value of {@code raw} (whitespace only: null); malformed JSON throws. */
    private void copy(byte[] raw, JsonGenerator g) throws IOException {
        try (JsonParser p = factory.createParser(raw)) {
            if (p.nextToken() == null) {
                g.writeNull();
            } else {
                g.copyCurrentStructure(p);
            }
        }
    }
}
