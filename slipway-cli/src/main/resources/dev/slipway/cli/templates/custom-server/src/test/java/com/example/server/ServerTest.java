package com.example.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelException;
import dev.slipway.model.ModelFactories;
import dev.slipway.model.Parameters;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link Server}: loaded from a model folder as slipway serve loads it, then asked. */
class ServerTest {

  @TempDir Path tmp;

  @Test
  void predict_scoresEveryRowWithTheWeightsAndBiasOfTheModelFolder() throws Exception {
    final Server server = load(model("# two features, then the bias\n0.5\n-1.0\n2.0\n"));

    final Payload out = server.predict(Payload.of(Tensor.ofDoubles(new double[] {1, 1, 2, 0, 0, 4}, 3, 2)));

    assertArrayEquals(new double[] {1.5, 3.0, -2.0}, out.tensor().toDoubles(), 1e-12);
  }

  @Test
  void predict_sampleModelOfTheRepository_answersWhatTheIntegrationCasesExpect() throws Exception {
    final Server server = load(Path.of("deploy/model"));

    final Payload out = server.predict(Payload.of(Tensor.ofDoubles(new double[] {1, 1, 2, 0}, 2, 2)));

    assertArrayEquals(new double[] {1.5, 3.0}, out.tensor().toDoubles(), 1e-12);
  }

  @Test
  void predict_wrongNumberOfFeatures_isInvalidInput() throws Exception {
    final Server server = load(model("0.5\n-1.0\n2.0\n"));

    final ModelException.InvalidInput e = assertThrows(ModelException.InvalidInput.class,
        () -> server.predict(Payload.of(Tensor.ofDoubles(new double[] {1, 2, 3}, 1, 3))));
    assertTrue(e.getMessage().contains("expected rows of 2 numbers"), e.getMessage());
  }

  @Test
  void predict_textInsteadOfNumbers_isInvalidInput() throws Exception {
    final Server server = load(model("0.5\n-1.0\n2.0\n"));

    assertThrows(ModelException.InvalidInput.class,
        () -> server.predict(Payload.of(Tensor.ofStrings(new String[] {"a", "b"}, 1, 2))));
    assertThrows(ModelException.InvalidInput.class, () -> server.predict(Payload.ofString("1, 2")));
  }

  @Test
  void load_notANumber_failsNamingTheLine() throws Exception {
    final Path dir = model("0.5\nheavy\n2.0\n");

    final ModelException.LoadFailure e = assertThrows(ModelException.LoadFailure.class, () -> load(dir));
    assertTrue(e.getMessage().contains("weights.txt:2: 'heavy' is not a finite number"), e.getMessage());
  }

  @Test
  void load_noWeightsFile_fails() {
    assertThrows(ModelException.LoadFailure.class, () -> load(tmp));
  }

  private Path model(String weights) throws Exception {
    Files.writeString(tmp.resolve(Server.MODEL_FILE), weights);
    return tmp;
  }

  private static Server load(Path dir) throws Exception {
    final Server server = new Server();
    server.load(new ModelContext("scorer", dir, dir.toUri().toString(), Parameters.empty(),
        ModelFactories.of(List.of())));
    return server;
  }
}
