package dev.slipway.runtime.xgboost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the JSON document of XGBoost's {@code save_model} (from {@code .json} or {@code .ubj}) into a
 * {@link Booster}: {@code learner.learner_model_param}, {@code learner.objective.name} and the gbtree
 * (or dart) trees with their {@code tree_info}.
 */
final class JsonModelReader {

    private JsonModelReader() {}

    static Booster read(@Nullable Object document, String format) {
        Map<String, Object> learner = map(map(document, "model").get("learner"), "learner");
        Map<String, Object> param = map(learner.get("learner_model_param"), "learner.learner_model_param");
        String objectiveName =
                string(map(learner.get("objective"), "learner.objective").get("name"), "learner.objective.name");
        Objective objective = Objective.named(objectiveName);
        int numFeature = (int) number(param.get("num_feature"), "num_feature");
        int numClass = (int) number(param.getOrDefault("num_class", "0"), "num_class");
        long numTarget = (long) number(param.getOrDefault("num_target", "1"), "num_target");
        if (numTarget > 1) {
            throw new IllegalArgumentException("multi-target models (num_target " + numTarget + ") are not supported");
        }
        float baseScore = baseScore(param.get("base_score"));

        Map<String, Object> booster = map(learner.get("gradient_booster"), "learner.gradient_booster");
        String name = string(booster.get("name"), "gradient_booster.name");
        float @Nullable [] weights = null;
        Map<String, Object> gbtree;
        if (name.equals("dart")) {
            gbtree = map(booster.get("gbtree"), "gradient_booster.gbtree");
            weights = floats(list(booster.get("weight_drop"), "weight_drop"));
        } else if (name.equals("gbtree")) {
            gbtree = booster;
        } else {
            throw new IllegalArgumentException(
                    "booster '" + name + "' is not supported (only gbtree and dart tree models)");
        }
        Map<String, Object> model = map(gbtree.get("model"), "gbtree.model");
        Map<String, Object> treeParam = map(model.get("gbtree_model_param"), "gbtree_model_param");
        int parallel = (int) number(treeParam.getOrDefault("num_parallel_tree", "1"), "num_parallel_tree");
        List<Tree> trees = new ArrayList<>();
        for (Object t : list(model.get("trees"), "trees")) {
            trees.add(tree(map(t, "tree")));
        }
        int[] treeInfo = ints(list(model.get("tree_info"), "tree_info"));
        int groups = Math.max(1, numClass);
        Map<String, String> attributes = new LinkedHashMap<>();
        if (learner.get("attributes") instanceof Map<?, ?> attrs) {
            attrs.forEach((k, v) -> attributes.put(String.valueOf(k), String.valueOf(v)));
        }
        List<String> featureNames = new ArrayList<>();
        if (learner.get("feature_names") instanceof List<?> names) {
            names.forEach(n -> featureNames.add(String.valueOf(n)));
        }
        return new Booster(
                objectiveName,
                objective,
                baseScore,
                numFeature,
                groups,
                groups * Math.max(1, parallel),
                trees,
                treeInfo,
                weights,
                attributes,
                featureNames,
                format);
    }

    private static Tree tree(Map<String, Object> t) {
        Map<String, Object> tp = map(t.get("tree_param"), "tree_param");
        if (number(tp.getOrDefault("size_leaf_vector", "0"), "size_leaf_vector") > 1) {
            throw new IllegalArgumentException("vector-leaf (multi-output) trees are not supported");
        }
        int[] left = ints(list(t.get("left_children"), "left_children"));
        int[] right = ints(list(t.get("right_children"), "right_children"));
        int[] feature = ints(list(t.get("split_indices"), "split_indices"));
        float[] value = floats(list(t.get("split_conditions"), "split_conditions"));
        int[] defaults = ints(list(t.get("default_left"), "default_left"));
        if (t.get("split_type") instanceof List<?> types) {
            for (Object type : types) {
                if (((Number) type).intValue() != 0) {
                    throw new IllegalArgumentException(
                            "categorical splits are not supported (enable_categorical models)");
                }
            }
        }
        boolean[] defaultLeft = new boolean[defaults.length];
        for (int i = 0; i < defaults.length; i++) {
            defaultLeft[i] = defaults[i] != 0;
        }
        return new Tree(left, right, feature, value, defaultLeft);
    }

    /** {@code "5E-1"}, a number, or (xgboost ≥ 2) {@code "[5E-1]"}: one value for all groups. */
    private static float baseScore(@Nullable Object v) {
        if (v == null) {
            return 0.5f;
        }
        String s = String.valueOf(v).trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            String[] parts = s.substring(1, s.length() - 1).split(",");
            float first = Float.parseFloat(parts[0].trim());
            for (String p : parts) {
                if (Float.parseFloat(p.trim()) != first) {
                    throw new IllegalArgumentException("a base_score per output (" + s + ") is not supported");
                }
            }
            return first;
        }
        return Float.parseFloat(s);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(@Nullable Object v, String what) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException("'" + what + "' is missing or not an object");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(@Nullable Object v, String what) {
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new IllegalArgumentException("'" + what + "' is missing or not an array");
    }

    private static String string(@Nullable Object v, String what) {
        if (v == null) {
            throw new IllegalArgumentException("'" + what + "' is missing");
        }
        return String.valueOf(v);
    }

    /** A number stored as a number or as text (XGBoost writes most parameters as strings). */
    private static double number(@Nullable Object v, String what) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(string(v, what).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + what + "' is '" + v + "', not a number");
        }
    }

    private static int[] ints(List<Object> l) {
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) ((Number) l.get(i)).longValue();
        }
        return out;
    }

    private static float[] floats(List<Object> l) {
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).floatValue();
        }
        return out;
    }
}
