package dev.slipway.pipeline.yaml;

import java.util.List;
import java.util.Map;

/** A YAML value with where it was in the file (1-based line and column), so errors can point at it. */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    int line();

    int column();

    /** A human name of the node's kind, for "expected a list, found a string" errors. */
    String kind();

    /** A mapping with string keys, in file order. */
    record Mapping(Map<String, YamlNode> entries, int line, int column) implements YamlNode {
        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** A sequence. */
    record Sequence(List<YamlNode> items, int line, int column) implements YamlNode {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * A scalar: its text, and whether YAML typed it as null, a number or a boolean.
     *
     * @param text the scalar's text ({@code null} for YAML null)
     * @param type string, number, boolean or null
     */
    record Scalar(String text, String type, int line, int column) implements YamlNode {
        @Override
        public String kind() {
            return type == null ? "null" : "a " + type;
        }

        boolean isNull() {
            return text == null;
        }
    }
}
