package dev.slipway.runtime.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.model.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A shared golden fixture folder ({@code slipway.fixtures}): its inputs and expected outputs as tensors. */
record Fixture(Path dir, JsonNode inputs, JsonNode expected) {

  static Fixture named(String name) throws IOException {
    String root = System.getProperty("slipway.fixtures", "../../../shared/fixtures");
    Path dir = Path.of(root).resolve(name).toAbsolutePath().normalize();
    ObjectMapper json = new ObjectMapper();
    return new Fixture(dir, json.readTree(dir.resolve("inputs.json").toFile()), json.readTree(dir.resolve("expected.json").toFile()));
  }

  /** {@code data.ndarray} of inputs.json as an FP64 tensor of its nested shape. */
  Tensor input() {
    return toTensor(inputs.path("data").path("ndarray"));
  }

  /** An expected output as an FP64 tensor. */
  Tensor expected(String key) {
    return toTensor(expected.path(key));
  }

  static Tensor toTensor(JsonNode nested) {
    List<Long> shape = new ArrayList<>();
    JsonNode n = nested;
    while (n.isArray()) {
      shape.add((long) n.size());
      n = n.get(0);
    }
    List<Double> flat = new ArrayList<>();
    flatten(nested, flat);
    return Tensor.ofDoubles(flat.stream().mapToDouble(Double::doubleValue).toArray(), shape.stream().mapToLong(Long::longValue).toArray());
  }

  private static void flatten(JsonNode n, List<Double> out) {
    if (n.isArray()) {
      n.forEach(c -> flatten(c, out));
    } else {
      out.add(n.asDouble());
    }
  }

  /** Asserts float32 closeness: each element within 1e-6 absolute or 1e-5 relative. */
  static void assertFloat32Close(Tensor actual, Tensor expected) {
    org.assertj.core.api.Assertions.assertThat(actual.shape()).isEqualTo(expected.shape());
    for (int i = 0; i < expected.size(); i++) {
      double a = actual.getDouble(i);
      double e = expected.getDouble(i);
      double diff = Math.abs(a - e);
      org.assertj.core.api.Assertions.assertThat(diff <= 1e-6 || diff <= 1e-5 * Math.abs(e))
          .as("element %d: %s vs expected %s", i, a, e)
          .isTrue();
    }
  }
}
