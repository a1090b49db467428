package dev.slipway.runtime.sklearn.svm;

import dev.slipway.model.ModelException;
import dev.slipway.model.Tensor;
import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.DenseRows;
import dev.slipway.runtime.sklearn.estimators.Estimator;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Fitted;
import dev.slipway.runtime.sklearn.estimators.Labels;
import dev.slipway.runtime.sklearn.estimators.Matrices;
import dev.slipway.runtime.sklearn.estimators.Method;
import dev.slipway.runtime.sklearn.estimators.Methods;
import dev.slipway.runtime.sklearn.estimators.Outputs;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.estimators.SparseRows;
import java.util.Set;

/**
 * libsvm models as scikit-learn's {@code BaseLibSVM} keeps them: {@code SVC}, {@code NuSVC} (one-vs-one
 * classifiers), {@code SVR}, {@code NuSVR} and {@code OneClassSVM}. The decision values are libsvm's
 * {@code svm_predict_values} (raw {@code _dual_coef_}, {@code rho = -_intercept_}); predict is libsvm's
 * vote (or the argmax of the ovr decision with {@code break_ties}); decision_function is negated for
 * binary classifiers and turned into scikit-learn's {@code _ovr_decision_function} for
 * {@code decision_function_shape='ovr'}; predict_proba is libsvm's Platt sigmoids and pairwise coupling
 * ({@link SvmProbability}). Immutable.
 */
public final class Svm extends Fitted {

    private enum Kind {
        CLASSIFIER,
        REGRESSOR,
        ONE_CLASS
    }

    private final Kind kind;
    private final SvmKernel kernel;
    private final int count;
    private final double[] supportVectors;
    private final double[][] coef;
    private final double[] rho;
    private final int[] start;
    private final int[] nSupport;
    private final double[] probA;
    private final double[] probB;
    private final boolean ovr;
    private final boolean breakTies;
    private final boolean sparseFit;

    private Svm(
            Attributes a,
            Kind kind,
            SvmKernel kernel,
            Matrices.Dense sv,
            double[][] coef,
            double[] rho,
            int[] nSupport,
            Labels classes,
            double[] probA,
            double[] probB) {
        super(a, a.nFeaturesIn().orElse(sv.cols()), classes);
        this.kind = kind;
        this.kernel = kernel;
        this.count = sv.rows();
        this.supportVectors = sv.values();
        this.coef = coef;
        this.rho = rho;
        this.nSupport = nSupport;
        this.start = new int[nSupport.length];
        for (int i = 1; i < nSupport.length; i++) {
            start[i] = start[i - 1] + nSupport[i - 1];
        }
        this.probA = probA;
        this.probB = probB;
        this.ovr = !"ovo".equals(a.string("decision_function_shape", "ovr"));
        this.breakTies = a.bool("break_ties", false);
        this.sparseFit = a.bool("_sparse", false);
    }

    /** Registers the classes of this family. */
    public static void register(EstimatorRegistry.Builder b) {
        b.estimator(a -> create(a, Kind.CLASSIFIER), "SVC", "NuSVC");
        b.estimator(a -> create(a, Kind.REGRESSOR), "SVR", "NuSVR");
        b.estimator(a -> create(a, Kind.ONE_CLASS), "OneClassSVM");
    }

