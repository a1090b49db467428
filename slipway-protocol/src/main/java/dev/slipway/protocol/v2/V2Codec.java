package dev.slipway.protocol.v2;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.slipway.model.DataType;
import dev.slipway.model.ModelMetadata;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.model.TensorSpec;
import dev.slipway.protocol.ProtocolException;
import dev.slipway.protocol.json.ArrayReader;
import dev.slipway.protocol.json.ArrayWriter;
import dev.slipway.protocol.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads and writes Open Inference Protocol (v2) JSON: inference requests, responses, metadata, errors. */
public final class V2Codec {

    private V2Codec() {}

    /** Reads {@code {"id", "parameters", "inputs": [...], "outputs": [...]}}. */
    public static InferenceRequest readRequest(byte[] body) {
        Parsed p = parse(body, "inputs");
        return new InferenceRequest(p.id, p.parameters, p.tensors, p.outputNames);
    }

    /** Reads {@code {"model_name", "model_version", "id", "parameters", "outputs": [...]}}. */
    public static InferenceResponse readResponse(byte[] body) {
        Parsed p = parse(body, "outputs");
        return new InferenceResponse(
                p.modelName == null ? "" : p.modelName, p.modelVersion, p.id, p.parameters, p.tensors);
    }

    private static final class Parsed {
        String id;
        String modelName;
        String modelVersion;
        Map<String, Object> parameters = Map.of();
        Payload tensors;
        List<String> outputNames = new ArrayList<>();
    }

    private static Parsed parse(byte[] body, String tensorField) {
        Parsed out = new Parsed();
        try (JsonParser p = Json.parser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ProtocolException(
                        "expected a JSON object but found " + ArrayReader.describe(p.currentToken()));
            }
            Map<String, Tensor> tensors = null;
            for (String f = Json.nextField(p); f != null; f = Json.nextField(p)) {
                JsonToken t = p.currentToken();
                if (t == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (f.equals(tensorField)) {
                    tensors = readTensors(p, f);
                } else {
                    switch (f) {
                        case "id" -> out.id = text(p, t, "id");
                        case "model_name" -> out.modelName = text(p, t, "model_name");
                        case "model_version" -> out.modelVersion = text(p, t, "model_version");
                        case "parameters" -> out.parameters = object(Json.readValue(p, "parameters"), "parameters");
                        case "outputs" -> readRequestedOutputs(p, out.outputNames);
                        default -> p.skipChildren();
                    }
                }
            }
            if (p.nextToken() != null) {
                throw new ProtocolException("unexpected content after the JSON object");
            }
            if (tensors == null || tensors.isEmpty()) {
                throw new ProtocolException(tensorField + ": missing or empty (expected at least one tensor)");
            }
            out.tensors = Payload.ofTensors(tensors);
            return out;
        } catch (JsonProcessingException e) {
            throw Json.malformed(e);
        } catch (IOException e) {
            throw new ProtocolException("could not read the body: " + e.getMessage(), e);
        }
    }

