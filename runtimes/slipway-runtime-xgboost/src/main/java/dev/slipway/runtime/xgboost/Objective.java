package dev.slipway.runtime.xgboost;

import dev.slipway.model.ModelException;
import java.util.Locale;

/**
 * An XGBoost objective: how {@code base_score} becomes a margin and how margins become predictions,
 * as xgboost 1.7 does in float32.
 */
enum Objective {
    SQUARED_ERROR(Link.IDENTITY, Output.IDENTITY, false),
    LOGISTIC_REGRESSION(Link.LOGIT, Output.SIGMOID, false),
    BINARY_LOGISTIC(Link.LOGIT, Output.SIGMOID, true),
    BINARY_LOGITRAW(Link.IDENTITY, Output.IDENTITY, true),
    BINARY_HINGE(Link.IDENTITY, Output.HINGE, true),
    EXPONENTIAL(Link.LOG, Output.EXP, false),
    MULTI_SOFTPROB(Link.IDENTITY, Output.SOFTMAX, true),
    MULTI_SOFTMAX(Link.IDENTITY, Output.ARGMAX, true);

    enum Link {
        IDENTITY,
        LOGIT,
        LOG
    }

    enum Output {
        IDENTITY,
        SIGMOID,
        HINGE,
        EXP,
        SOFTMAX,
        ARGMAX
    }

    final Link link;
    final Output output;
    final boolean classifier;

    Objective(Link link, Output output, boolean classifier) {
        this.link = link;
        this.output = output;
        this.classifier = classifier;
    }

    /** The objective named as XGBoost names it ({@code multi:softprob}, …). */
    static Objective named(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "reg:squarederror",
                    "reg:linear",
                    "reg:squaredlogerror",
                    "reg:pseudohubererror",
                    "reg:absoluteerror",
                    "reg:quantileerror",
                    "rank:pairwise",
                    "rank:ndcg",
                    "rank:map" -> SQUARED_ERROR;
            case "reg:logistic" -> LOGISTIC_REGRESSION;
            case "binary:logistic" -> BINARY_LOGISTIC;
            case "binary:logitraw" -> BINARY_LOGITRAW;
            case "binary:hinge" -> BINARY_HINGE;
            case "count:poisson", "reg:gamma", "reg:tweedie", "survival:cox" -> EXPONENTIAL;
            case "multi:softprob" -> MULTI_SOFTPROB;
            case "multi:softmax" -> MULTI_SOFTMAX;
            default ->
                throw new ModelException.LoadFailure(
                        "XGBoost objective '" + name + "' is not supported (supported: reg:squarederror, reg:logistic,"
                                + " binary:logistic, binary:logitraw, binary:hinge, count:poisson, reg:gamma, reg:tweedie,"
                                + " survival:cox, multi:softprob, multi:softmax, rank:*)");
        };
    }

    /** {@code base_score} (given in the objective's output space) as a margin, in float32 as XGBoost does. */
    float baseMargin(float baseScore, String objectiveName) {
        return switch (link) {
            case IDENTITY -> baseScore;
            case LOGIT -> {
                if (!(baseScore > 0f && baseScore < 1f)) {
                    throw new ModelException.LoadFailure(
                            "base_score " + baseScore + " must be in (0, 1) for objective " + objectiveName);
                }
                yield (float) -Math.log(1.0f / baseScore - 1.0f);
            }
            case LOG -> {
                if (!(baseScore > 0f)) {
                    throw new ModelException.LoadFailure(
                            "base_score " + baseScore + " must be positive for objective " + objectiveName);
                }
                yield (float) Math.log(baseScore);
            }
        };
    }

    /**
     * What {@code Booster.predict} returns for margins {@code m} ({@code n} rows × {@code groups}): one
     * value per row, or one per row and group for softprob.
     */
    float[] transform(float[] m, int n, int groups) {
        switch (output) {
            case IDENTITY -> {
                return m.clone();
            }
            case SIGMOID -> {
                float[] out = new float[m.length];
                for (int i = 0; i < m.length; i++) {
                    out[i] = sigmoid(m[i]);
                }
                return out;
            }
            case HINGE -> {
                float[] out = new float[m.length];
                for (int i = 0; i < m.length; i++) {
                    out[i] = m[i] > 0 ? 1f : 0f;
                }
                return out;
            }
            case EXP -> {
                float[] out = new float[m.length];
                for (int i = 0; i < m.length; i++) {
                    out[i] = (float) Math.exp(m[i]);
                }
                return out;
            }
            case SOFTMAX -> {
                return softmax(m, n, groups);
            }
            case ARGMAX -> {
                float[] out = new float[n];
                for (int r = 0; r < n; r++) {
                    out[r] = argmax(m, r * groups, groups);
                }
                return out;
            }
            default -> throw new AssertionError(output);
        }
    }

    static float sigmoid(float x) {
        return 1.0f / (1.0f + (float) Math.exp(-x));
    }

    static float[] softmax(float[] m, int n, int groups) {
        float[] out = new float[m.length];
        for (int r = 0; r < n; r++) {
            int o = r * groups;
            float max = m[o];
            for (int g = 1; g < groups; g++) {
                max = Math.max(max, m[o + g]);
            }
            float sum = 0f;
            for (int g = 0; g < groups; g++) {
                out[o + g] = (float) Math.exp(m[o + g] - max);
                sum += out[o + g];
            }
            for (int g = 0; g < groups; g++) {
                out[o + g] /= sum;
            }
        }
        return out;
    }

    static int argmax(float[] m, int offset, int groups) {
        int best = 0;
        for (int g = 1; g < groups; g++) {
            if (m[offset + g] > m[offset + best]) {
                best = g;
            }
        }
        return best;
    }
}
