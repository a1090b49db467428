package dev.slipway.runtime.sklearn.neural;

import dev.slipway.model.ModelException;
import dev.slipway.model.Tensor;
import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.DenseRows;
import dev.slipway.runtime.sklearn.estimators.Estimator;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Fitted;
import dev.slipway.runtime.sklearn.estimators.Labels;
import dev.slipway.runtime.sklearn.estimators.Method;
import dev.slipway.runtime.sklearn.estimators.Methods;
import dev.slipway.runtime.sklearn.estimators.Outputs;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.estimators.SparseRows;
import dev.slipway.runtime.sklearn.pickle.NdArray;
import java.util.List;
import java.util.Set;

/**
 * {@code MLPClassifier} and {@code MLPRegressor}: scikit-learn's {@code _forward_pass_fast} — per layer
 * {@code a @ coefs_[i]} then {@code += intercepts_[i]}, the hidden activation (identity, logistic, tanh,
 * relu) on every layer but the last, {@code out_activation_} (identity, logistic, softmax) on the last.
 * Classifier outputs follow its {@code LabelBinarizer}: binary thresholds the single output at 0.5
 * (predict_proba is [1 − p, p]), multiclass takes the argmax, multilabel returns the 0/1 indicator
 * matrix. Immutable.
 */
public final class Mlp extends Fitted {

    private enum Activation {
        IDENTITY,
        LOGISTIC,
        TANH,
        RELU,
        SOFTMAX
    }

    private enum Target {
        REGRESSION,
        BINARY,
        MULTICLASS,
        MULTILABEL
    }

    private final double[][] weights;
    private final double[][] biases;
    private final int[] widths;
    private final Activation hidden;
    private final Activation output;
    private final Target target;

    private Mlp(
            Attributes a,
            double[][] weights,
            double[][] biases,
            int[] widths,
            Activation hidden,
            Activation output,
            Target target,
            Labels classes) {
        super(a, widths[0], classes);
        this.weights = weights;
        this.biases = biases;
        this.widths = widths;
        this.hidden = hidden;
        this.output = output;
        this.target = target;
    }

    /** Registers the classes of this family. */
    public static void register(EstimatorRegistry.Builder b) {
        b.estimator(a -> create(a, true), "MLPClassifier");
        b.estimator(a -> create(a, false), "MLPRegressor");
        b.helper("LabelBinarizer", "AdamOptimizer", "SGDOptimizer");
    }

    private static Activation activation(Attributes a, String name, boolean out) {
        Object v = a.get(name);
        if (v instanceof String s) {
            switch (s) {
                case "identity":
                    return Activation.IDENTITY;
                case "logistic":
                    return Activation.LOGISTIC;
                case "tanh":
                    if (!out) {
                        return Activation.TANH;
                    }
                    break;
                case "relu":
                    if (!out) {
                        return Activation.RELU;
                    }
                    break;
                case "softmax":
                    if (out) {
                        return Activation.SOFTMAX;
                    }
                    break;
                default:
                    break;
            }
        }
        throw a.unsupported(name, v);
    }

    private static Estimator create(Attributes a, boolean classifier) {
        List<Object> coefs = a.list("coefs_");
        List<Object> intercepts = a.list("intercepts_");
        if (coefs.isEmpty() || coefs.size() != intercepts.size()) {
            throw a.invalid("intercepts_", coefs.size() + " arrays (one per array of coefs_)");
        }
        int layers = coefs.size();
        double[][] w = new double[layers][];
        double[][] b = new double[layers][];
        int[] widths = new int[layers + 1];
        for (int i = 0; i < layers; i++) {
            if (!(coefs.get(i) instanceof NdArray c) || c.ndim() != 2) {
                throw a.invalid("coefs_", "2-D arrays");
            }
            if (!(intercepts.get(i) instanceof NdArray bi) || bi.ndim() != 1 || bi.dim(0) != c.dim(1)) {
                throw a.invalid("intercepts_", "1-D arrays as wide as the layers of coefs_");
            }
            if (i > 0 && c.dim(0) != widths[i]) {
                throw a.invalid("coefs_", "layers whose input width is the previous layer's output width");
            }
            widths[i] = c.dim(0);
            widths[i + 1] = c.dim(1);
            w[i] = c.toDoubles();
            b[i] = bi.toDoubles();
        }
        if (a.nFeaturesIn().isPresent() && a.nFeaturesIn().get() != widths[0]) {
            throw a.invalid("coefs_", a.nFeaturesIn().get() + " input rows (n_features_in_)");
        }
        Activation hidden = activation(a, "activation", false);
        Activation out = activation(a, "out_activation_", true);
        if (!classifier) {
            return new Mlp(a, w, b, widths, hidden, out, Target.REGRESSION, null);
        }
        Labels labels = a.labels();
        Attributes lb = a.nested(a.get("_label_binarizer"), "_label_binarizer");
        String type = lb.string("y_type_", null);
        if (type == null) {
            throw lb.missing("y_type_");
        }
        Target t = switch (type) {
            case "binary" -> Target.BINARY;
            case "multiclass" -> Target.MULTICLASS;
            case "multilabel-indicator" -> Target.MULTILABEL;
            default -> throw lb.unsupported("y_type_", type);
        };
        int expected = t == Target.BINARY ? 1 : labels.size();
        if (widths[layers] != expected) {
            throw a.invalid("coefs_", expected + " outputs for " + labels.size() + " classes (" + type + ")");
        }
        if (lb.number("pos_label", 1) != 1 || lb.number("neg_label", 0) != 0) {
            throw new ModelException.LoadFailure(
                    a.className() + "._label_binarizer with pos_label/neg_label other than 1/0" + " is not supported");
        }
        return new Mlp(a, w, b, widths, hidden, out, t, labels);
    }

