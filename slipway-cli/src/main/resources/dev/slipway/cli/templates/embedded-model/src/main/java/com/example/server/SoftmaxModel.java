package com.example.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A multinomial logistic regression (softmax) over standardised features: what {@link Trainer} writes at build
 * time and {@link Server} reads from its own jar. The text form is one keyword per line followed by values
 * separated by spaces ({@code features}, {@code classes}, {@code mean}, {@code scale}, then one {@code weights}
 * line per class: the bias, then one weight per feature); {@code #} starts a comment.
 *
 * @param features the feature names, in request column order
 * @param classes the class labels
 * @param mean the mean of each feature in the training data
 * @param scale the standard deviation of each feature in the training data
 * @param weights per class: the bias, then one weight per standardised feature
 */
public record SoftmaxModel(List<String> features, List<String> classes, double[] mean, double[] scale,
    double[][] weights) {

  /** The class probabilities of one row (they sum to 1). */
  public double[] probabilities(double[] row) {
    final double[] z = new double[classes.size()];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < z.length; k++) {
      double s = weights[k][0];
      for (int f = 0; f < mean.length; f++) {
        s += weights[k][f + 1] * (row[f] - mean[f]) / scale[f];
      }
      z[k] = s;
      max = Math.max(max, s);
    }
    double sum = 0;
    for (int k = 0; k < z.length; k++) {
      z[k] = StrictMath.exp(z[k] - max); // StrictMath: the same bits on every machine
      sum += z[k];
    }
    for (int k = 0; k < z.length; k++) {
      z[k] /= sum;
    }
    return z;
  }

  /** The index (in {@link #classes}) of the most probable class of one row. */
  public int predict(double[] row) {
    final double[] p = probabilities(row);
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best;
  }

  /** Writes the text form: the same model always gives the same characters. */
  public void write(Writer out, String comment) throws IOException {
    out.write("# " + comment + "\n");
    out.write("features " + String.join(" ", features) + "\n");
    out.write("classes " + String.join(" ", classes) + "\n");
    out.write("mean " + join(mean) + "\n");
    out.write("scale " + join(scale) + "\n");
    for (final double[] w : weights) {
      out.write("weights " + join(w) + "\n");
    }
  }

  /** Reads the text form written by {@link #write}. */
  public static SoftmaxModel read(BufferedReader in) throws IOException {
    List<String> features = null;
    List<String> classes = null;
    double[] mean = null;
    double[] scale = null;
    final List<double[]> weights = new ArrayList<>();
    String line;
    while ((line = in.readLine()) != null) {
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      final String[] parts = line.split("\\s+");
      final List<String> values = List.of(parts).subList(1, parts.length);
      switch (parts[0]) {
        case "features" -> features = values;
        case "classes" -> classes = values;
        case "mean" -> mean = numbers(values);
        case "scale" -> scale = numbers(values);
        case "weights" -> weights.add(numbers(values));
        default -> throw new IOException("unknown line '" + parts[0] + "'");
      }
    }
    boolean complete = features != null && classes != null && mean != null && scale != null
        && weights.size() == classes.size() && mean.length == features.size() && scale.length == features.size();
    for (final double[] w : weights) {
      complete &= features != null && w.length == features.size() + 1;
    }
    if (!complete) {
      throw new IOException("incomplete model: needs features, classes, mean, scale and one weights line per class");
    }
    return new SoftmaxModel(features, classes, mean, scale, weights.toArray(double[][]::new));
  }

  private static String join(double[] values) {
    final StringBuilder b = new StringBuilder();
    for (final double v : values) {
      b.append(b.length() == 0 ? "" : " ").append(v); // Double.toString: shortest exact form
    }
    return b.toString();
  }

  private static double[] numbers(List<String> values) {
    return values.stream().mapToDouble(Double::parseDouble).toArray();
  }

  @Override
  public String toString() {
    return "SoftmaxModel" + features + " -> " + classes + ", weights " + Arrays.deepToString(weights);
  }
}
