package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.model.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shared reference fixtures (../shared/fixtures) and their tolerance rules. */
public final class Fixtures {

  public static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  public static Path root() {
    return Path.of(System.getProperty("slipway.fixtures", "../../shared/fixtures")).toAbsolutePath().normalize();
  }

  public static JsonNode index() throws IOException {
    return JSON.readTree(root().resolve("index.json").toFile());
  }

  public static JsonNode expected(String fixture) throws IOException {
    return JSON.readTree(root().resolve(fixture).resolve("expected.json").toFile());
  }

  /** Checks a response tensor against Python's output: labels exactly, floats within the tolerance. */
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
        double a = actual.getDouble(i);
        double e = w.asDouble();
        double abs = tolerance.get("abs").asDouble();
        double rel = tolerance.get("rel").asDouble();
        assertThat(Math.abs(a - e) <= abs || Math.abs(a - e) <= rel * Math.abs(e))
            .as(what + "[" + i + "]: " + a + " vs " + e).isTrue();
      }
    }
  }

  private static void flatten(JsonNode n, List<JsonNode> out) {
    if (n.isArray()) {
      n.forEach(c -> flatten(c, out));
    } else {
      out.add(n);
    }
  }
}
