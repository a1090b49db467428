package dev.slipway.protocol.v1;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.slipway.model.DataType;
import dev.slipway.model.Metric;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.protocol.ProtocolException;
import dev.slipway.protocol.json.ArrayReader;
import dev.slipway.protocol.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads Seldon v1 JSON: {@code SeldonMessage}, {@code Feedback} and {@code SeldonMessageList}, in one
 * streaming pass (arrays go straight into primitive tensors). Unknown top-level fields are ignored, as
 * Seldon's microservice ignores them; every error names the field.
 */
public final class SeldonMessageReader {

    private SeldonMessageReader() {}

    /** Reads a {@code SeldonMessage} document. */
    public static SeldonMessage readMessage(byte[] body) {
        return document(body, p -> readMessage(p, ""));
    }

    /** Reads a {@code Feedback} document. */
    public static FeedbackMessage readFeedback(byte[] body) {
        return document(body, p -> {
            expectObject(p, "feedback");
            SeldonMessage request = null;
            SeldonMessage response = null;
            SeldonMessage truth = null;
            double reward = 0;
            for (String f = Json.nextField(p); f != null; f = Json.nextField(p)) {
                JsonToken t = p.currentToken();
                switch (f) {
                    case "request" -> request = t == JsonToken.VALUE_NULL ? null : readMessage(p, "request.");
                    case "response" -> response = t == JsonToken.VALUE_NULL ? null : readMessage(p, "response.");
                    case "truth" -> truth = t == JsonToken.VALUE_NULL ? null : readMessage(p, "truth.");
                    case "reward" -> reward = readNumber(p, t, "reward");
                    default -> p.skipChildren();
                }
            }
            return new FeedbackMessage(request, response, reward, truth);
        });
    }

