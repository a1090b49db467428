package com.example.server;

import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelException;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** ${NAME}: a linear scorer whose weights (one per feature, then the bias) come from the model folder. */
public final class Server implements Model {

  private double[] weights;
  private double bias;

  @Override
  public void load(ModelContext context) throws Exception {
    final Path file = context.requireModelDir().resolve("weights.txt");
    final List<Double> numbers = Files.readAllLines(file).stream().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(Double::parseDouble).toList();
    if (numbers.size() < 2) {
      throw new ModelException.LoadFailure(file + " needs at least one weight and a bias");
    }
    weights = numbers.subList(0, numbers.size() - 1).stream().mapToDouble(Double::doubleValue).toArray();
    bias = numbers.get(numbers.size() - 1);
  }

  @Override
  public Payload predict(Payload input) {
    final Tensor x = input.tensor();
    if (x.rank() != 2 || x.dim(1) != weights.length) {
      throw new ModelException.InvalidInput("expected rows of " + weights.length + " features but got "
          + x.describeType());
    }
    final double[] v = x.toDoubles();
    final int rows = (int) x.dim(0);
    final double[] out = new double[rows];
    for (int r = 0; r < rows; r++) {
      double s = bias;
      for (int c = 0; c < weights.length; c++) {
        s += weights[c] * v[r * weights.length + c];
      }
      out[r] = s;
    }
    return Payload.of(Tensor.ofDoubles(out, rows));
  }
}