    private static Estimator create(Attributes a, Kind kind) {
        SvmKernel kernel = SvmKernel.of(a);
        Matrices.Dense sv = Matrices.dense(a.get("support_vectors_"), a.className() + ".support_vectors_");
        if (a.nFeaturesIn().isPresent()
                && sv.rows() > 0
                && sv.cols() != a.nFeaturesIn().get()) {
            throw a.invalid("support_vectors_", a.nFeaturesIn().get() + " columns (n_features_in_)");
        }
        boolean raw = a.has("_dual_coef_");
        Matrices.Dense dual = Matrices.dense(a.get(raw ? "_dual_coef_" : "dual_coef_"), a.className() + ".dual_coef_");
        double[] intercept = a.doubles(a.has("_intercept_") ? "_intercept_" : "intercept_");
        Labels labels = kind == Kind.CLASSIFIER ? a.labels() : null;
        int nClass = kind == Kind.CLASSIFIER ? labels.size() : 2;
        if (kind == Kind.CLASSIFIER && nClass == 2 && !raw) {
            // Since scikit-learn 0.18 the public dual_coef_/intercept_ of a binary classifier are negated.
            throw a.missing("_dual_coef_");
        }
        if (nClass < 2) {
            throw a.invalid("classes_", "at least two classes");
        }
        int pairs = nClass * (nClass - 1) / 2;
        if (dual.rows() != nClass - 1 || dual.cols() != sv.rows()) {
            throw a.invalid("_dual_coef_", "an array [" + (nClass - 1) + ", " + sv.rows() + "]");
        }
        if (intercept.length != (kind == Kind.CLASSIFIER ? pairs : 1)) {
            throw a.invalid("_intercept_", (kind == Kind.CLASSIFIER ? pairs : 1) + " values");
        }
        double[][] coef = new double[nClass - 1][];
        for (int r = 0; r < nClass - 1; r++) {
            coef[r] = java.util.Arrays.copyOfRange(dual.values(), r * dual.cols(), (r + 1) * dual.cols());
        }
        double[] rho = new double[intercept.length];
        for (int i = 0; i < rho.length; i++) {
            rho[i] = -intercept[i];
        }
        int[] nSupport = new int[] {sv.rows()};
        double[] probA = new double[0];
        double[] probB = new double[0];
        if (kind == Kind.CLASSIFIER) {
            nSupport = a.ints(a.has("_n_support") ? "_n_support" : "n_support_");
            long total = 0;
            for (int n : nSupport) {
                if (n < 0) {
                    throw a.invalid("_n_support", "non-negative counts");
                }
                total += n;
            }
            if (nSupport.length != nClass || total != sv.rows()) {
                throw a.invalid("_n_support", nClass + " counts summing to " + sv.rows() + " support vectors");
            }
            if (a.bool("probability", false)) {
                probA = a.doubles(a.has("_probA") ? "_probA" : "probA_");
                probB = a.doubles(a.has("_probB") ? "_probB" : "probB_");
                if ((probA.length != 0 || probB.length != 0) && (probA.length != pairs || probB.length != pairs)) {
                    throw a.invalid("_probA", pairs + " values (one per pair of classes)");
                }
            }
        }
        return new Svm(a, kind, kernel, sv, coef, rho, nSupport, labels, probA, probB);
    }

    @Override
    public Set<Method> methods() {
        return switch (kind) {
            case REGRESSOR -> Methods.of(Method.PREDICT);
            case ONE_CLASS -> Methods.of(Method.PREDICT, Method.DECISION_FUNCTION);
            case CLASSIFIER -> probA.length > 0 ? Methods.all() : Methods.of(Method.PREDICT, Method.DECISION_FUNCTION);
        };
    }

    private DenseRows rows(Rows x) {
        Rows r = x.requireNumeric(features, className);
        if (r instanceof SparseRows && !sparseFit) {
            throw new ModelException.InvalidInput(
                    "cannot use sparse input in " + className + " trained on dense data (as scikit-learn)");
        }
        return r.toDense(features, className);
    }

    /** libsvm's decision values of every row: [n][pairs] for classifiers, [n][1] otherwise. */
    private double[][] decisionValues(DenseRows d) {
        int n = d.count();
        double[] xv = d.values();
        double[][] out = new double[n][];
        double[] kvalue = new double[count];
        for (int row = 0; row < n; row++) {
            for (int s = 0; s < count; s++) {
                kvalue[s] = kernel.apply(xv, row * features, supportVectors, s * features, features);
            }
            if (kind != Kind.CLASSIFIER) {
                double sum = 0;
                for (int s = 0; s < count; s++) {
                    sum += coef[0][s] * kvalue[s];
                }
                sum -= rho[0];
                out[row] = new double[] {sum};
                continue;
            }
            int nClass = nSupport.length;
            double[] dec = new double[nClass * (nClass - 1) / 2];
            int p = 0;
            for (int i = 0; i < nClass; i++) {
                for (int j = i + 1; j < nClass; j++) {
                    double sum = 0;
                    double[] coef1 = coef[j - 1];
                    double[] coef2 = coef[i];
                    for (int k = 0; k < nSupport[i]; k++) {
                        sum += coef1[start[i] + k] * kvalue[start[i] + k];
                    }
                    for (int k = 0; k < nSupport[j]; k++) {
                        sum += coef2[start[j] + k] * kvalue[start[j] + k];
                    }
                    sum -= rho[p];
                    dec[p++] = sum;
                }
            }
            out[row] = dec;
        }
        return out;
    }

