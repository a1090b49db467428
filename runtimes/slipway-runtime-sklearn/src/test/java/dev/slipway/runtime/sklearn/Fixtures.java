package dev.slipway.runtime.sklearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.slipway.model.DataType;
import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelFactories;
import dev.slipway.model.Parameters;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads golden fixtures (index.json, inputs.json, expected.json) and checks outputs against them. */
final class Fixtures {

    /** One fixture of an index. */
    record Fixture(Path dir, Map<String, Object> entry) {
        String name() {
            return (String) entry.get("name");
        }

        @SuppressWarnings("unchecked")
        List<String> methods() {
            return (List<String>) entry.get("methods");
        }

        Object tolerance(String method) {
            return ((Map<?, ?>) entry.get("tolerance")).get(method);
        }

        Path modelFile() {
            return dir.resolve((String) entry.get("model_file"));
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private Fixtures() {}

    /** The shared fixtures folder (system property {@code slipway.fixtures}). */
    static Path shared() {
        String p = System.getProperty("slipway.fixtures");
        assertThat(p).as("system property slipway.fixtures").isNotNull();
        return Path.of(p);
    }

    /** This module's own fixtures folder. */
    static Path own() {
        return Path.of("src/test/resources/fixtures");
    }

    /** The fixtures of one index whose kind is one of {@code kinds}. */
    static List<Fixture> list(Path root, String... kinds) {
        try {
            Map<?, ?> index = (Map<?, ?>) Json.read(root.resolve("index.json"));
            List<Fixture> out = new ArrayList<>();
            for (Object o : (List<?>) index.get("fixtures")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> f = (Map<String, Object>) o;
                if (List.of(kinds).contains((String) f.get("kind"))) {
                    out.add(new Fixture(root.resolve((String) f.get("name")), f));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A SKLEARN_SERVER model loaded from a folder through the public loader. */
    static Model load(Path dir, String method) throws Exception {
        ModelFactories factories = ModelFactories.load(Fixtures.class.getClassLoader());
        Model m = factories.require("SKLEARN_SERVER").create();
        Parameters p = method == null ? Parameters.empty() : Parameters.of(Map.of("method", method));
        m.load(new ModelContext("test", dir, dir.toUri().toString(), p, factories));
        return m;
    }

    /** The request payload of a fixture's inputs.json. */
    static Payload inputs(Path dir) throws IOException {
        Map<?, ?> body = (Map<?, ?>) Json.read(dir.resolve("inputs.json"));
        Map<?, ?> data = (Map<?, ?>) body.get("data");
        Payload p = Payload.of(tensor(data.get("ndarray")));
        if (data.get("names") instanceof List<?> names) {
            p = p.withNames(names.stream().map(String::valueOf).toList());
        }
        return p;
    }

    /**
     * A Seldon ndarray as a tensor, as the v1 protocol reads it: any string → STRING (numbers as their
     * Python text, null as {@code None}), else FP64 (null as NaN).
     */
    static Tensor tensor(Object nd) {
        long[] s = shape(nd);
        List<Object> leaves = new ArrayList<>();
        flatten(nd, leaves);
        if (leaves.stream().anyMatch(o -> o instanceof String)) {
            return Tensor.ofStrings(leaves.stream().map(Fixtures::pythonText).toArray(String[]::new), s);
        }
        return Tensor.ofDoubles(
                leaves.stream()
                        .mapToDouble(o -> o == null ? Double.NaN : ((Number) o).doubleValue())
                        .toArray(),
                s);
    }

    private static String pythonText(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Double d) {
            return d.isNaN() ? "nan" : d.isInfinite() ? (d > 0 ? "inf" : "-inf") : d.toString();
        }
        if (o instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return o.toString();
    }

    private static long[] shape(Object nd) {
        List<Long> shape = new ArrayList<>();
        Object n = nd;
        while (n instanceof List<?> l) {
            shape.add((long) l.size());
            n = l.isEmpty() ? null : l.get(0);
        }
        return shape.stream().mapToLong(Long::longValue).toArray();
    }

    private static void flatten(Object n, List<Object> out) {
        if (n instanceof List<?> l) {
            l.forEach(c -> flatten(c, out));
        } else {
            out.add(n);
        }
    }

    /** Asserts an output equals the expected JSON, exactly or within {@code tolerance} ({abs, rel}). */
    static void check(String what, Tensor actual, Object expected, Object tolerance) {
        List<Object> leaves = new ArrayList<>();
        flatten(expected, leaves);
        assertThat(actual.shape()).as(what + " shape").containsExactly(shape(expected));
        boolean exact = !(tolerance instanceof Map<?, ?>);
        for (int i = 0; i < leaves.size(); i++) {
            Object e = leaves.get(i);
            String at = what + "[" + i + "]";
            if (e instanceof String str) {
                assertThat(actual.type()).as(at + " type").isEqualTo(DataType.STRING);
                assertThat(actual.strings()[i]).as(at).isEqualTo(str);
            } else if (e instanceof Long l) {
                assertThat(actual.type()).as(at + " type (int labels)").isEqualTo(DataType.INT64);
                assertThat(actual.longs()[i]).as(at).isEqualTo(l);
            } else if (e instanceof Boolean b) {
                assertThat(actual.booleans()[i]).as(at).isEqualTo(b);
            } else {
                assertThat(actual.type()).as(at + " type").isEqualTo(DataType.FP64);
                double a = actual.doubles()[i];
                double x = ((Number) e).doubleValue();
                if (exact) {
                    assertThat(a).as(at).isEqualTo(x);
                } else {
                    Map<?, ?> t = (Map<?, ?>) tolerance;
                    double abs = ((Number) t.get("abs")).doubleValue();
                    double rel = ((Number) t.get("rel")).doubleValue();
                    if (!(Math.abs(a - x) <= abs || Math.abs(a - x) <= rel * Math.abs(x))) {
                        fail(at + ": expected " + x + " but got " + a + " (abs " + abs + ", rel " + rel + ")");
                    }
                }
            }
        }
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }
}
