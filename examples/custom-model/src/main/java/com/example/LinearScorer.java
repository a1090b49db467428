package com.example;

import dev.slipway.model.Metric;
import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelException;
import dev.slipway.model.ModelMetadata;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An example custom model: a linear scorer whose weights live in the model folder
 * ({@code coefficients.txt}: one number per feature, then the bias), scaled by the {@code scale}
 * parameter. It compiles against slipway-model-api alone.
 *
 * <pre>
 * ./slipway serve --class com.example.LinearScorer --classpath linear-scorer.jar \
 *     --model-uri examples/custom-model/model --param scale=2
 * </pre>
 */
public final class LinearScorer implements Model {

  private double[] weights;
  private double bias;
  private double scale;

  @Override
  public void load(ModelContext context) throws Exception {
    Path file = context.requireModelDir().resolve("coefficients.txt");
    List<Double> numbers = Files.readAllLines(file).stream()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).map(Double::parseDouble).toList();
    if (numbers.size() < 2) {
      throw new ModelException.LoadFailure(file + " needs at least one weight and a bias");
    }
    weights = numbers.subList(0, numbers.size() - 1).stream().mapToDouble(Double::doubleValue).toArray();
    bias = numbers.get(numbers.size() - 1);
    scale = context.parameters().getDouble("scale", 1.0);
  }

  @Override
  public Payload predict(Payload input) {
    Tensor x = input.tensor();
    if (x.rank() != 2 || x.dim(1) != weights.length) {
      throw new ModelException.InvalidInput(
          "expected rows of " + weights.length + " features but got " + x.describeType());
    }
    double[] v = x.toDoubles();
    int rows = (int) x.dim(0);
    double[] out = new double[rows];
    for (int r = 0; r < rows; r++) {
      double s = bias;
      for (int c = 0; c < weights.length; c++) {
        s += weights[c] * v[r * weights.length + c];
      }
      out[r] = s * scale;
    }
    return Payload.of(Tensor.ofDoubles(out, rows));
  }

  @Override
  public List<Metric> metrics() {
    return List.of(Metric.counter("linear_scorer_predictions", 1));
  }

  @Override
  public Map<String, Object> tags() {
    return Map.of("scorer", "linear");
  }

  @Override
  public ModelMetadata metadata() {
    return new ModelMetadata("custom-linear", List.of("1"), List.of(), List.of(), Map.of("features", weights.length));
  }
}
