package dev.slipway.runtime.xgboost;

/**
 * Hand-written one-tree XGBoost JSON models: feature 0 {@code < 0.5} goes left to leaf -1, else right
 * to leaf 2; a missing value goes left. Predictions follow by hand from these numbers.
 */
final class TinyModels {

    private TinyModels() {}

    static String json(String objective, String baseScore, String booster) {
        String tree = """
        {"tree_param": {"num_nodes": "3", "num_feature": "2", "size_leaf_vector": "0", "num_deleted": "0"},
         "left_children": [1, -1, -1], "right_children": [2, -1, -1], "parents": [2147483647, 0, 0],
         "split_indices": [0, 0, 0], "split_conditions": [0.5, -1.0, 2.0], "default_left": [1, 0, 0],
         "split_type": [0, 0, 0], "base_weights": [0, 0, 0], "loss_changes": [0, 0, 0], "sum_hessian": [0, 0, 0],
         "categories": [], "categories_nodes": [], "categories_segments": [], "categories_sizes": [], "id": 0}
        """;
        String model = "{\"gbtree_model_param\": {\"num_trees\": \"1\", \"num_parallel_tree\": \"1\"},"
                + " \"trees\": [" + tree + "], \"tree_info\": [0]}";
        String gb = booster.equals("dart")
                ? "{\"name\": \"dart\", \"gbtree\": {\"name\": \"gbtree\", \"model\": " + model
                        + "}, \"weight_drop\": [0.5]}"
                : "{\"name\": \"gbtree\", \"model\": " + model + "}";
        return "{\"learner\": {\"attributes\": {}, \"feature_names\": [], \"feature_types\": [],"
                + " \"gradient_booster\": " + gb + ","
                + " \"learner_model_param\": {\"base_score\": \"" + baseScore
                + "\", \"num_class\": \"0\", \"num_feature\": \"2\", \"num_target\": \"1\"},"
                + " \"objective\": {\"name\": \"" + objective + "\"}}, \"version\": [1, 7, 4]}";
    }
}