    /** Reads a {@code SeldonMessageList} document ({@code {"seldonMessages": [...]}}), for combiners. */
    public static List<SeldonMessage> readList(byte[] body) {
        return document(body, p -> {
            expectObject(p, "message list");
            List<SeldonMessage> out = null;
            for (String f = Json.nextField(p); f != null; f = Json.nextField(p)) {
                JsonToken t = p.currentToken();
                if (f.equals("seldonMessages")) {
                    if (t != JsonToken.START_ARRAY) {
                        throw new ProtocolException(
                                "seldonMessages: expected an array but found " + ArrayReader.describe(t));
                    }
                    out = new ArrayList<>();
                    int i = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        out.add(readMessage(p, "seldonMessages[" + i++ + "]."));
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (out == null) {
                throw new ProtocolException("seldonMessages: missing (expected {\"seldonMessages\": [...]})");
            }
            return out;
        });
    }

    private interface Body<T> {
        T read(JsonParser p) throws IOException;
    }

    private static <T> T document(byte[] body, Body<T> reader) {
        try (JsonParser p = Json.parser(body)) {
            if (p.nextToken() == null) {
                throw new ProtocolException("empty body: expected a JSON object");
            }
            T value = reader.read(p);
            if (p.nextToken() != null) {
                throw new ProtocolException("unexpected content after the JSON object");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw Json.malformed(e);
        } catch (IOException e) {
            throw new ProtocolException("could not read the body: " + e.getMessage(), e);
        }
    }

    private static void expectObject(JsonParser p, String what) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new ProtocolException(
                    "expected a JSON object (" + what + ") but found " + ArrayReader.describe(p.currentToken()));
        }
    }

    /** Reads the object at the current token; {@code prefix} is the path of the message, e.g. {@code request.}. */
    static SeldonMessage readMessage(JsonParser p, String prefix) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new ProtocolException((prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1))
                    + ": expected a JSON object (SeldonMessage) but found "
                    + ArrayReader.describe(p.currentToken()));
        }
        Payload payload = null;
        String payloadField = null;
        DataForm form = DataForm.NONE;
        Meta meta = Meta.EMPTY;
        Status status = null;
        for (String f = nextField(p); f != null; f = nextField(p)) {
            JsonToken t = p.currentToken();
            switch (f) {
                case "data", "strData", "binData", "jsonData", "customData" -> {
                    if (payloadField != null) {
                        throw new ProtocolException(
                                prefix + f + ": a message holds one of data, strData, binData, jsonData, but " + prefix
                                        + payloadField + " is also set");
                    }
                    payloadField = f;
                    switch (f) {
                        case "data" -> {
                            Data d = readData(p, prefix + "data");
                            payload = d.payload;
                            form = d.form;
                        }
                        case "strData" -> payload = Payload.ofString(readString(p, t, prefix + f));
                        case "binData" -> payload = Payload.ofBytes(readBase64(p, t, prefix + f));
                        case "jsonData" -> payload = Payload.ofJson(Json.readValue(p, prefix + f));
                        default ->
                            throw new ProtocolException(
                                    prefix + "customData: protobuf Any payloads are not supported over JSON");
                    }
                }
                case "meta" -> meta = readMeta(p, prefix + "meta");
                case "status" -> status = readStatus(p, prefix + "status");
                default -> p.skipChildren();
            }
        }
        if (payload != null && !meta.tags().isEmpty()) {
            payload = payload.withTags(meta.tags());
        }
        return new SeldonMessage(payload, form, meta, status);
    }

    private record Data(Payload payload, DataForm form) {}

    private static Data readData(JsonParser p, String path) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new ProtocolException(path + ": expected an object with ndarray, tensor or tftensor");
        }
        List<String> names = List.of();
        Tensor tensor = null;
        DataForm form = null;
        for (String f = nextField(p); f != null; f = nextField(p)) {
            JsonToken t = p.currentToken();
            switch (f) {
                case "names" -> names = readNames(p, path + ".names");
                case "ndarray", "tensor", "tftensor" -> {
                    if (form != null) {
                        throw new ProtocolException(
                                path + "." + f + ": data holds one of ndarray, tensor, tftensor, but "
                                        + form.name().toLowerCase(Locale.ROOT) + " is also set");
                    }
                    switch (f) {
                        case "ndarray" -> {
                            tensor = ArrayReader.read(p, path + ".ndarray");
                            form = DataForm.NDARRAY;
                        }
                        case "tensor" -> {
                            tensor = readTensor(p, path + ".tensor");
                            form = DataForm.TENSOR;
                        }
                        default -> {
                            tensor = TfTensorCodec.decode(Json.readValue(p, path + ".tftensor"), path + ".tftensor");
                            form = DataForm.TFTENSOR;
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (tensor == null) {
            throw new ProtocolException(path + ": expected one of ndarray, tensor or tftensor");
        }
        return new Data(Payload.of(tensor).withNames(names), form);
    }

    private static List<String> readNames(JsonParser p, String path) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new ProtocolException(path + ": expected an array of strings");
        }
        List<String> names = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_STRING) {
                throw new ProtocolException(
                        path + "[" + names.size() + "]: expected a string but found " + ArrayReader.describe(t));
            }
            names.add(p.getText());
        }
        return names;
    }

    private static Tensor readTensor(JsonParser p, String path) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new ProtocolException(path + ": expected an object {shape, values}");
        }
        Tensor shapeT = null;
        Tensor values = null;
        for (String f = Json.nextField(p); f != null; f = Json.nextField(p)) {
            JsonToken t = p.currentToken();
            switch (f) {
                case "shape" -> shapeT = t == JsonToken.VALUE_NULL ? null : ArrayReader.read(p, path + ".shape");
                case "values" -> values = t == JsonToken.VALUE_NULL ? null : ArrayReader.read(p, path + ".values");
                default -> p.skipChildren();
            }
        }
        if (values == null) {
            values = Tensor.ofDoubles(new double[0], 0);
        }
        if (values.rank() != 1 || !(values.type().isNumeric() || values.size() == 0)) {
            throw new ProtocolException(
                    path + ".values: expected a flat array of numbers but found " + values.describeType());
        }
        long[] shape;
        if (shapeT == null) {
            shape = new long[] {values.size()};
        } else {
            if (shapeT.rank() != 1 || (shapeT.type() != DataType.INT64 && shapeT.size() > 0)) {
                throw new ProtocolException(path + ".shape: expected a flat array of integers");
            }
            shape = shapeT.size() == 0 ? new long[0] : shapeT.longs();
        }
        long expected = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new ProtocolException(path + ".shape: dimensions must not be negative");
            }
            expected = Math.multiplyExact(expected, d);
        }
        if (expected != values.size()) {
            throw new ProtocolException(path + ": shape " + java.util.Arrays.toString(shape) + " needs " + expected
                    + " values but " + values.size() + " were given");
        }
        return Tensor.ofDoubles(values.toDoubles(), shape);
    }

    private static Meta readMeta(JsonParser p, String path) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new ProtocolException(path + ": expected an object");
        }
        String puid = null;
        Map<String, Object> tags = Map.of();
        Map<String, Integer> routing = new LinkedHashMap<>();
        Map<String, String> requestPath = new LinkedHashMap<>();
        List<Metric> metrics = new ArrayList<>();
        for (String f = nextField(p); f != null; f = nextField(p)) {
            JsonToken t = p.currentToken();
            switch (f) {
                case "puid" -> puid = readString(p, t, path + ".puid");
                case "tags" -> {
                    Object v = Json.readValue(p, path + ".tags");
                    if (!(v instanceof Map<?, ?>)) {
                        throw new ProtocolException(path + ".tags: expected an object");
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) v;
                    tags = m;
                }
                case "routing" ->
                    readObject(
                            p,
                            path + ".routing",
                            (k, tok) -> routing.put(k, (int) readLong(p, tok, path + ".routing." + k)));
                case "requestPath" ->
                    readObject(
                            p,
                            path + ".requestPath",
                            (k, tok) -> requestPath.put(k, readString(p, tok, path + ".requestPath." + k)));
                case "metrics" -> readMetrics(p, path + ".metrics", metrics);
                default -> p.skipChildren();
            }
        }
        return new Meta(puid, tags, routing, requestPath, metrics);
    }

    private interface FieldReader {
        void read(String key, JsonToken token) throws IOException;
    }

    private static void readObject(JsonParser p, String path, FieldReader r) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new ProtocolException(path + ": expected an object");
        }
        for (String k = Json.nextField(p); k != null; k = Json.nextField(p)) {
            r.read(k, p.currentToken());
        }
    }

    /** The name of the object's next field whose value is not null, the parser on that value; null at its end. */
    private static @Nullable String nextField(JsonParser p) throws IOException {
        for (String f = Json.nextField(p); f != null; f = Json.nextField(p)) {
            if (p.currentToken() != JsonToken.VALUE_NULL) {
                return f;
            }
        }
        return null;
    }

    private static void readMetrics(JsonParser p, String path, List<Metric> out) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new ProtocolException(path + ": expected an array");
        }
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String mp = path + "[" + i++ + "]";
            String key = null;
            Metric.Type type = Metric.Type.COUNTER;
            double value = 0;
            Map<String, String> tags = new LinkedHashMap<>();
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new ProtocolException(mp + ": expected an object {key, type, value, tags}");
            }
            for (String f = Json.nextField(p); f != null; f = Json.nextField(p)) {
                JsonToken t = p.currentToken();
                switch (f) {
                    case "key" -> key = readString(p, t, mp + ".key");
                    case "type" -> {
                        String s = readString(p, t, mp + ".type");
                        try {
                            type = Metric.Type.valueOf(s);
                        } catch (IllegalArgumentException e) {
                            throw new ProtocolException(mp + ".type: '" + s + "' is not one of COUNTER, GAUGE, TIMER");
                        }
                    }
                    case "value" -> value = readNumber(p, t, mp + ".value");
                    case "tags" ->
                        readObject(p, mp + ".tags", (k, tok) -> tags.put(k, readString(p, tok, mp + ".tags." + k)));
                    default -> p.skipChildren();
                }
            }
            if (key == null || key.isBlank()) {
                throw new ProtocolException(mp + ".key: missing");
            }
            out.add(new Metric(key, type, value, tags));
        }
    }

    private static Status readStatus(JsonParser p, String path) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new ProtocolException(path + ": expected an object");
        }
        int code = 0;
        String info = null;
        String reason = null;
        String status = null;
        for (String f = Json.nextField(p); f != null; f = Json.nextField(p)) {
            JsonToken t = p.currentToken();
            switch (f) {
                case "code" -> code = (int) readLong(p, t, path + ".code");
                case "info" -> info = readString(p, t, path + ".info");
                case "reason" -> reason = readString(p, t, path + ".reason");
                case "status" ->
                    status = t == JsonToken.VALUE_NUMBER_INT
                            ? (p.getIntValue() == 1 ? "FAILURE" : "SUCCESS")
                            : readString(p, t, path + ".status");
                default -> p.skipChildren();
            }
        }
        return new Status(code, info, reason, status);
    }

    private static String readString(JsonParser p, JsonToken t, String path) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw new ProtocolException(path + ": expected a string but found " + ArrayReader.describe(t));
        }
        return p.getText();
    }

    private static byte[] readBase64(JsonParser p, JsonToken t, String path) throws IOException {
        String s = readString(p, t, path);
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(s); // proto3 JSON accepts the URL-safe alphabet too
            } catch (IllegalArgumentException e2) {
                throw new ProtocolException(path + ": not valid base64 (" + e.getMessage() + ")");
            }
        }
    }

    private static double readNumber(JsonParser p, JsonToken t, String path) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new ProtocolException(path + ": expected a number but found " + ArrayReader.describe(t));
        }
        return ArrayReader.finite(p, path);
    }

    private static long readLong(JsonParser p, JsonToken t, String path) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_FLOAT && p.getDoubleValue() == Math.rint(p.getDoubleValue())) {
            return (long) p.getDoubleValue();
        }
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new ProtocolException(path + ": expected an integer but found " + ArrayReader.describe(t));
        }
        return p.getLongValue();
    }
}
