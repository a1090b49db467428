package dev.slipway.runtime.xgboost;

/**
 * One regression tree in flat arrays, evaluated as XGBoost does: features are float32, a node sends a
 * row left when {@code x < split} (strict), and a missing value (NaN) follows the node's default
 * direction. Leaves hold their value in {@code value}.
 */
final class Tree {

    private final int[] left;
    private final int[] right;
    private final int[] feature;
    private final float[] value;
    private final boolean[] defaultLeft;

    Tree(int[] left, int[] right, int[] feature, float[] value, boolean[] defaultLeft) {
        int n = left.length;
        if (right.length != n || feature.length != n || value.length != n || defaultLeft.length != n || n == 0) {
            throw new IllegalArgumentException("tree arrays disagree in length or are empty");
        }
        // Every node reachable from the root once: no child outside the tree, no cycle (so no endless walk).
        boolean[] seen = new boolean[n];
        int[] stack = new int[n + 1];
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            int i = stack[--top];
            if (seen[i]) {
                throw new IllegalArgumentException(
                        "node " + i + " is reached twice: the tree has a cycle or shared children");
            }
            seen[i] = true;
            if (left[i] != -1) {
                if (left[i] < 0 || left[i] >= n || right[i] < 0 || right[i] >= n || feature[i] < 0) {
                    throw new IllegalArgumentException("node " + i + " has children (" + left[i] + ", " + right[i]
                            + ") or feature " + feature[i] + " outside the tree");
                }
                if (top + 2 > stack.length) {
                    throw new IllegalArgumentException("the tree has more edges than nodes");
                }
                stack[top++] = left[i];
                stack[top++] = right[i];
            }
        }
        this.left = left;
        this.right = right;
        this.feature = feature;
        this.value = value;
        this.defaultLeft = defaultLeft;
    }

    /** The largest feature index any split reads, or -1 for a single leaf. */
    int maxFeature() {
        int max = -1;
        for (int i = 0; i < left.length; i++) {
            if (left[i] != -1) {
                max = Math.max(max, feature[i]);
            }
        }
        return max;
    }

    int nodes() {
        return left.length;
    }

    /** The leaf value for the row at {@code offset} in {@code x}. */
    float leafValue(float[] x, int offset) {
        int node = 0;
        while (left[node] != -1) {
            float f = x[offset + feature[node]];
            if (Float.isNaN(f)) {
                node = defaultLeft[node] ? left[node] : right[node];
            } else {
                node = f < value[node] ? left[node] : right[node];
            }
        }
        return value[node];
    }
}
