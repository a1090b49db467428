package com.example.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A CSV file of labelled rows: a header naming the columns, then one row per line; every column but the last
 * is a number (a feature), the last is the label. Classes are the distinct labels in alphabetical order.
 *
 * @param features the feature names (the header without its last column)
 * @param classes the labels, sorted
 * @param x the feature values, one array per row
 * @param labels the label of each row
 */
public record Dataset(List<String> features, List<String> classes, double[][] x, List<String> labels) {

  /** Reads {@code csv}; problems name the file and the line. */
  public static Dataset read(Path csv) throws IOException {
    final List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(csv + ": empty (expected a header line and rows)");
    }
    final String[] header = lines.get(0).strip().split(",");
    if (header.length < 2) {
      throw new IllegalArgumentException(csv + ":1: expected feature columns and a label column");
    }
    final List<String> features = List.of(header).subList(0, header.length - 1);
    final List<double[]> rows = new ArrayList<>();
    final List<String> labels = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      final String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      final String[] cells = line.split(",");
      if (cells.length != header.length) {
        throw new IllegalArgumentException(csv + ":" + (i + 1) + ": " + cells.length + " columns, expected "
            + header.length);
      }
      final double[] row = new double[features.size()];
      for (int c = 0; c < row.length; c++) {
        try {
          row[c] = Double.parseDouble(cells[c].strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(csv + ":" + (i + 1) + ": " + header[c] + " '" + cells[c]
              + "' is not a number");
        }
      }
      rows.add(row);
      labels.add(cells[cells.length - 1].strip());
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(csv + ": no rows");
    }
    return new Dataset(features, List.copyOf(new TreeSet<>(labels)), rows.toArray(double[][]::new),
        List.copyOf(labels));
  }

  /** The number of rows. */
  public int size() {
    return x.length;
  }
}
