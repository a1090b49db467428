package com.example.server;

import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelException;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ${NAME}: a reusable linear scorer. The model is the file {@code weights.txt} of the deployment's
 * {@code modelUri}: one weight per feature, then the bias, one number per line ({@code #} starts a comment).
 * A request is a matrix of rows with one value per feature; the answer is one score per row,
 * {@code bias + sum(weight[i] * row[i])}.
 */
public final class Server implements Model {

  /** The file the server reads from its model folder. */
  public static final String MODEL_FILE = "weights.txt";

  private volatile Weights weights;

  @Override
  public void load(ModelContext context) throws Exception {
    weights = Weights.read(context.requireModelDir().resolve(MODEL_FILE));
  }

  @Override
  public Payload predict(Payload input) {
    final Weights w = weights;
    if (w == null) {
      throw new IllegalStateException("predict before load");
    }
    final Tensor x = input.tensor(); // InvalidInput (400) when the request holds no tensor
    if (x.rank() != 2 || x.dim(1) != w.coefficients().length) {
      throw new ModelException.InvalidInput("expected rows of " + w.coefficients().length + " numbers but got "
          + x.describeType());
    }
    final double[] values = x.toDoubles(); // InvalidInput when it holds text
    final int rows = (int) x.dim(0);
    final int features = w.coefficients().length;
    final double[] scores = new double[rows];
    for (int r = 0; r < rows; r++) {
      double s = w.bias();
      for (int c = 0; c < features; c++) {
        s += w.coefficients()[c] * values[r * features + c];
      }
      scores[r] = s;
    }
    return Payload.of(Tensor.ofDoubles(scores, rows));
  }

  /** The loaded model: the weights (one per feature) and the bias. */
  record Weights(double[] coefficients, double bias) {

    static Weights read(Path file) throws IOException {
      if (!Files.isRegularFile(file)) {
        throw new ModelException.LoadFailure("the model folder has no " + MODEL_FILE + " (" + file + ")");
      }
      final List<Double> numbers = new ArrayList<>();
      int line = 0;
      for (final String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        line++;
        final String text = raw.strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        try {
          final double v = Double.parseDouble(text);
          if (!Double.isFinite(v)) {
            throw new NumberFormatException();
          }
          numbers.add(v);
        } catch (NumberFormatException e) {
          throw new ModelException.LoadFailure(file + ":" + line + ": '" + text + "' is not a finite number");
        }
      }
      if (numbers.size() < 2) {
        throw new ModelException.LoadFailure(file + ": needs at least one weight and the bias");
      }
      final double[] coefficients = new double[numbers.size() - 1];
      for (int i = 0; i < coefficients.length; i++) {
        coefficients[i] = numbers.get(i);
      }
      return new Weights(coefficients, numbers.get(numbers.size() - 1));
    }
  }
}
