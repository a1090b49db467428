package dev.slipway.kubernetes.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Validates an object against the {@code openAPIV3Schema} of a CustomResourceDefinition as the API server would
 * (types, {@code required}, {@code enum}, {@code pattern}, {@code x-kubernetes-int-or-string},
 * {@code x-kubernetes-preserve-unknown-fields}), and stricter in one way: a field the schema does not know, which
 * the API server would silently prune, is reported, so nothing Slipway writes is lost on a cluster.
 */
final class CrdSchema {

    private final JsonNode schema;

    private CrdSchema(JsonNode schema) {
        this.schema = schema;
    }

    /** The schema of version {@code version} of the CRD in {@code file}. */
    static CrdSchema load(Path file, String version) throws IOException {
        final JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        for (final JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("name").asText().equals(version)) {
                return new CrdSchema(v.path("schema").path("openAPIV3Schema"));
            }
        }
        throw new IllegalArgumentException("no version " + version + " in " + file);
    }

    /** Every violation in {@code object}, as {@code path: problem}. */
    List<String> validate(JsonNode object) {
        final List<String> problems = new ArrayList<>();
        check(object, schema, "", problems);
        return problems;
    }

    private void check(JsonNode value, JsonNode s, String path, List<String> problems) {
        if (value.isNull()) {
            if (!s.path("nullable").asBoolean(false)) {
                problems.add(path + ": null is not allowed");
            }
            return;
        }
        if (s.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isInt() && !value.isTextual()) {
                problems.add(path + ": must be an integer or a string");
            }
            return;
        }
        final String type = s.path("type").asText("");
        switch (type) {
            case "object" -> object(value, s, path, problems);
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(path + ": must be an array");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), s.path("items"), path + "[" + i + "]", problems);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(path + ": must be a string");
                } else if (s.has("pattern")
                        && !java.util.regex.Pattern.compile(s.get("pattern").asText())
                                .matcher(value.asText())
                                .find()) {
                    problems.add(path + ": '" + value.asText() + "' does not match "
                            + s.get("pattern").asText());
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(path + ": must be an integer");
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(path + ": must be a number");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + ": must be a boolean");
                }
            }
            default -> {
                if (!s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false) && !type.isEmpty()) {
                    problems.add(path + ": unknown schema type " + type);
                }
            }
        }
        if (s.has("enum")) {
            boolean found = false;
            for (final JsonNode e : s.get("enum")) {
                found |= e.equals(value);
            }
            if (!found) {
                problems.add(path + ": " + value + " is not one of " + s.get("enum"));
            }
        }
    }

    private void object(JsonNode value, JsonNode s, String path, List<String> problems) {
        if (!value.isObject()) {
            problems.add(path + ": must be an object");
            return;
        }
        for (final JsonNode r : s.path("required")) {
            if (!value.has(r.asText())) {
                problems.add(path + "." + r.asText() + ": is required");
            }
        }
        final boolean preserve = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        final JsonNode props = s.path("properties");
        final JsonNode additional = s.get("additionalProperties");
        for (final Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            final Map.Entry<String, JsonNode> f = it.next();
            final String p = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            if (p.equals("metadata")) {
                continue; // the object's metadata follows the API server's own schema, not the CRD's
            }
            if (props.has(f.getKey())) {
                check(f.getValue(), props.get(f.getKey()), p, problems);
            } else if (additional != null && additional.isObject()) {
                check(f.getValue(), additional, p, problems);
            } else if (!preserve && !(additional != null && additional.asBoolean(false))) {
                problems.add(p + ": unknown field (the API server would prune it)");
            }
        }
    }
}
