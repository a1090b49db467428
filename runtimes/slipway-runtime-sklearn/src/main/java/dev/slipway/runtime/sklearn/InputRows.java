package dev.slipway.runtime.sklearn;

import dev.slipway.model.DataType;
import dev.slipway.model.ModelException;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.runtime.sklearn.estimators.DenseRows;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.estimators.TextRows;
import java.util.Arrays;

/** Turns a request payload into the rows a model reads, with errors that say expected versus actual. */
final class InputRows {

  private InputRows() {}

  static Rows of(Payload payload, boolean text, int features) {
    if (payload.kind() == Payload.Kind.STRING && text) {
      return new TextRows(new String[] {payload.string()});
    }
    if (payload.kind() != Payload.Kind.TENSORS) {
      throw new ModelException.InvalidInput(
          "expected " + expectation(text, features) + " but the request holds " + payload.describe());
    }
    Tensor t = payload.tensor();
    boolean isText = t.type() == DataType.STRING || t.type() == DataType.BYTES;
    long[] shape = t.shape();
    if (text) {
      if (!isText) {
        throw new ModelException.InvalidInput(
            "expected " + expectation(true, features) + " but got numbers " + t.describeType());
      }
      if (shape.length > 2 || (shape.length == 2 && shape[1] != 1)) {
        throw new ModelException.InvalidInput(
            "expected " + expectation(true, features) + " but got text of shape " + Arrays.toString(shape));
      }
      return new TextRows(t.toStrings().clone());
    }
    if (isText) {
      throw new ModelException.InvalidInput(
          "expected " + expectation(false, features) + " but got text " + t.describeType());
    }
    if (shape.length != 2) {
      throw new ModelException.InvalidInput(
          "expected " + expectation(false, features) + " but got a " + shape.length + "-D array "
              + t.describeType() + " (send a list of rows, e.g. [[...]])");
    }
    if (features >= 0 && shape[1] != features) {
      throw new ModelException.InvalidInput(
          "expected " + features + " features per row but got " + shape[1] + " (" + t.describeType() + ")");
    }
    double[] v = t.type() == DataType.FP64 ? t.doubles().clone() : t.toDoubles();
    return new DenseRows((int) shape[0], (int) shape[1], v);
  }

  private static String expectation(boolean text, int features) {
    return text ? "text documents (a list of strings, or [[text]] rows)"
        : "numeric rows [n, " + (features >= 0 ? features : "n_features") + "]";
  }
}