    private static String text(JsonParser p, JsonToken t, String path) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw new ProtocolException(path + ": expected a string but found " + ArrayReader.describe(t));
        }
        return p.getText();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object v, String path) {
        if (!(v instanceof Map<?, ?>)) {
            throw new ProtocolException(path + ": expected an object");
        }
        return (Map<String, Object>) v;
    }

    private static void readRequestedOutputs(JsonParser p, List<String> names) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new ProtocolException("outputs: expected an array of {name}");
        }
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            Map<String, Object> o = object(Json.readValue(p, "outputs[" + i + "]"), "outputs[" + i + "]");
            if (!(o.get("name") instanceof String n)) {
                throw new ProtocolException("outputs[" + i + "].name: missing");
            }
            names.add(n);
            i++;
        }
    }

    private static Map<String, Tensor> readTensors(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new ProtocolException(field + ": expected an array of tensors");
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String path = field + "[" + i++ + "]";
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new ProtocolException(path + ": expected an object {name, shape, datatype, data}");
            }
            String name = null;
            Tensor shape = null;
            String datatype = null;
            Tensor data = null;
            for (String f = Json.nextField(p); f != null; f = Json.nextField(p)) {
                JsonToken t = p.currentToken();
                switch (f) {
                    case "name" -> name = text(p, t, path + ".name");
                    case "shape" -> shape = ArrayReader.read(p, path + ".shape");
                    case "datatype" -> datatype = text(p, t, path + ".datatype");
                    case "data" -> data = ArrayReader.read(p, path + ".data");
                    default -> p.skipChildren();
                }
            }
            if (name == null) {
                throw new ProtocolException(path + ".name: missing");
            }
            if (shape == null) {
                throw new ProtocolException(path + ".shape: missing");
            }
            if (datatype == null) {
                throw new ProtocolException(path + ".datatype: missing");
            }
            if (data == null) {
                throw new ProtocolException(path + ".data: missing");
            }
            if (out.containsKey(name)) {
                throw new ProtocolException(path + ".name: '" + name + "' is given twice");
            }
            DataType type;
            try {
                type = DataType.parse(datatype);
            } catch (IllegalArgumentException e) {
                throw new ProtocolException(path + ".datatype: " + e.getMessage());
            }
            out.put(name, TensorCast.cast(data, type, dims(shape, path + ".shape"), path + " ('" + name + "')"));
        }
        return out;
    }

    private static long[] dims(Tensor shape, String path) {
        if (shape.rank() != 1 || (shape.size() > 0 && shape.type() != DataType.INT64)) {
            throw new ProtocolException(path + ": expected a flat array of integers");
        }
        long[] d = shape.size() == 0 ? new long[0] : shape.longs().clone();
        for (long x : d) {
            if (x < 0) {
                throw new ProtocolException(path + ": dimensions must not be negative");
            }
        }
        return d;
    }

    /** Writes a response. */
    public static byte[] writeResponse(InferenceResponse r) {
        return generate(g -> {
            g.writeStartObject();
            g.writeStringField("model_name", r.modelName());
            if (r.modelVersion() != null) {
                g.writeStringField("model_version", r.modelVersion());
            }
            writeIdAndParameters(g, r.id(), r.parameters());
            writeTensors(g, "outputs", r.outputs());
            g.writeEndObject();
        });
    }

    /** Writes a request (for clients). */
    public static byte[] writeRequest(InferenceRequest r) {
        return generate(g -> {
            g.writeStartObject();
            writeIdAndParameters(g, r.id(), r.parameters());
            writeTensors(g, "inputs", r.inputs());
            if (!r.requestedOutputs().isEmpty()) {
                g.writeArrayFieldStart("outputs");
                for (String n : r.requestedOutputs()) {
                    g.writeStartObject();
                    g.writeStringField("name", n);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    private static void writeIdAndParameters(JsonGenerator g, @Nullable String id, Map<String, Object> parameters)
            throws IOException {
        if (id != null) {
            g.writeStringField("id", id);
        }
        if (!parameters.isEmpty()) {
            g.writeFieldName("parameters");
            Json.writeValue(g, parameters);
        }
    }

    private static void writeTensors(JsonGenerator g, String field, Payload payload) throws IOException {
        g.writeArrayFieldStart(field);
        for (Map.Entry<String, Tensor> e : payload.tensors().entrySet()) {
            Tensor t = e.getValue();
            g.writeStartObject();
            g.writeStringField("name", e.getKey());
            g.writeFieldName("shape");
            long[] shape = t.shape();
            g.writeArray(shape, 0, shape.length);
            g.writeStringField(
                    "datatype", t.type() == DataType.STRING ? "BYTES" : t.type().name());
            g.writeFieldName("data");
            ArrayWriter.writeFlat(g, t);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** {@code {"error": message}}. */
    public static byte[] writeError(String message) {
        return generate(g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        });
    }

    /** Model metadata: {@code {"name", "versions", "platform", "inputs", "outputs", "parameters"}}. */
    public static byte[] writeModelMetadata(String name, ModelMetadata m) {
        return generate(g -> {
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeArrayFieldStart("versions");
            for (String v : m.versions()) {
                g.writeString(v);
            }
            g.writeEndArray();
            g.writeStringField("platform", m.platform());
            writeSpecs(g, "inputs", m.inputs());
            writeSpecs(g, "outputs", m.outputs());
            if (!m.custom().isEmpty()) {
                g.writeFieldName("parameters");
                Json.writeValue(g, m.custom());
            }
            g.writeEndObject();
        });
    }

    private static void writeSpecs(JsonGenerator g, String field, List<TensorSpec> specs) throws IOException {
        g.writeArrayFieldStart(field);
        for (TensorSpec s : specs) {
            g.writeStartObject();
            g.writeStringField("name", s.name());
            g.writeStringField(
                    "datatype", s.type() == DataType.STRING ? "BYTES" : s.type().name());
            g.writeFieldName("shape");
            long[] shape = s.shape();
            g.writeArray(shape, 0, shape.length);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private interface Generation {
        void run(JsonGenerator g) throws IOException;
    }

    static byte[] generate(Generation gen) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            gen.run(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
