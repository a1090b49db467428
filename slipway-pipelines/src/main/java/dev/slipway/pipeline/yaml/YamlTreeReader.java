package dev.slipway.pipeline.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.slipway.support.Limits;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads untrusted YAML into {@link YamlNode}s with positions, within the shared {@link Limits} (file size, nesting
 * depth, aliases) plus a node budget against which anchors/aliases are expanded (so an alias bomb fails fast
 * instead of exploding). Duplicate keys are errors. Only the first document is read; more is an error.
 */
final class YamlTreeReader {

    /** The most values in one file, counting every alias expansion. */
    static final int MAX_NODES = 20_000;

    private final Limits limits;
    private final int maxNodes;
    private final YAMLFactory factory;

    YamlTreeReader(Limits limits) {
        this(limits, MAX_NODES);
    }

    YamlTreeReader(Limits limits, int maxNodes) {
        this.limits = limits;
        this.maxNodes = maxNodes;
        // one level more for the parser: this reader reports depth itself, with the line and column
        this.factory = Mappers.yamlFactory(limits.withMaxDepth(limits.maxDepth() + 1));
    }

    /** Parses the text; syntax errors and limit violations throw with the file's name, line and column. */
    YamlNode read(String file, byte[] content) {
        if (content.length > limits.maxDocumentBytes()) {
            throw PipelineException.single(
                    file, "", "file is " + content.length + " bytes; the limit is " + limits.maxDocumentBytes(), 0, 0);
        }
        try (JsonParser p = factory.createParser(content)) {
            State state = new State(file, (YAMLParser) p);
            JsonToken first = p.nextToken();
            if (first == null) {
                throw PipelineException.single(file, "", "the file is empty", 1, 1);
            }
            YamlNode root = state.value(first, 1);
            if (p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                throw PipelineException.single(
                        file, "", "more than one YAML document; only one is allowed", l.getLineNr(), l.getColumnNr());
            }
            return root;
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
                // SnakeYAML knows where the problem is; Jackson reports where the enclosing construct began
                String context = m.getContext() == null
                        ? ""
                        : " (" + m.getContext()
                                + (m.getContextMark() == null
                                        ? ""
                                        : " at line " + (m.getContextMark().getLine() + 1)) + ")";
                throw PipelineException.single(
                        file,
                        "",
                        "invalid YAML: " + m.getProblem() + context,
                        m.getProblemMark().getLine() + 1,
                        m.getProblemMark().getColumn() + 1);
            }
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage();
            int cut = msg.indexOf('\n');
            throw PipelineException.single(
                    file,
                    "",
                    "invalid YAML: " + (cut > 0 ? msg.substring(0, cut) : msg),
                    l == null ? 0 : l.getLineNr(),
                    l == null ? 0 : l.getColumnNr());
        } catch (IOException e) {
            throw PipelineException.single(file, "", "cannot read: " + e.getMessage(), 0, 0);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw PipelineException.single(file, "", "invalid YAML: " + e.getMessage(), 0, 0);
        }
    }

    private final class State {
        private final String file;
        private final YAMLParser p;
        private final Map<String, YamlNode> anchors = new HashMap<>();
        private final Map<YamlNode, Integer> sizes = new java.util.IdentityHashMap<>();
        private int nodes;
        private int aliases;

        State(String file, YAMLParser p) {
            this.file = file;
            this.p = p;
        }

        YamlNode value(JsonToken t, int depth) throws IOException {
            JsonLocation l = p.currentTokenLocation();
            int line = l.getLineNr();
            int col = l.getColumnNr();
            if (depth > limits.maxDepth()) {
                throw PipelineException.single(
                        file, "", "nested deeper than " + limits.maxDepth() + " levels", line, col);
            }
            if (p.isCurrentAlias()) {
                return alias(p.getText(), line, col);
            }
            String anchor = p.getObjectId();
            int before = nodes;
            count(line, col, 1);
            YamlNode node = switch (t) {
                case START_OBJECT -> mapping(depth, line, col);
                case START_ARRAY -> sequence(depth, line, col);
                case VALUE_STRING -> new YamlNode.Scalar(p.getText(), "string", line, col);
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(p.getText(), "number", line, col);
                case VALUE_TRUE, VALUE_FALSE -> new YamlNode.Scalar(p.getText(), "boolean", line, col);
                case VALUE_NULL -> new YamlNode.Scalar(null, null, line, col);
                default -> throw PipelineException.single(file, "", "unexpected YAML token " + t, line, col);
            };
            if (anchor != null) {
                anchors.put(anchor, node);
                sizes.put(node, nodes - before);
            }
            return node;
        }

        private YamlNode alias(String name, int line, int col) {
            if (++aliases > limits.maxAliases()) {
                throw PipelineException.single(file, "", "more than " + limits.maxAliases() + " aliases", line, col);
            }
            YamlNode target = anchors.get(name);
            if (target == null) {
                throw PipelineException.single(file, "", "alias *" + name + " names no anchor before it", line, col);
            }
            // an alias counts as a copy of everything it names: an alias bomb runs out of budget at once
            count(line, col, sizes.getOrDefault(target, 1));
            return target;
        }

        private void count(int line, int col, int n) {
            nodes += n;
            if (nodes > maxNodes) {
                throw PipelineException.single(
                        file, "", "more than " + maxNodes + " values (counting alias expansions)", line, col);
            }
        }

        private YamlNode mapping(int depth, int line, int col) throws IOException {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonLocation kl = p.currentTokenLocation();
                YamlNode v = value(p.nextToken(), depth + 1);
                if (entries.put(key, v) != null) {
                    throw PipelineException.single(
                            file, "", "duplicate key '" + key + "'", kl.getLineNr(), kl.getColumnNr());
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw PipelineException.single(file, "", "unexpected YAML token " + t, line, col);
            }
            return new YamlNode.Mapping(entries, line, col);
        }

        private YamlNode sequence(int depth, int line, int col) throws IOException {
            List<YamlNode> items = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw PipelineException.single(file, "", "unterminated list", line, col);
                }
                items.add(value(t, depth + 1));
            }
            return new YamlNode.Sequence(items, line, col);
        }
    }
}
