package dev.slipway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.model.Tensor;
import dev.slipway.support.Limits;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A reference fixture folder of {@code ../shared/fixtures} (system property {@code slipway.fixtures}):
 * its Seldon request ({@code inputs.json}), Python's outputs ({@code expected.json}) and the tolerance
 * rules of its README (labels exact; floats within an absolute or relative bound).
 */
public record ReferenceFixture(Path dir, JsonNode inputs, JsonNode expected) {

    private static final ObjectMapper JSON = Mappers.json(Limits.PAYLOAD);

    /** The fixtures folder. */
    public static Path root() {
        return Path.of(System.getProperty("slipway.fixtures", "../shared/fixtures"))
                .toAbsolutePath()
                .normalize();
    }

    /** {@code index.json}. */
    public static JsonNode index() {
        return read(root().resolve("index.json"));
    }

    /** The fixture called {@code name}. */
    public static ReferenceFixture named(String name) {
        Path dir = root().resolve(name);
        return new ReferenceFixture(dir, read(dir.resolve("inputs.json")), read(dir.resolve("expected.json")));
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** {@code data.ndarray} of inputs.json as an FP64 tensor of its nested shape. */
    public Tensor input() {
        return tensor(inputs.path("data").path("ndarray"));
    }

    /** An expected output as an FP64 tensor. */
    public Tensor expected(String key) {
        return tensor(expected.path(key));
    }

    /** This fixture's tolerance for an output, from index.json ({@code "exact"} or {@code {abs, rel}}), or null. */
    public @Nullable JsonNode tolerance(String key) {
        String name = dir.getFileName().toString();
        for (JsonNode f : index().get("fixtures")) {
            if (f.get("name").asText().equals(name)) {
                return f.path("tolerance").get(key);
            }
        }
        return null;
    }

    /** A nested JSON array of numbers as an FP64 tensor. */
    public static Tensor tensor(JsonNode nested) {
        List<Long> shape = new ArrayList<>();
        for (JsonNode n = nested; n.isArray(); n = n.get(0)) {
            shape.add((long) n.size());
        }
        List<JsonNode> flat = new ArrayList<>();
        flatten(nested, flat);
        return Tensor.ofDoubles(
                flat.stream().mapToDouble(JsonNode::asDouble).toArray(),
                shape.stream().mapToLong(Long::longValue).toArray());
    }

    private static void flatten(JsonNode n, List<JsonNode> out) {
        if (n.isArray()) {
            n.forEach(c -> flatten(c, out));
        } else {
            out.add(n);
        }
    }

    /** Float32 closeness as the fixtures define it: each element within 1e-6 absolute or 1e-5 relative. */
    public static void assertFloat32Close(Tensor actual, Tensor expected) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        for (int i = 0; i < expected.size(); i++) {
            assertClose(actual.getDouble(i), expected.getDouble(i), 1e-6, 1e-5, "element " + i);
        }
    }

    /**
     * Checks an answer against Python's output element by element: strings and labels exactly, floats
     * within {@code tolerance} ({@code {abs, rel}}; null or {@code "exact"} means exact).
     */
    public static void assertMatches(Tensor actual, JsonNode expected, JsonNode tolerance, String what) {
        List<JsonNode> want = new ArrayList<>();
        flatten(expected, want);
        assertThat(actual.size()).as(what + ": element count").isEqualTo(want.size());
        String[] text = actual.toStrings();
        for (int i = 0; i < want.size(); i++) {
            JsonNode w = want.get(i);
            if (w.isTextual()) {
                assertThat(text[i]).as(what + "[" + i + "]").isEqualTo(w.asText());
            } else if (tolerance == null || tolerance.isTextual()) {
                assertThat(actual.getDouble(i)).as(what + "[" + i + "] (exact)").isEqualTo(w.asDouble());
            } else {
                assertClose(
                        actual.getDouble(i),
                        w.asDouble(),
                        tolerance.get("abs").asDouble(),
                        tolerance.get("rel").asDouble(),
                        what + "[" + i + "]");
            }
        }
    }

    private static void assertClose(double actual, double expected, double abs, double rel, String what) {
        double diff = Math.abs(actual - expected);
        assertThat(diff <= abs || diff <= rel * Math.abs(expected))
                .as("%s: %s vs expected %s", what, actual, expected)
                .isTrue();
    }
}
