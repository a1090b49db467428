package dev.slipway.controlplane.requestlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Writes one request-log event as its line of {@code current.jsonl}: {@code {"time","id","type","predictor","node",
 * "payload"[,"truncated":true]}} and a newline. A payload received as bytes that is one JSON value on one line goes
 * into the line as it is (checked by the parser first); other JSON is streamed through the parser (compacted, no tree),
 * anything else kept as a string, as {@link RequestLogStore.Event} reads it back. Not thread-safe: one per writer (it reuses its buffer).
 */
final class EventLine {

    private final JsonMapper json;
    private final JsonFactory factory;
    private final ByteArrayBuilder out = new ByteArrayBuilder(4096);

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
