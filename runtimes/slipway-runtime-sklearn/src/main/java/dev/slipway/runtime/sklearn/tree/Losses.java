package dev.slipway.runtime.sklearn.tree;

import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import java.util.List;

/**
 * The loss classes a fitted gradient-boosting model pickles with it: scikit-learn's {@code sklearn._loss} module
 * (losses, links and their Cython twins, since 1.1) and the older per-estimator loss modules of
 * {@code GradientBoosting*} and {@code HistGradientBoosting*}. Inert helpers: the estimators read their own
 * attributes.
 */
final class Losses {

    private static final List<String> LOSSES = List.of(
            "HalfBinomialLoss",
            "HalfMultinomialLoss",
            "HalfSquaredError",
            "AbsoluteError",
            "HuberLoss",
            "PinballLoss",
            "HalfPoissonLoss",
            "HalfGammaLoss",
            "ExponentialLoss");

    private Losses() {}

    /** Allows the losses ({@code X}, {@code CyX}, {@code __pyx_unpickle_CyX}), links and intervals. */
    static void register(EstimatorRegistry.Builder b) {
        b.helper("IdentityLink", "LogLink", "LogitLink", "HalfLogitLink", "MultinomialLogit", "Interval");
        // sklearn.ensemble._gb_losses (up to 1.2)
        b.helper(
                "BinomialDeviance",
                "MultinomialDeviance",
                "LeastSquaresError",
                "LeastAbsoluteError",
                "HuberLossFunction",
                "QuantileLossFunction");
        // sklearn.ensemble._hist_gradient_boosting.loss (up to 0.24)
        b.helper("BinaryCrossEntropy", "CategoricalCrossEntropy", "LeastSquares", "LeastAbsoluteDeviation", "Poisson");
        for (String loss : LOSSES) {
            b.helper(loss, "Cy" + loss, "__pyx_unpickle_Cy" + loss);
        }
    }
}
