package com.example.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelException;
import dev.slipway.model.ModelFactories;
import dev.slipway.model.Parameters;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link Server}: it answers from the model the build trained into its classes, as slipway serve runs it. */
class ServerTest {

  @Test
  void predict_heldOutRows_answersTheirSpecies() throws Exception {
    final Dataset test = Dataset.read(Path.of("data/test.csv"));
    final double[] values = new double[test.size() * test.features().size()];
    for (int i = 0; i < test.size(); i++) {
      System.arraycopy(test.x()[i], 0, values, i * test.features().size(), test.features().size());
    }

    final String[] species = load(Map.of()).predict(
        Payload.of(Tensor.ofDoubles(values, test.size(), test.features().size()))).tensor().toStrings();

    int right = 0;
    for (int i = 0; i < species.length; i++) {
      right += species[i].equals(test.labels().get(i)) ? 1 : 0;
    }
    assertTrue(right >= TrainerTest.MIN_ACCURACY * test.size(), right + " of " + test.size() + " right");
  }

  @Test
  void predict_theIntegrationCasesRows_answersWhatTheyExpect() throws Exception {
    final Payload out = load(Map.of()).predict(
        Payload.of(Tensor.ofDoubles(new double[] {5.0, 3.6, 1.4, 0.2, 6.4, 2.9, 4.3, 1.3, 6.5, 3.0, 5.8, 2.2}, 3, 4)));

    assertArrayEquals(new String[] {"setosa", "versicolor", "virginica"}, out.tensor().toStrings());
  }

  @Test
  void predict_outputProbabilities_givesOneRowPerRequestRowSummingToOne() throws Exception {
    final Payload out = load(Map.of("output", "probabilities")).predict(
        Payload.of(Tensor.ofDoubles(new double[] {5.1, 3.5, 1.4, 0.2}, 1, 4)));

    final double[] p = out.tensor().toDoubles();
    assertArrayEquals(new long[] {1, 3}, out.tensor().shape());
    assertEquals(List.of("setosa", "versicolor", "virginica"), out.names());
    assertEquals(1.0, p[0] + p[1] + p[2], 1e-9);
    assertTrue(p[0] > 0.9, "setosa " + p[0]);
  }

  @Test
  void predict_wrongWidthOrText_isInvalidInput() throws Exception {
    final Server server = load(Map.of());

    assertThrows(ModelException.InvalidInput.class,
        () -> server.predict(Payload.of(Tensor.ofDoubles(new double[] {1, 2, 3}, 1, 3))));
    assertThrows(ModelException.InvalidInput.class,
        () -> server.predict(Payload.of(Tensor.ofStrings(new String[] {"a", "b", "c", "d"}, 1, 4))));
  }

  @Test
  void load_unknownOutput_fails() {
    assertThrows(ModelException.LoadFailure.class, () -> load(Map.of("output", "logits")));
  }

  private static Server load(Map<String, String> parameters) throws Exception {
    final Server server = new Server();
    server.load(new ModelContext("classifier", null, null, Parameters.of(parameters), ModelFactories.of(List.of())));
    return server;
  }
}
