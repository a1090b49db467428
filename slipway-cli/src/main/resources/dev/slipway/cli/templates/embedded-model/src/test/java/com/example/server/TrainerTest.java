package com.example.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Tests for {@link Trainer}: the model it trains from data/train.csv generalises, and training is repeatable. */
class TrainerTest {

  /** The least share of held-out rows the model must get right. */
  static final double MIN_ACCURACY = 0.9;

  @Test
  void train_heldOutRows_atLeastNinetyPercentRight() throws Exception {
    final SoftmaxModel model = Trainer.train(Dataset.read(Path.of("data/train.csv")));

    final double accuracy = Trainer.accuracy(model, Dataset.read(Path.of("data/test.csv")));

    assertTrue(accuracy >= MIN_ACCURACY, "held-out accuracy " + accuracy);
  }

  @Test
  void train_twice_givesTheSameModelFile() throws Exception {
    final Dataset data = Dataset.read(Path.of("data/train.csv"));

    assertEquals(Trainer.text(Trainer.train(data), "a"), Trainer.text(Trainer.train(data), "a"));
  }

  @Test
  void build_wroteTheModelTheTrainerMakes() throws Exception {
    final Dataset data = Dataset.read(Path.of("data/train.csv"));

    assertEquals(Trainer.text(Trainer.train(data), "train.csv, " + data.size() + " rows"),
        Files.readString(Path.of("target/classes" + Server.MODEL_RESOURCE)));
  }
}
