package dev.slipway.runtime.sklearn.preprocessing;

import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.DenseRows;
import dev.slipway.runtime.sklearn.estimators.Estimator;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.estimators.SparseRows;
import dev.slipway.runtime.sklearn.estimators.Transformer;

/**
 * Per-column scalers, in scikit-learn's operation order: {@code StandardScaler} ((x - mean_) / scale_),
 * {@code MinMaxScaler} (x * scale_ + min_, optionally clipped), {@code MaxAbsScaler} (x / scale_) and
 * {@code RobustScaler} ((x - center_) / scale_). Sparse rows stay sparse where scikit-learn keeps them
 * sparse (multiplying by 1 / scale_, as its sparse path does). Immutable.
 */
public final class Scaler extends Transformer {

    private final double[] center;
    private final double[] divide;
    private final double[] multiply;
    private final double[] offset;
    private final double[] clipRange;

    private Scaler(
            Attributes a,
            int width,
            double[] center,
            double[] divide,
            double[] multiply,
            double[] offset,
            double[] clipRange) {
        super(a, width, Reads.NUMBERS);
        this.center = center;
        this.divide = divide;
        this.multiply = multiply;
        this.offset = offset;
        this.clipRange = clipRange;
    }

    /** Registers the classes of this family. */
    public static void register(EstimatorRegistry.Builder b) {
        b.estimator(Scaler::standard, "StandardScaler");
        b.estimator(Scaler::minMax, "MinMaxScaler");
        b.estimator(
                a -> new Scaler(a, width(a, "scale_"), null, a.doubles("scale_"), null, null, null), "MaxAbsScaler");
        b.estimator(Scaler::robust, "RobustScaler");
    }

    private static int width(Attributes a, String attr) {
        int w = a.doubles(attr).length;
        if (a.nFeaturesIn().isPresent() && a.nFeaturesIn().get() != w) {
            throw a.invalid(attr, a.nFeaturesIn().get() + " values (n_features_in_)");
        }
        return w;
    }

    private static Estimator standard(Attributes a) {
        double[] mean = a.bool("with_mean", true) && a.present("mean_") ? a.doubles("mean_") : null;
        double[] scale = a.bool("with_std", true) && a.present("scale_") ? a.doubles("scale_") : null;
        int w = mean != null
                ? mean.length
                : scale != null ? scale.length : a.nFeaturesIn().orElse(-1);
        return new Scaler(a, w, mean, scale, null, null, null);
    }

    private static Estimator minMax(Attributes a) {
        double[] range = a.bool("clip", false) ? a.doubles("feature_range") : null;
        return new Scaler(a, width(a, "scale_"), null, null, a.doubles("scale_"), a.doubles("min_"), range);
    }

    private static Estimator robust(Attributes a) {
        double[] c = a.bool("with_centering", true) && a.present("center_") ? a.doubles("center_") : null;
        double[] s = a.bool("with_scaling", true) && a.present("scale_") ? a.doubles("scale_") : null;
        int w = c != null ? c.length : s != null ? s.length : a.nFeaturesIn().orElse(-1);
        return new Scaler(a, w, c, s, null, null, null);
    }

    @Override
    public Rows transform(Rows x) {
        Rows r = x.requireNumeric(features, className);
        if (r instanceof SparseRows s && center == null && offset == null) {
            return sparse(s);
        }
        DenseRows d = r instanceof DenseRows dr ? dr : ((SparseRows) r).densify();
        int w = d.width();
        double[] in = d.values();
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            int j = i % w;
            double v = in[i];
            if (center != null) {
                v -= center[j];
            }
            if (divide != null) {
                v /= divide[j];
            }
            if (multiply != null) {
                v *= multiply[j];
            }
            if (offset != null) {
                v += offset[j];
            }
            if (clipRange != null) {
                v = Math.min(Math.max(v, clipRange[0]), clipRange[1]);
            }
            out[i] = v;
        }
        return new DenseRows(d.count(), w, out);
    }

    private Rows sparse(SparseRows s) {
        double[][] vals = new double[s.count()][];
        for (int i = 0; i < vals.length; i++) {
            int[] idx = s.indices()[i];
            double[] v = s.values()[i].clone();
            for (int k = 0; k < v.length; k++) {
                if (divide != null) {
                    v[k] *= 1.0 / divide[idx[k]];
                }
                if (multiply != null) {
                    v[k] *= multiply[idx[k]];
                }
            }
            vals[i] = v;
        }
        return new SparseRows(s.width(), s.indices(), vals);
    }
}
