package dev.slipway.runtime.sklearn.preprocessing;

import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.Estimator;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.estimators.Transformer;
import dev.slipway.runtime.sklearn.text.RowNorms;

/** {@code Normalizer}: each row divided by its l1, l2 or max norm (rows of norm 0 unchanged). Immutable. */
public final class Normalizer extends Transformer {

    private final String norm;

    private Normalizer(String norm, int width) {
        super("Normalizer", width, Reads.NUMBERS);
        this.norm = norm;
    }

    /** Registers the class. */
    public static void register(EstimatorRegistry.Builder b) {
        b.estimator(Normalizer::create, "Normalizer");
    }

    private static Estimator create(Attributes a) {
        String norm = a.string("norm", "l2");
        if (!RowNorms.known(norm)) {
            throw a.unsupported("norm", norm);
        }
        return new Normalizer(norm, a.nFeaturesIn().orElse(-1));
    }

    @Override
    public Rows transform(Rows x) {
        return RowNorms.normalized(x.requireNumeric(features, className), norm);
    }
}
