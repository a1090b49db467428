package com.example.server;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Trains the model at build time (exec-maven-plugin, phase process-classes): a softmax regression on the
 * standardised features of {@code data/train.csv}, by full-batch gradient descent from zero weights for a fixed
 * number of epochs. No randomness and {@link StrictMath}, so the same data gives the same model, byte for byte,
 * and the same commit gives the same jar.
 */
public final class Trainer {

  /** Passes over the training data. */
  static final int EPOCHS = 2000;
  /** Gradient descent step. */
  static final double LEARNING_RATE = 0.5;
  /** L2 penalty on the weights (not the biases). */
  static final double L2 = 0.001;

  private Trainer() {}

  /** {@code Trainer TRAIN_CSV MODEL_FILE}: trains on the CSV and writes the model file. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: Trainer TRAIN_CSV MODEL_FILE");
    }
    final Path data = Path.of(args[0]);
    final Path out = Path.of(args[1]);
    final Dataset train = Dataset.read(data);
    final SoftmaxModel model = train(train);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, text(model, data.getFileName() + ", " + train.size() + " rows"), StandardCharsets.UTF_8);
    System.out.printf("trained %s on %d rows of %s: %.1f%% of them right; wrote %s%n", model.classes(),
        train.size(), data.getFileName(), 100 * accuracy(model, train), out);
  }

  /** The model trained on {@code data}. */
  public static SoftmaxModel train(Dataset data) {
    final int n = data.size();
    final int f = data.features().size();
    final int k = data.classes().size();
    final double[] mean = new double[f];
    final double[] scale = new double[f];
    for (final double[] row : data.x()) {
      for (int j = 0; j < f; j++) {
        mean[j] += row[j] / n;
      }
    }
    for (final double[] row : data.x()) {
      for (int j = 0; j < f; j++) {
        scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
      }
    }
    for (int j = 0; j < f; j++) {
      scale[j] = scale[j] > 0 ? StrictMath.sqrt(scale[j]) : 1.0;
    }
    final int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = data.classes().indexOf(data.labels().get(i));
    }
    final double[][] w = new double[k][f + 1];
    final SoftmaxModel model = new SoftmaxModel(data.features(), data.classes(), mean, scale, w);
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      final double[][] gradient = new double[k][f + 1];
      for (int i = 0; i < n; i++) {
        final double[] row = data.x()[i];
        final double[] p = model.probabilities(row); // reads w, updated in place below
        for (int c = 0; c < k; c++) {
          final double error = p[c] - (y[i] == c ? 1 : 0);
          gradient[c][0] += error;
          for (int j = 0; j < f; j++) {
            gradient[c][j + 1] += error * (row[j] - mean[j]) / scale[j];
          }
        }
      }
      for (int c = 0; c < k; c++) {
        w[c][0] -= LEARNING_RATE * gradient[c][0] / n;
        for (int j = 1; j <= f; j++) {
          w[c][j] -= LEARNING_RATE * (gradient[c][j] / n + L2 * w[c][j]);
        }
      }
    }
    return model;
  }

  /** The share of rows of {@code data} whose label the model predicts. */
  public static double accuracy(SoftmaxModel model, Dataset data) {
    int right = 0;
    for (int i = 0; i < data.size(); i++) {
      if (model.classes().get(model.predict(data.x()[i])).equals(data.labels().get(i))) {
        right++;
      }
    }
    return (double) right / data.size();
  }

  /** The model file's text. */
  static String text(SoftmaxModel model, String source) {
    final StringWriter out = new StringWriter();
    try {
      model.write(out, "softmax regression trained by com.example.server.Trainer on " + source);
    } catch (IOException e) {
      throw new IllegalStateException(e); // a StringWriter does not fail
    }
    return out.toString();
  }
}
