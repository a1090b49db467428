package dev.slipway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.support.Limits;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared fixtures for benchmarks: system property {@code slipway.fixtures}, else
 * {@code ../shared/fixtures} or {@code ../../shared/fixtures} from the working directory.
 */
public final class BenchFixtures {

    private BenchFixtures() {}

    public static Path dir(String fixture) {
        String prop = System.getProperty("slipway.fixtures");
        List<Path> roots = prop != null
                ? List.of(Path.of(prop))
                : List.of(
                        Path.of("../shared/fixtures"),
                        Path.of("../../shared/fixtures"),
                        Path.of("../../../shared/fixtures"));
        for (Path root : roots) {
            if (Files.isDirectory(root.resolve(fixture))) {
                return root.resolve(fixture).toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException(
                "fixture " + fixture + " not found; pass -Dslipway.fixtures=/path/to/shared/fixtures");
    }

    /** {@code batch} rows of the fixture's inputs (cycled), flattened, with the shape of one row. */
    public static Rows rows(String fixture, int batch) throws IOException {
        JsonNode nd = Mappers.json(Limits.PAYLOAD)
                .readTree(dir(fixture).resolve("inputs.json").toFile())
                .path("data")
                .path("ndarray");
        List<Long> rowShape = new ArrayList<>();
        for (JsonNode n = nd.get(0); n.isArray(); n = n.get(0)) {
            rowShape.add((long) n.size());
        }
        List<Double> first = new ArrayList<>();
        flatten(nd.get(0), first);
        int width = first.size();
        double[] values = new double[batch * width];
        for (int r = 0; r < batch; r++) {
            List<Double> row = new ArrayList<>();
            flatten(nd.get(r % nd.size()), row);
            for (int j = 0; j < width; j++) {
                values[r * width + j] = row.get(j);
            }
        }
        long[] shape = new long[rowShape.size() + 1];
        shape[0] = batch;
        for (int i = 0; i < rowShape.size(); i++) {
            shape[i + 1] = rowShape.get(i);
        }
        return new Rows(values, shape);
    }

    private static void flatten(JsonNode n, List<Double> out) {
        if (n.isArray()) {
            n.forEach(c -> flatten(c, out));
        } else {
            out.add(n.asDouble());
        }
    }

    /** Row-major values and their shape ({@code [batch, …]}). */
    public record Rows(double[] values, long[] shape) {
        public float[] floats() {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            return f;
        }
    }
}
