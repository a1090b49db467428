package dev.slipway.runtime.python;

import dev.slipway.model.Metric;
import dev.slipway.model.ModelException;
import dev.slipway.model.ModelMetadata;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Payloads to and from the worker's maps ({@code kind}: tensor, str, bytes, json; {@code value}; {@code names};
 * {@code tags}), its custom metrics, its failures (status and reason, as a {@code SeldonMicroserviceException}
 * says them) and its {@code init_metadata()}.
 */
final class Answers {

    private Answers() {}

    /** A payload as the worker takes it: X as Seldon passes it (one array, text, bytes, or a JSON value). */
    static Map<String, Object> toWorker(Payload p) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (p.kind()) {
            case TENSORS -> {
                m.put("kind", "tensor");
                if (p.tensors().size() == 1) {
                    m.put("value", p.tensor());
                } else {
                    m.put("value", new LinkedHashMap<String, Object>(p.tensors()));
                }
            }
            case STRING -> {
                m.put("kind", "str");
                m.put("value", p.string());
            }
            case BYTES -> {
                m.put("kind", "bytes");
                m.put("value", p.bytes());
            }
            case JSON -> {
                m.put("kind", "json");
                m.put("value", p.json());
            }
            default -> throw new AssertionError(p.kind());
        }
        m.put("names", p.names());
        m.put("tags", p.tags());
        return m;
    }

    /** The payload of a worker's answer, with its names and tags. */
    @SuppressWarnings("unchecked")
    static Payload payload(Map<String, Object> answer) {
        Object raw = answer.get("payload");
        if (!(raw instanceof Map<?, ?> p)) {
            throw new ModelException("the Python model answered no payload");
        }
        Object value = p.get("value");
        String kind = String.valueOf(p.get("kind"));
        Payload out = switch (kind) {
            case "tensor" -> {
                if (!(value instanceof Tensor t)) {
                    throw new ModelException("the Python model answered an array that could not be read");
                }
                yield Payload.of(t);
            }
            case "str" -> Payload.ofString(String.valueOf(value));
            case "bytes" -> Payload.ofBytes((byte[]) value);
            case "json" -> Payload.ofJson(value);
            default -> throw new ModelException("the Python worker answered a payload of kind " + kind);
        };
        Object names = p.get("names");
        if (names instanceof List<?> list && !list.isEmpty()) {
            List<String> n = new ArrayList<>();
            for (Object o : list) {
                n.add(String.valueOf(o));
            }
            out = out.withNames(n);
        }
        Object tags = answer.get("tags");
        if (tags instanceof Map<?, ?> t && !t.isEmpty()) {
            out = out.withTags((Map<String, Object>) t);
        }
        return out;
    }

    /** The custom metrics of an answer ({@code [{key, type, value, tags}]}). */
    static List<Metric> metrics(Object raw) {
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            return List.of();
        }
        List<Metric> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("value") instanceof Number v)) {
                throw new ModelException.WithStatus(
                        500, "MICROSERVICE_BAD_METRIC", "Bad metric created during request: " + o);
            }
            Metric.Type type;
            try {
                type = Metric.Type.valueOf(String.valueOf(m.containsKey("type") ? m.get("type") : "COUNTER")
                        .toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ModelException.WithStatus(
                        500, "MICROSERVICE_BAD_METRIC", "Bad metric created during request: " + o);
            }
            Map<String, String> tags = new LinkedHashMap<>();
            if (m.get("tags") instanceof Map<?, ?> t) {
                t.forEach((k, x) -> tags.put(String.valueOf(k), String.valueOf(x)));
            }
            out.add(new Metric(String.valueOf(m.get("key")), type, v.doubleValue(), tags));
        }
        return out;
    }

    /** Throws what a failed answer says: 400 bad data, 501 not implemented, or its own status. */
    static void throwIfFailed(Map<String, Object> answer) {
        if (answer.get("unsupported") != null) {
            throw new ModelException.Unsupported("the Python model: " + answer.get("unsupported"));
        }
        Object error = answer.get("error");
        if (error == null) {
            return;
        }
        String message = String.valueOf(error);
        int status = answer.get("status") instanceof Number n ? n.intValue() : 500;
        String reason =
                answer.get("reason") == null ? "MICROSERVICE_INTERNAL_ERROR" : String.valueOf(answer.get("reason"));
        if (status == 400 && reason.equals("MICROSERVICE_BAD_DATA")) {
            throw new ModelException.InvalidInput(message);
        }
        if (status == 500 && reason.equals("MICROSERVICE_INTERNAL_ERROR")) {
            throw new ModelException(message);
        }
        throw new ModelException.WithStatus(status < 400 || status > 599 ? 500 : status, reason, message);
    }

    /** The model's metadata: platform {@code python}, and what {@code init_metadata()} returned (if anything). */
    static ModelMetadata metadata(PythonSettings settings, Map<String, Object> hello) {
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("class", settings.located().describe());
        custom.put("workers", settings.workers());
        if (hello.get("python") != null) {
            custom.put("python", hello.get("python"));
        }
        List<String> versions = List.of();
        String platform = "python";
        if (hello.get("metadata") instanceof Map<?, ?> md) {
            md.forEach((k, v) -> {
                if (v != null) {
                    custom.put("init_metadata." + k, v);
                }
            });
            if (md.get("versions") instanceof List<?> l) {
                versions = l.stream().map(String::valueOf).toList();
            }
            if (md.get("platform") instanceof String s && !s.isBlank()) {
                platform = s;
            }
        }
        return new ModelMetadata(platform, versions, List.of(), List.of(), custom);
    }
}
