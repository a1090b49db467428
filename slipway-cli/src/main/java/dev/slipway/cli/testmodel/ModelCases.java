package dev.slipway.cli.testmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.support.Limits;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a cases file: {@code cases: [{name, request, expect, tolerance: {abs, rel}}]} in YAML or JSON.
 * A {@code request} may be given inline or as {@code requestFile: path} relative to the cases file.
 * Errors name the file and the field ({@code cases[2].expect: missing}).
 */
public final class ModelCases {

    private static final ObjectMapper YAML = Mappers.yaml(Limits.PAYLOAD.withMaxDocumentBytes(16 << 20));
    private static final Set<String> CASE_FIELDS = Set.of("name", "request", "requestFile", "expect", "tolerance");

    private ModelCases() {}

    public static List<ModelCase> read(Path file) {
        JsonNode root;
        try {
            if (Files.size(file) > 16L << 20) {
                throw new IllegalArgumentException(file + ": larger than 16 MiB");
            }
            root = YAML.readTree(file.toFile());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--cases " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode cases = root == null ? null : root.get("cases");
        if (cases == null || !cases.isArray() || cases.isEmpty()) {
            throw new IllegalArgumentException(
                    file + ": cases: missing or empty (expected cases: [{name, request, expect}])");
        }
        List<ModelCase> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < cases.size(); i++) {
            String at = file + ": cases[" + i + "]";
            JsonNode c = cases.get(i);
            if (!c.isObject()) {
                throw new IllegalArgumentException(at + ": expected a mapping");
            }
            for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!CASE_FIELDS.contains(f)) {
                    throw new IllegalArgumentException(
                            at + "." + f + ": unknown field (known: expect, name, request, requestFile, tolerance)");
                }
            }
            String name = c.path("name").asText("case-" + (i + 1));
            if (!names.add(name)) {
                throw new IllegalArgumentException(at + ".name: duplicate case name '" + name + "'");
            }
            JsonNode request = request(file, c, at);
            JsonNode expect = c.get("expect");
            if (expect == null || !expect.isObject() || expect.isEmpty()) {
                throw new IllegalArgumentException(
                        at + ".expect: missing (e.g. expect: {data: {ndarray: [[0.1, 0.9]]}})");
            }
            ResponseMatcher.check(expect, at + ".expect");
            out.add(new ModelCase(name, request, expect, tolerance(c.get("tolerance"), at + ".tolerance")));
        }
        return out;
    }

    private static JsonNode request(Path file, JsonNode c, String at) {
        if (c.has("request") == c.has("requestFile")) {
            throw new IllegalArgumentException(at + ".request: give exactly one of request or requestFile");
        }
        if (c.has("request")) {
            if (!c.get("request").isObject()) {
                throw new IllegalArgumentException(
                        at + ".request: expected a Seldon message, e.g. {data: {ndarray: [[1, 2]]}}");
            }
            return c.get("request");
        }
        Path f = file.toAbsolutePath().getParent().resolve(c.get("requestFile").asText());
        try {
            return YAML.readTree(f.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(at + ".requestFile: cannot read " + f + ": " + e.getMessage());
        }
    }

    private static ModelCase.Tolerance tolerance(JsonNode t, String at) {
        if (t == null) {
            return ModelCase.Tolerance.DEFAULT;
        }
        if (!t.isObject()) {
            throw new IllegalArgumentException(at + ": expected {abs, rel}");
        }
        for (String f : List.of("abs", "rel")) {
            if (t.has(f) && (!t.get(f).isNumber() || t.get(f).asDouble() < 0)) {
                throw new IllegalArgumentException(at + "." + f + ": expected a number >= 0");
            }
        }
        return new ModelCase.Tolerance(t.path("abs").asDouble(0), t.path("rel").asDouble(0));
    }
}