    @Override
    public Set<Method> methods() {
        return target == Target.REGRESSION
                ? Methods.of(Method.PREDICT)
                : Methods.of(Method.PREDICT, Method.PREDICT_PROBA);
    }

    /** The network's outputs [n][outputs]. */
    private double[][] forward(Rows x) {
        Rows r = x.requireNumeric(widths[0], className);
        int n = r.count();
        int layers = weights.length;
        double[][] out = new double[n][];
        for (int row = 0; row < n; row++) {
            double[] act = firstLayer(r, row);
            for (int l = 0; l < layers; l++) {
                if (l > 0) {
                    act = layer(act, l);
                }
                double[] bias = biases[l];
                for (int j = 0; j < act.length; j++) {
                    act[j] += bias[j];
                }
                apply(l < layers - 1 ? hidden : output, act);
            }
            out[row] = act;
        }
        return out;
    }

    private double[] firstLayer(Rows r, int row) {
        int width = widths[1];
        double[] w = weights[0];
        double[] acc = new double[width];
        if (r instanceof SparseRows s) {
            int[] idx = s.indices()[row];
            double[] v = s.values()[row];
            for (int j = 0; j < width; j++) {
                double sum = 0;
                for (int k = 0; k < idx.length; k++) {
                    sum += v[k] * w[idx[k] * width + j];
                }
                acc[j] = sum;
            }
            return acc;
        }
        DenseRows d = (DenseRows) r;
        return product(d.values(), row * widths[0], widths[0], w, width);
    }

    private double[] layer(double[] in, int l) {
        return product(in, 0, widths[l], weights[l], widths[l + 1]);
    }

    private static double[] product(double[] x, int off, int inWidth, double[] w, int outWidth) {
        double[] out = new double[outWidth];
        for (int j = 0; j < outWidth; j++) {
            double sum = 0;
            for (int i = 0; i < inWidth; i++) {
                sum += x[off + i] * w[i * outWidth + j];
            }
            out[j] = sum;
        }
        return out;
    }

    private static void apply(Activation f, double[] v) {
        switch (f) {
            case IDENTITY -> {}
            case LOGISTIC -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = Outputs.expit(v[i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.tanh(v[i]);
                }
            }
            case RELU -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.isNaN(v[i]) ? v[i] : Math.max(v[i], 0);
                }
            }
            case SOFTMAX -> Outputs.softmaxInPlace(v);
        }
    }

    @Override
    public Tensor predict(Rows x) {
        double[][] y = forward(x);
        int n = y.length;
        int k = widths[widths.length - 1];
        switch (target) {
            case REGRESSION -> {
                return k == 1 ? Outputs.vector(column(y)) : Outputs.matrix(y, k);
            }
            case BINARY -> {
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) {
                    idx[i] = y[i][0] > 0.5 ? 1 : 0;
                }
                return classes.take(idx);
            }
            case MULTICLASS -> {
                return classes.takeArgmax(y);
            }
            default -> {
                long[] out = new long[n * k];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < k; j++) {
                        out[i * k + j] = y[i][j] > 0.5 ? 1 : 0;
                    }
                }
                return Tensor.ofLongs(out, n, k);
            }
        }
    }

    private static double[] column(double[][] y) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i][0];
        }
        return out;
    }

    @Override
    public Tensor predictProba(Rows x) {
        if (target == Target.REGRESSION) {
            throw unsupported(Method.PREDICT_PROBA);
        }
        double[][] y = forward(x);
        if (target == Target.BINARY) {
            double[][] out = new double[y.length][];
            for (int i = 0; i < y.length; i++) {
                out[i] = new double[] {1 - y[i][0], y[i][0]};
            }
            return Outputs.matrix(out, 2);
        }
        return Outputs.matrix(y, widths[widths.length - 1]);
    }
}
