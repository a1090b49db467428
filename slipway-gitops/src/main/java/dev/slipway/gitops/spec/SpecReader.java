package dev.slipway.gitops.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.support.Limits;
import dev.slipway.support.Mappers;
import dev.slipway.support.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads one manifest document (YAML or JSON) into a tree, refusing hostile input: documents over
 * {@link #MAX_BYTES}, alias bombs, deep nesting and multi-document files.
 */
final class SpecReader {

    /** The largest manifest accepted, in bytes (the shared {@link Limits#DEFAULT}). */
    static final int MAX_BYTES = Limits.DEFAULT.maxDocumentBytes();

    private final ObjectMapper yaml = Mappers.yaml();
    private final ObjectMapper json = Mappers.json();

    SpecReader() {}

    /** The one document in {@code bytes}; {@code source} names it in errors. */
    JsonNode read(byte[] bytes, String source) {
        if (bytes.length > MAX_BYTES) {
            throw fail(source, "manifest is " + bytes.length + " bytes; the limit is " + MAX_BYTES + " bytes");
        }
        final String text = new String(bytes, StandardCharsets.UTF_8);
        final String trimmed = text.stripLeading();
        if (trimmed.isEmpty()) {
            throw fail(source, "manifest is empty");
        }
        final boolean isJson = trimmed.startsWith("{") || trimmed.startsWith("[");
        final ObjectMapper mapper = isJson ? json : yaml;
        try (JsonParser parser = mapper.getFactory().createParser(text)) {
            final JsonNode tree = mapper.readTree(parser);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw fail(source, "manifest is empty");
            }
            if (parser.nextToken() != null) {
                throw fail(
                        source,
                        isJson
                                ? "unexpected content after the JSON document at " + where(parser.currentLocation())
                                : "multi-document YAML is not supported: put one SeldonDeployment per file (second"
                                        + " document at " + where(parser.currentLocation()) + ")");
            }
            if (!tree.isObject()) {
                throw fail(
                        source,
                        "manifest must be an object, found "
                                + tree.getNodeType().name().toLowerCase());
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw fail(
                    source,
                    "malformed " + (isJson ? "JSON" : "YAML") + " at " + where(e.getLocation()) + ": "
                            + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException | RuntimeException e) {
            if (e instanceof SpecException) {
                throw (SpecException) e;
            }
            throw fail(source, "unreadable " + (isJson ? "JSON" : "YAML") + ": " + firstLine(e));
        }
    }

    private static String firstLine(Exception e) {
        final String message = String.valueOf(e.getMessage());
        return message.lines().findFirst().orElse(e.getClass().getSimpleName());
    }

    private static String where(JsonLocation location) {
        if (location == null) {
            return "an unknown position";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static SpecException fail(String source, String message) {
        return new SpecException(Problem.of(source, "", message));
    }
}
