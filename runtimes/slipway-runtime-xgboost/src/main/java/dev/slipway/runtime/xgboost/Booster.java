package dev.slipway.runtime.xgboost;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A loaded gradient-boosted tree ensemble (gbtree or dart), immutable and safe to share: margins are
 * {@code base + Σ weight × leaf} per output group, summed in float32 in tree order as XGBoost's CPU
 * predictor does.
 *
 * @param objectiveName the objective as saved
 * @param objective its behaviour
 * @param baseScore {@code base_score} as saved (output space)
 * @param numFeature the number of features a row must have
 * @param numGroup output groups (classes for multi:*, else 1)
 * @param treesPerIteration trees added per boosting round (groups × parallel trees)
 * @param trees the trees
 * @param treeGroup the output group of each tree ({@code tree_info})
 * @param treeWeight dart weights, or null for gbtree
 * @param attributes the booster's attributes ({@code best_iteration}, {@code scikit_learn}, …)
 * @param featureNames feature names when saved, else empty
 * @param format the file format read (json, ubj, binary)
 */
record Booster(
        String objectiveName,
        Objective objective,
        float baseScore,
        int numFeature,
        int numGroup,
        int treesPerIteration,
        List<Tree> trees,
        int[] treeGroup,
        float @Nullable [] treeWeight,
        Map<String, String> attributes,
        List<String> featureNames,
        String format) {

    Booster {
        trees = List.copyOf(trees);
        attributes = Map.copyOf(attributes);
        featureNames = List.copyOf(featureNames);
        if (treeGroup.length != trees.size()) {
            throw new IllegalArgumentException(
                    "tree_info has " + treeGroup.length + " entries for " + trees.size() + " trees");
        }
        for (int g : treeGroup) {
            if (g < 0 || g >= numGroup) {
                throw new IllegalArgumentException("tree_info names group " + g + " but the model has " + numGroup);
            }
        }
        if (treeWeight != null && treeWeight.length != trees.size()) {
            throw new IllegalArgumentException(
                    "dart weight_drop has " + treeWeight.length + " entries for " + trees.size() + " trees");
        }
        int max = trees.stream().mapToInt(Tree::maxFeature).max().orElse(-1);
        if (max >= numFeature) {
            throw new IllegalArgumentException(
                    "a split reads feature " + max + " but the model has " + numFeature + " features");
        }
    }

    /** The margin each row starts from. */
    float baseMargin() {
        return objective.baseMargin(baseScore, objectiveName);
    }

    /**
     * Margins of {@code n} rows of {@code numFeature} float32 features ({@code NaN} = missing), using the
     * first {@code treeLimit} trees; {@code n × numGroup} values, row-major.
     */
    float[] margins(float[] x, int n, int treeLimit) {
        float base = baseMargin();
        float[] out = new float[n * numGroup];
        java.util.Arrays.fill(out, base);
        int limit = Math.min(treeLimit, trees.size());
        for (int r = 0; r < n; r++) {
            int offset = r * numFeature;
            int o = r * numGroup;
            for (int t = 0; t < limit; t++) {
                float leaf = trees.get(t).leafValue(x, offset);
                out[o + treeGroup[t]] += treeWeight == null ? leaf : leaf * treeWeight[t];
            }
        }
        return out;
    }
}
