package dev.slipway.gitops.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.support.Problem;
import dev.slipway.support.Problems;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Typed, path-tracking reads from a JSON tree that collect errors and warnings instead of throwing. */
final class Fields {

    private static final Logger LOG = LoggerFactory.getLogger(Fields.class);

    private final Problems errors;
    private final Problems warnings;
    private final boolean strict;

    Fields(String source) {
        this(source, false);
    }

    /** With {@code strict}, unknown fields are errors instead of warnings. */
    Fields(String source, boolean strict) {
        this.errors = Problems.in(source);
        this.warnings = Problems.in(source);
        this.strict = strict;
    }

    List<Problem> errors() {
        return errors.list();
    }

    List<Problem> warnings() {
        return warnings.list();
    }

    void error(String path, String message) {
        errors.add(path, message);
    }

    void warn(String path, String message) {
        warnings.add(path, message);
    }

    /**
     * Reports fields of {@code object} not in {@code known} (they are not part of Seldon's schema, often a typo:
     * {@code trafic}, {@code replica}), naming the closest known field: a warning, or an error when strict.
     */
    void unknownFields(JsonNode object, String path, Set<String> known) {
        if (object == null || !object.isObject()) {
            return;
        }
        final Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            final String name = names.next();
            if (!known.contains(name)) {
                final String hint = dev.slipway.support.Typos.closest(name, known)
                        .map(k -> String.format(" (did you mean '%s'?)", k))
                        .orElse("");
                if (strict) {
                    error(join(path, name), "unknown field" + hint);
                } else {
                    warn(join(path, name), "unknown field, ignored" + hint);
                }
            }
        }
    }

    String string(JsonNode object, String path, String field) {
        final JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            error(join(path, field), "must be a string");
            return null;
        }
        return value.asText();
    }

    Integer integer(JsonNode object, String path, String field) {
        final JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        if (value.isTextual()) {
            try {
                return Integer.parseInt(value.asText().trim());
            } catch (NumberFormatException e) {
                // falls through to the error
                LOG.trace("falls through to the error", e);
            }
        }
        error(join(path, field), "must be an integer, found '" + value.asText() + "'");
        return null;
    }

    boolean bool(JsonNode object, String path, String field) {
        final JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()
                && (value.asText().equals("true") || value.asText().equals("false"))) {
            return Boolean.parseBoolean(value.asText());
        }
        error(join(path, field), "must be true or false, found '" + value.asText() + "'");
        return false;
    }

    Map<String, String> stringMap(JsonNode object, String path, String field) {
        final JsonNode value = object.get(field);
        final Map<String, String> map = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return map;
        }
        if (!value.isObject()) {
            error(join(path, field), "must be a map of strings");
            return map;
        }
        value.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode()) {
                map.put(e.getKey(), e.getValue().asText());
            } else {
                error(join(join(path, field), e.getKey()), "must be a string");
            }
        });
        return map;
    }

    List<String> strings(JsonNode object, String path, String field) {
        final JsonNode value = object.get(field);
        final List<String> list = new ArrayList<>();
        if (value == null || value.isNull()) {
            return list;
        }
        if (!value.isArray()) {
            error(join(path, field), "must be a list of strings");
            return list;
        }
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i).isValueNode()) {
                list.add(value.get(i).asText());
            } else {
                error(join(path, field) + "[" + i + "]", "must be a string");
            }
        }
        return list;
    }

    /** The array at {@code field} (empty when absent), reporting a non-array. */
    JsonNode array(JsonNode object, String path, String field) {
        final JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            error(join(path, field), "must be a list");
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        return value;
    }

    /** The object at {@code field}, or null when absent; reports a non-object. */
    JsonNode object(JsonNode object, String path, String field) {
        final JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            error(join(path, field), "must be an object");
            return null;
        }
        return value;
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