    @Override
    public Tensor predict(Rows x) {
        double[][] dec = decisionValues(rows(x));
        int n = dec.length;
        if (kind == Kind.REGRESSOR) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = dec[i][0];
            }
            return Outputs.vector(out);
        }
        if (kind == Kind.ONE_CLASS) {
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = dec[i][0] > 0 ? 1 : -1;
            }
            return Tensor.ofLongs(out, n);
        }
        int nClass = nSupport.length;
        if (breakTies && !ovr) {
            throw new ModelException.Unsupported(className
                    + ": break_ties must be False when decision_function_shape is 'ovo' (as scikit-learn says)");
        }
        int[] idx = new int[n];
        for (int r = 0; r < n; r++) {
            idx[r] =
                    breakTies && ovr && nClass > 2 ? Outputs.argmax(ovrDecision(dec[r], nClass)) : vote(dec[r], nClass);
        }
        return classes.take(idx);
    }

    private static int vote(double[] dec, int nClass) {
        int[] votes = new int[nClass];
        int p = 0;
        for (int i = 0; i < nClass; i++) {
            for (int j = i + 1; j < nClass; j++) {
                if (dec[p++] > 0) {
                    votes[i]++;
                } else {
                    votes[j]++;
                }
            }
        }
        int best = 0;
        for (int i = 1; i < nClass; i++) {
            if (votes[i] > votes[best]) {
                best = i;
            }
        }
        return best;
    }

    /** scikit-learn's {@code _ovr_decision_function(dec < 0, -dec, n_classes)} for one row. */
    static double[] ovrDecision(double[] dec, int nClass) {
        double[] votes = new double[nClass];
        double[] confidences = new double[nClass];
        int k = 0;
        for (int i = 0; i < nClass; i++) {
            for (int j = i + 1; j < nClass; j++) {
                double confidence = -dec[k];
                confidences[i] -= confidence;
                confidences[j] += confidence;
                if (dec[k] < 0) {
                    votes[j] += 1;
                } else {
                    votes[i] += 1;
                }
                k++;
            }
        }
        double[] out = new double[nClass];
        for (int c = 0; c < nClass; c++) {
            out[c] = votes[c] + confidences[c] / (3 * (Math.abs(confidences[c]) + 1));
        }
        return out;
    }

    @Override
    public Tensor decisionFunction(Rows x) {
        if (kind == Kind.REGRESSOR) {
            throw unsupported(Method.DECISION_FUNCTION);
        }
        double[][] dec = decisionValues(rows(x));
        int n = dec.length;
        if (kind == Kind.ONE_CLASS || nSupport.length == 2) {
            double sign = kind == Kind.ONE_CLASS ? 1 : -1;
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = sign * dec[i][0];
            }
            return Outputs.vector(out);
        }
        int nClass = nSupport.length;
        if (ovr) {
            double[][] out = new double[n][];
            for (int i = 0; i < n; i++) {
                out[i] = ovrDecision(dec[i], nClass);
            }
            return Outputs.matrix(out, nClass);
        }
        return Outputs.matrix(dec, dec.length == 0 ? 0 : nClass * (nClass - 1) / 2);
    }

    @Override
    public Tensor predictProba(Rows x) {
        if (kind != Kind.CLASSIFIER || probA.length == 0) {
            throw unsupported(Method.PREDICT_PROBA);
        }
        double[][] dec = decisionValues(rows(x));
        int nClass = nSupport.length;
        double[][] out = new double[dec.length][];
        for (int i = 0; i < dec.length; i++) {
            out[i] = SvmProbability.estimate(dec[i], probA, probB, nClass);
        }
        return Outputs.matrix(out, nClass);
    }
}
