package dev.slipway.runtime.sklearn.linear;

import dev.slipway.model.Tensor;
import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.Estimator;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Fitted;
import dev.slipway.runtime.sklearn.estimators.Labels;
import dev.slipway.runtime.sklearn.estimators.Method;
import dev.slipway.runtime.sklearn.estimators.Methods;
import dev.slipway.runtime.sklearn.estimators.Outputs;
import dev.slipway.runtime.sklearn.estimators.Rows;
import java.util.Set;

/**
 * scikit-learn's {@code LinearClassifierMixin} family: {@code LogisticRegression(CV)}, {@code LinearSVC},
 * {@code SGDClassifier}, {@code RidgeClassifier(CV)}, {@code Perceptron}, {@code PassiveAggressiveClassifier}.
 * decision = X @ coef_.T + intercept_; predict takes the positive class when a binary score is above 0,
 * else the argmax; predict_proba as each class computes it (softmax, one-vs-rest logistic, modified Huber).
 */
public final class LinearClassifier extends Fitted {

    /** How predict_proba turns scores into probabilities. */
    enum Proba {
        NONE,
        OVR_LOGISTIC,
        MULTINOMIAL,
        MODIFIED_HUBER
    }

    private final LinearKernel kernel;
    private final Proba proba;

    private LinearClassifier(String className, LinearKernel kernel, Labels classes, Proba proba, Attributes attrs) {
        super(className, kernel.features(), classes, attrs.featureNamesIn());
        this.kernel = kernel;
        this.proba = proba;
    }

    /** Registers the classes of this family. */
    public static void register(EstimatorRegistry.Builder b) {
        b.estimator(LinearClassifier::logistic, "LogisticRegression", "LogisticRegressionCV");
        b.estimator(
                a -> create(a, Proba.NONE),
                "LinearSVC",
                "RidgeClassifier",
                "RidgeClassifierCV",
                "Perceptron",
                "PassiveAggressiveClassifier");
        b.estimator(LinearClassifier::sgd, "SGDClassifier");
        b.helper(
                "Hinge",
                "Log",
                "ModifiedHuber",
                "SquaredHinge",
                "SquaredLoss",
                "Huber",
                "EpsilonInsensitive",
                "SquaredEpsilonInsensitive",
                "LabelBinarizer");
    }

    private static Estimator create(Attributes a, Proba p) {
        LinearKernel k = LinearKernel.of(a);
        Labels labels = a.labels();
        int expected = labels.size() == 2 ? 1 : labels.size();
        if (k.outputs() != expected) {
            throw a.invalid("coef_", expected + " rows for " + labels.size() + " classes");
        }
        return new LinearClassifier(a.className(), k, labels, p, a);
    }

    private static Estimator logistic(Attributes a) {
        String mc = a.string("multi_class", "auto");
        int nClasses = a.labels().size();
        String solver = a.string("solver", "lbfgs");
        boolean ovr = switch (mc) {
            case "ovr", "warn" -> true;
            case "multinomial" -> false;
            default -> nClasses <= 2 || "liblinear".equals(solver);
        };
        return create(a, ovr ? Proba.OVR_LOGISTIC : Proba.MULTINOMIAL);
    }

    private static Estimator sgd(Attributes a) {
        Object loss = a.getOrNull("loss");
        Proba p = "log_loss".equals(loss) || "log".equals(loss)
                ? Proba.OVR_LOGISTIC
                : "modified_huber".equals(loss) ? Proba.MODIFIED_HUBER : Proba.NONE;
        return create(a, p);
    }

    @Override
    public Set<Method> methods() {
        return proba == Proba.NONE ? Methods.of(Method.PREDICT, Method.DECISION_FUNCTION) : Methods.all();
    }

    @Override
    public Tensor decisionFunction(Rows x) {
        double[][] s = kernel.scores(x, className);
        if (kernel.outputs() == 1) {
            double[] out = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                out[i] = s[i][0];
            }
            return Outputs.vector(out);
        }
        return Outputs.matrix(s, kernel.outputs());
    }

    @Override
    public Tensor predict(Rows x) {
        double[][] s = kernel.scores(x, className);
        int[] idx = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            idx[i] = kernel.outputs() == 1 ? (s[i][0] > 0 ? 1 : 0) : Outputs.argmax(s[i]);
        }
        return classes.take(idx);
    }

    @Override
    public Tensor predictProba(Rows x) {
        if (proba == Proba.NONE) {
            throw unsupported(Method.PREDICT_PROBA);
        }
        double[][] s = kernel.scores(x, className);
        int k = classes.size();
        double[][] out = new double[s.length][];
        for (int i = 0; i < s.length; i++) {
            out[i] = switch (proba) {
                case MULTINOMIAL -> multinomial(s[i]);
                case OVR_LOGISTIC -> ovr(s[i]);
                default -> modifiedHuber(s[i], k);
            };
        }
        return Outputs.matrix(out, k);
    }

    private static double[] multinomial(double[] scores) {
        double[] d = scores.length == 1 ? new double[] {-scores[0], scores[0]} : scores.clone();
        Outputs.softmaxInPlace(d);
        return d;
    }

    private static double[] ovr(double[] scores) {
        if (scores.length == 1) {
            double p = Outputs.expit(scores[0]);
            return new double[] {1 - p, p};
        }
        double[] p = new double[scores.length];
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            p[c] = Outputs.expit(scores[c]);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
        return p;
    }

    private static double[] modifiedHuber(double[] scores, int k) {
        if (scores.length == 1) {
            double p = (Math.min(1, Math.max(-1, scores[0])) + 1.0) / 2.0;
            return new double[] {1 - p, p};
        }
        double[] p = new double[scores.length];
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            p[c] = (Math.min(1, Math.max(-1, scores[c])) + 1.0) / 2.0;
            sum += p[c];
        }
        if (sum == 0) {
            java.util.Arrays.fill(p, 1.0);
            sum = k;
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
        return p;
    }
}
