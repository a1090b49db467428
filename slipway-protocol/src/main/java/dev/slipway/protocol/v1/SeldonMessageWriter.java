package dev.slipway.protocol.v1;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.slipway.model.DataType;
import dev.slipway.model.Metric;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.protocol.json.ArrayWriter;
import dev.slipway.protocol.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes Seldon v1 JSON with only the fields of the {@code SeldonMessage} protobuf schema (so that the
 * Python {@code SeldonClient} in proto mode can parse it): {@code status}, {@code meta}, and one of
 * {@code data}, {@code strData}, {@code binData}, {@code jsonData}. Empty meta fields are omitted.
 */
public final class SeldonMessageWriter {

    /**
     * The HTTP header a Slipway server puts on answers written by this class: they hold only SeldonMessage
     * schema fields, {@code meta} first, so a gateway may add to {@code meta} without re-parsing them.
     */
    public static final String SCHEMA_HEADER = "X-Slipway-Message";

    private SeldonMessageWriter() {}

    /** The message as JSON bytes. */
    public static byte[] write(SeldonMessage m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            write(g, m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A list for a combiner: {@code {"seldonMessages": [...]}}. */
    public static byte[] writeList(List<SeldonMessage> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("seldonMessages");
            for (SeldonMessage m : messages) {
                write(g, m);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Feedback as JSON bytes. */
    public static byte[] writeFeedback(FeedbackMessage f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            if (f.request() != null) {
                g.writeFieldName("request");
                write(g, f.request());
            }
            if (f.response() != null) {
                g.writeFieldName("response");
                write(g, f.response());
            }
            g.writeFieldName("reward");
            Json.writeDouble(g, f.reward());
            if (f.truth() != null) {
                g.writeFieldName("truth");
                write(g, f.truth());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static void write(JsonGenerator g, SeldonMessage m) throws IOException {
        g.writeStartObject();
        if (m.status() != null) {
            writeStatus(g, m.status());
        }
        writeMeta(g, m.meta());
        Payload p = m.payload();
        if (p != null) {
            switch (p.kind()) {
                case TENSORS -> writeData(g, p, m.form());
                case STRING -> g.writeStringField("strData", p.string());
                case BYTES -> g.writeStringField("binData", Base64.getEncoder().encodeToString(p.bytes()));
                case JSON -> {
                    g.writeFieldName("jsonData");
                    Json.writeValue(g, p.json());
                }
            }
        }
        g.writeEndObject();
    }

    private static void writeStatus(JsonGenerator g, Status s) throws IOException {
        g.writeObjectFieldStart("status");
        g.writeNumberField("code", s.code());
        if (s.info() != null) {
            g.writeStringField("info", s.info());
        }
        if (s.reason() != null) {
            g.writeStringField("reason", s.reason());
        }
        if (s.status() != null) {
            g.writeStringField("status", s.status());
        }
        g.writeEndObject();
    }

    private static void writeMeta(JsonGenerator g, Meta meta) throws IOException {
        g.writeObjectFieldStart("meta");
        if (meta.puid() != null) {
            g.writeStringField("puid", meta.puid());
        }
        if (!meta.tags().isEmpty()) {
            g.writeFieldName("tags");
            Json.writeValue(g, meta.tags());
        }
        if (!meta.routing().isEmpty()) {
            g.writeObjectFieldStart("routing");
            for (Map.Entry<String, Integer> e : meta.routing().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        if (!meta.requestPath().isEmpty()) {
            g.writeObjectFieldStart("requestPath");
            for (Map.Entry<String, String> e : meta.requestPath().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        if (!meta.metrics().isEmpty()) {
            g.writeArrayFieldStart("metrics");
            for (Metric metric : meta.metrics()) {
                g.writeStartObject();
                g.writeStringField("key", metric.key());
                g.writeStringField("type", metric.type().name());
                g.writeFieldName("value");
                Json.writeDouble(g, metric.value());
                if (!metric.tags().isEmpty()) {
                    g.writeFieldName("tags");
                    Json.writeValue(g, metric.tags());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeData(JsonGenerator g, Payload p, DataForm requested) throws IOException {
        Tensor t = p.tensor();
        DataForm form = requested == DataForm.NONE ? DataForm.NDARRAY : requested;
        if (form == DataForm.TENSOR && !t.type().isNumeric() && t.type() != DataType.BOOL) {
            form = DataForm.NDARRAY; // Seldon's tensor holds doubles only
        }
        g.writeObjectFieldStart("data");
        g.writeArrayFieldStart("names");
        for (String n : p.names()) {
            g.writeString(n);
        }
        g.writeEndArray();
        switch (form) {
            case TENSOR -> {
                g.writeObjectFieldStart("tensor");
                g.writeFieldName("shape");
                long[] shape = t.shape();
                g.writeArray(shape, 0, shape.length);
                g.writeFieldName("values");
                ArrayWriter.writeFlatDoubles(g, t);
                g.writeEndObject();
            }
            case TFTENSOR -> {
                g.writeFieldName("tftensor");
                TfTensorCodec.encode(g, t);
            }
            default -> {
                g.writeFieldName("ndarray");
                ArrayWriter.writeNested(g, t);
            }
        }
        g.writeEndObject();
    }
}
