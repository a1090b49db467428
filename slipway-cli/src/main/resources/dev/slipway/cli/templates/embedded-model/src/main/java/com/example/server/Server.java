package com.example.server;

import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelException;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * ${NAME}: a custom server whose model is inside its own jar ({@value #MODEL_RESOURCE}, trained from
 * {@code data/train.csv} when the jar was built). A new model is a new version of the artifact. A request is a
 * matrix with one row per flower and one column per feature (sepal length, sepal width, petal length, petal
 * width in cm); the answer is the species of each row, or with the parameter {@code output=probabilities} the
 * probability of each species.
 */
public final class Server implements Model {

  /** Where the build puts the trained model (target/classes/model/, then the jar). */
  public static final String MODEL_RESOURCE = "/model/softmax.txt";

  private volatile SoftmaxModel model;
  private volatile boolean probabilities;

  @Override
  public void load(ModelContext context) throws Exception {
    probabilities = context.parameters().getChoice("output", "label", Set.of("label", "probabilities"))
        .equals("probabilities");
    model = readBuiltModel();
  }

  /** The model the build trained, read from this class's jar (or target/classes). */
  static SoftmaxModel readBuiltModel() {
    try (InputStream in = Server.class.getResourceAsStream(MODEL_RESOURCE)) {
      if (in == null) {
        throw new ModelException.LoadFailure(MODEL_RESOURCE + " is missing from the jar: build it with mvn package");
      }
      return SoftmaxModel.read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new ModelException.LoadFailure("cannot read " + MODEL_RESOURCE + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Payload predict(Payload input) {
    final SoftmaxModel m = model;
    if (m == null) {
      throw new IllegalStateException("predict before load");
    }
    final Tensor x = input.tensor(); // InvalidInput (400) when the request holds no tensor
    final int features = m.features().size();
    if (x.rank() != 2 || x.dim(1) != features) {
      throw new ModelException.InvalidInput("expected rows of " + features + " numbers " + m.features()
          + " but got " + x.describeType());
    }
    final double[] values = x.toDoubles(); // InvalidInput when it holds text
    final int rows = (int) x.dim(0);
    final double[] row = new double[features];
    final String[] labels = new String[rows];
    final double[] probs = new double[rows * m.classes().size()];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(values, r * features, row, 0, features);
      final double[] p = m.probabilities(row);
      System.arraycopy(p, 0, probs, r * p.length, p.length);
      labels[r] = m.classes().get(m.predict(row));
    }
    return probabilities
        ? Payload.of(Tensor.ofDoubles(probs, rows, m.classes().size())).withNames(m.classes())
        : Payload.of(Tensor.ofStrings(labels, rows));
  }
}
