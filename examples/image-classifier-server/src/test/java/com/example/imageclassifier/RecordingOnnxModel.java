package com.example.imageclassifier;

import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelMetadata;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A test double standing in for Slipway's ONNX_SERVER runtime, which is not on this repository's classpath (the
 * server gets it from {@code slipway serve}). It runs no model: it records the context it was loaded with and every
 * payload it is asked to predict, and answers one label per image ({@code answer}) so the classifier's own work —
 * decoding, normalising, batching — can be checked on the tensor it hands over.
 */
final class RecordingOnnxModel implements Model {

  /** What {@link #load} received. */
  ModelContext loadedWith;
  /** Every payload given to {@link #predict}, in order. */
  final List<Payload> received = new ArrayList<>();
  /** Set by {@link #close}. */
  boolean closed;
  /** The label answered for every image. */
  long answer = 7;

  @Override
  public void load(ModelContext context) {
    loadedWith = context;
  }

  @Override
  public Payload predict(Payload input) {
    received.add(input);
    final int n = (int) input.tensor().dim(0);
    final long[] labels = new long[n];
    java.util.Arrays.fill(labels, answer);
    return Payload.of(Tensor.ofLongs(labels, n));
  }

  /** The only tensor of the last prediction. */
  Tensor lastTensor() {
    return received.get(received.size() - 1).tensor();
  }

  @Override
  public ModelMetadata metadata() {
    return ModelMetadata.of("onnx-double");
  }

  @Override
  public void close() {
    closed = true;
  }
}
