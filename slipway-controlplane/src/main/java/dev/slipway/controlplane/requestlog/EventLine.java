package dev.slipway.controlplane.requestlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Writes one request-log event as its line of {@code current.jsonl}: {@code {"time","id","type","predictor","node",
 * "payload"[,"truncated":true]}} and a newline. A payload received as bytes is streamed through the parser into the
 * line (no tree): JSON is kept as JSON (compact), anything else as a string, as {@link RequestLogStore.Event} reads it
 * back. Not thread-safe: one per writer (it reuses its buffer).
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
        return write(e.time(), e.id(), e.type(), e.predictor(), e.node(), e.payload(), null, e.truncated());
    }

    /**
     * The line of an event whose payload is the bytes a sender sent.
     *
     * @param payload the body, or null when it was larger than the store keeps (then marked truncated)
     */
    byte[] of(Instant time, String id, String type, String predictor, String node, byte @Nullable [] payload) {
        return write(time, id, type, predictor, node, null, payload, payload == null);
    }

    private byte[] write(
            Instant time,
            String id,
            String type,
            String predictor,
            String node,
            @Nullable JsonNode tree,
            byte @Nullable [] raw,
            boolean truncated) {
        try {
            try {
                return line(time, id, type, predictor, node, tree, raw, truncated, true);
            } catch (IOException e) { // not JSON (or over the parser's limits): kept as text
                return line(time, id, type, predictor, node, tree, raw, truncated, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
    }

    private byte[] line(
            Instant time,
            String id,
            String type,
            String predictor,
            String node,
            @Nullable JsonNode tree,
            byte @Nullable [] raw,
            boolean truncated,
            boolean rawAsJson)
            throws IOException {
        out.reset();
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.setCodec(json);
            g.writeStartObject();
            g.writeStringField("time", time.toString());
            g.writeStringField("id", id);
            g.writeStringField("type", type);
            g.writeStringField("predictor", predictor);
            g.writeStringField("node", node);
            g.writeFieldName("payload");
            if (tree != null) {
                g.writeTree(tree);
            } else if (raw == null || raw.length == 0) {
                g.writeNull();
            } else if (rawAsJson) {
                copy(raw, g);
            } else {
                g.writeString(new String(raw, StandardCharsets.UTF_8));
            }
            if (truncated) {
                g.writeBooleanField("truncated", true);
            }
            g.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
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
