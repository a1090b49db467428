package dev.slipway.runtime.sklearn.preprocessing;

import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.Estimator;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.text.RowNorms;
import java.util.Optional;

/** {@code Normalizer}: each row divided by its l1, l2 or max norm (rows of norm 0 unchanged). Immutable. */
public final class Normalizer implements Estimator {

    private final String norm;
    private final int width;

    private Normalizer(String norm, int width) {
        this.norm = norm;
        this.width = width;
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
    public String className() {
        return "Normalizer";
    }

    @Override
    public boolean isTransformer() {
        return true;
    }

    @Override
    public Optional<Integer> nFeaturesIn() {
        return width >= 0 ? Optional.of(width) : Optional.empty();
    }

    @Override
    public Rows transform(Rows x) {
        return RowNorms.normalized(x.requireNumeric(width, "Normalizer"), norm);
    }
}
