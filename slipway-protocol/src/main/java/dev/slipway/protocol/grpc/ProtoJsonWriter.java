package dev.slipway.protocol.grpc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.Value;
import dev.slipway.protocol.grpc.seldon.DefaultData;
import dev.slipway.protocol.grpc.seldon.Feedback;
import dev.slipway.protocol.grpc.seldon.Meta;
import dev.slipway.protocol.grpc.seldon.Metric;
import dev.slipway.protocol.grpc.seldon.SeldonMessage;
import dev.slipway.protocol.grpc.seldon.SeldonMessageList;
import dev.slipway.protocol.grpc.seldon.Status;
import dev.slipway.protocol.grpc.seldon.Tensor;
import dev.slipway.protocol.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes SeldonMessage, Feedback and SeldonMessageList as the JSON {@code JsonFormat} prints for them (same fields,
 * same omitted defaults, same number spellings), with Jackson's streaming generator instead of protobuf's reflection:
 * the gRPC transports convert every call, and {@code JsonFormat} cost more than the rest of a prediction. What it
 * does not cover ({@code tftensor}, {@code customData}, a {@code Value} without a kind or holding NaN/Infinity) makes
 * {@link #write} answer null, and the caller prints with {@code JsonFormat}.
 */
final class ProtoJsonWriter {

    /** A part this writer leaves to {@code JsonFormat}. */
    private static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final Unsupported UNSUPPORTED = new Unsupported();

    private ProtoJsonWriter() {}

    /** The JSON of {@code message}, or null when {@code JsonFormat} must print it. */
    static byte @Nullable [] write(Message message) {
        if (!(message instanceof SeldonMessage
                || message instanceof Feedback
                || message instanceof SeldonMessageList)) {
            return null;
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            if (message instanceof SeldonMessage m) {
                message(g, m);
            } else if (message instanceof Feedback f) {
                feedback(g, f);
            } else {
                list(g, (SeldonMessageList) message);
            }
        } catch (Unsupported e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
        return out.toByteArray();
    }

    private static void list(JsonGenerator g, SeldonMessageList list) throws IOException, Unsupported {
        g.writeStartObject();
        if (list.getSeldonMessagesCount() > 0) {
            g.writeArrayFieldStart("seldonMessages");
            for (final SeldonMessage m : list.getSeldonMessagesList()) {
                message(g, m);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void feedback(JsonGenerator g, Feedback f) throws IOException, Unsupported {
        g.writeStartObject();
        if (f.hasRequest()) {
            g.writeFieldName("request");
            message(g, f.getRequest());
        }
        if (f.hasResponse()) {
            g.writeFieldName("response");
            message(g, f.getResponse());
        }
        if (Float.floatToRawIntBits(f.getReward()) != 0) {
            g.writeFieldName("reward");
            number(g, f.getReward());
        }
        if (f.hasTruth()) {
            g.writeFieldName("truth");
            message(g, f.getTruth());
        }
        g.writeEndObject();
    }

    private static void message(JsonGenerator g, SeldonMessage m) throws IOException, Unsupported {
        g.writeStartObject();
        if (m.hasStatus()) {
            g.writeFieldName("status");
            status(g, m.getStatus());
        }
        if (m.hasMeta()) {
            g.writeFieldName("meta");
            meta(g, m.getMeta());
        }
        switch (m.getDataOneofCase()) {
            case DATA -> {
                g.writeFieldName("data");
                data(g, m.getData());
            }
            case BINDATA ->
                g.writeStringField(
                        "binData",
                        Base64.getEncoder().encodeToString(m.getBinData().toByteArray()));
            case STRDATA -> g.writeStringField("strData", m.getStrData());
            case JSONDATA -> {
                g.writeFieldName("jsonData");
                value(g, m.getJsonData());
            }
            case CUSTOMDATA -> throw UNSUPPORTED;
            case DATAONEOF_NOT_SET -> {}
        }
        g.writeEndObject();
    }

    private static void status(JsonGenerator g, Status s) throws IOException {
        g.writeStartObject();
        if (s.getCode() != 0) {
            g.writeNumberField("code", s.getCode());
        }
        if (!s.getInfo().isEmpty()) {
            g.writeStringField("info", s.getInfo());
        }
        if (!s.getReason().isEmpty()) {
            g.writeStringField("reason", s.getReason());
        }
        if (s.getStatusValue() != 0) {
            final Status.StatusFlag flag = Status.StatusFlag.forNumber(s.getStatusValue());
            if (flag == null) {
                g.writeNumberField("status", s.getStatusValue());
            } else {
                g.writeStringField("status", flag.name());
            }
        }
        g.writeEndObject();
    }

    private static void meta(JsonGenerator g, Meta meta) throws IOException, Unsupported {
        g.writeStartObject();
        if (!meta.getPuid().isEmpty()) {
            g.writeStringField("puid", meta.getPuid());
        }
        if (meta.getTagsCount() > 0) {
            g.writeFieldName("tags");
            struct(g, meta.getTagsMap());
        }
        if (meta.getRoutingCount() > 0) {
            g.writeObjectFieldStart("routing");
            for (final Map.Entry<String, Integer> e : meta.getRoutingMap().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        if (meta.getRequestPathCount() > 0) {
            g.writeObjectFieldStart("requestPath");
            for (final Map.Entry<String, String> e : meta.getRequestPathMap().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        if (meta.getMetricsCount() > 0) {
            g.writeArrayFieldStart("metrics");
            for (final Metric metric : meta.getMetricsList()) {
                metric(g, metric);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void metric(JsonGenerator g, Metric metric) throws IOException {
        g.writeStartObject();
        if (!metric.getKey().isEmpty()) {
            g.writeStringField("key", metric.getKey());
        }
        if (metric.getTypeValue() != 0) {
            final Metric.MetricType type = Metric.MetricType.forNumber(metric.getTypeValue());
            if (type == null) {
                g.writeNumberField("type", metric.getTypeValue());
            } else {
                g.writeStringField("type", type.name());
            }
        }
        if (Float.floatToRawIntBits(metric.getValue()) != 0) {
            g.writeFieldName("value");
            number(g, metric.getValue());
        }
        if (metric.getTagsCount() > 0) {
            g.writeObjectFieldStart("tags");
            for (final Map.Entry<String, String> e : metric.getTagsMap().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void data(JsonGenerator g, DefaultData d) throws IOException, Unsupported {
        g.writeStartObject();
        if (d.getNamesCount() > 0) {
            g.writeArrayFieldStart("names");
            for (final String name : d.getNamesList()) {
                g.writeString(name);
            }
            g.writeEndArray();
        }
        switch (d.getDataOneofCase()) {
            case TENSOR -> {
                g.writeFieldName("tensor");
                tensor(g, d.getTensor());
            }
            case NDARRAY -> {
                g.writeFieldName("ndarray");
                list(g, d.getNdarray());
            }
            case TFTENSOR -> throw UNSUPPORTED;
            case DATAONEOF_NOT_SET -> {}
        }
        g.writeEndObject();
    }

    private static void tensor(JsonGenerator g, Tensor t) throws IOException {
        g.writeStartObject();
        if (t.getShapeCount() > 0) {
            g.writeArrayFieldStart("shape");
            for (int i = 0; i < t.getShapeCount(); i++) {
                g.writeNumber(t.getShape(i));
            }
            g.writeEndArray();
        }
        if (t.getValuesCount() > 0) {
            g.writeArrayFieldStart("values");
            for (int i = 0; i < t.getValuesCount(); i++) {
                number(g, t.getValues(i));
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void value(JsonGenerator g, Value v) throws IOException, Unsupported {
        switch (v.getKindCase()) {
            case NULL_VALUE -> g.writeNull();
            case NUMBER_VALUE -> {
                final double d = v.getNumberValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw UNSUPPORTED;
                }
                g.writeNumber(d);
            }
            case STRING_VALUE -> g.writeString(v.getStringValue());
            case BOOL_VALUE -> g.writeBoolean(v.getBoolValue());
            case STRUCT_VALUE -> struct(g, v.getStructValue().getFieldsMap());
            case LIST_VALUE -> list(g, v.getListValue());
            case KIND_NOT_SET -> throw UNSUPPORTED;
        }
    }

    private static void struct(JsonGenerator g, Map<String, Value> fields) throws IOException, Unsupported {
        g.writeStartObject();
        for (final Map.Entry<String, Value> e : fields.entrySet()) {
            g.writeFieldName(e.getKey());
            value(g, e.getValue());
        }
        g.writeEndObject();
    }

    private static void list(JsonGenerator g, ListValue list) throws IOException, Unsupported {
        g.writeStartArray();
        for (int i = 0; i < list.getValuesCount(); i++) {
            value(g, list.getValues(i));
        }
        g.writeEndArray();
    }

    /** A double as {@code JsonFormat} spells it: NaN and the infinities as strings. */
    private static void number(JsonGenerator g, double d) throws IOException {
        if (Double.isNaN(d)) {
            g.writeString("NaN");
        } else if (Double.isInfinite(d)) {
            g.writeString(d > 0 ? "Infinity" : "-Infinity");
        } else {
            g.writeNumber(d);
        }
    }

    private static void number(JsonGenerator g, float f) throws IOException {
        if (Float.isNaN(f)) {
            g.writeString("NaN");
        } else if (Float.isInfinite(f)) {
            g.writeString(f > 0 ? "Infinity" : "-Infinity");
        } else {
            g.writeNumber(f);
        }
    }
}
