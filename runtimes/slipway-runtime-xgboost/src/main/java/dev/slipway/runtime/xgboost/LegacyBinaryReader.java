package dev.slipway.runtime.xgboost;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads XGBoost's legacy binary model format (what xgboost 1.x {@code save_model} writes for any name
 * but {@code .json}/{@code .ubj}; little-endian): an optional {@code binf} tag, the 136-byte learner
 * parameters, objective and booster names, the 160-byte gbtree parameters, each tree (148-byte
 * parameters, 20-byte nodes, 16-byte statistics), {@code tree_info}, dart weights, then attributes.
 */
final class LegacyBinaryReader {

    private static final int LEARNER_PARAM_BYTES = 136;
    private static final int GBTREE_PARAM_BYTES = 160;
    private static final int TREE_PARAM_BYTES = 148;
    private static final int NODE_BYTES = 20;
    private static final int STAT_BYTES = 16;

    private final ByteBuffer in;

    private LegacyBinaryReader(byte[] bytes) {
        in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static Booster read(byte[] bytes) {
        try {
            return new LegacyBinaryReader(bytes).read();
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(
                    "the file ends before the model does (truncated or not an XGBoost model)");
        }
    }

    private Booster read() {
        if (in.remaining() >= 4 && in.get(0) == 'b' && in.get(1) == 'i' && in.get(2) == 'n' && in.get(3) == 'f') {
            in.position(4);
        }
        int start = in.position();
        float baseScore = in.getFloat();
        int numFeature = in.getInt();
        int numClass = in.getInt();
        int extraAttrs = in.getInt();
        in.position(start + LEARNER_PARAM_BYTES);
        if (numFeature < 0 || numClass < 0) {
            throw new IllegalArgumentException(
                    "corrupt learner parameters (num_feature " + numFeature + ", num_class " + numClass + ")");
        }
        String objectiveName = string();
        Objective objective = Objective.named(objectiveName);
        String boosterName = string();
        if (!boosterName.equals("gbtree") && !boosterName.equals("dart")) {
            throw new IllegalArgumentException(
                    "booster '" + boosterName + "' is not supported (only gbtree and dart tree models)");
        }
        int gbStart = in.position();
        int numTrees = in.getInt();
        int numParallel = in.getInt();
        in.position(gbStart + GBTREE_PARAM_BYTES);
        if (numTrees < 0 || (long) numTrees * (TREE_PARAM_BYTES + NODE_BYTES + STAT_BYTES) > in.remaining()) {
            throw new IllegalArgumentException("corrupt gbtree parameters (" + numTrees + " trees)");
        }
        List<Tree> trees = new ArrayList<>(numTrees);
        for (int t = 0; t < numTrees; t++) {
            trees.add(tree());
        }
        int[] treeInfo = new int[numTrees];
        for (int t = 0; t < numTrees; t++) {
            treeInfo[t] = in.getInt();
        }
        float @Nullable [] weights = null;
        if (boosterName.equals("dart")) {
            long n = in.getLong();
            if (n != numTrees) {
                throw new IllegalArgumentException("dart has " + n + " weights for " + numTrees + " trees");
            }
            weights = new float[numTrees];
            for (int t = 0; t < numTrees; t++) {
                weights[t] = in.getFloat();
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if (extraAttrs != 0 && in.remaining() >= 8) {
            long n = in.getLong();
            for (long i = 0; i < n; i++) {
                attributes.put(string(), string());
            }
        }
        int groups = Math.max(1, numClass);
        return new Booster(
                objectiveName,
                objective,
                baseScore,
                numFeature,
                groups,
                groups * Math.max(1, numParallel),
                trees,
                treeInfo,
                weights,
                attributes,
                List.of(),
                "binary");
    }

    private Tree tree() {
        int start = in.position();
        in.getInt(); // num_roots (deprecated)
        int numNodes = in.getInt();
        in.getInt(); // num_deleted
        in.getInt(); // max_depth (deprecated)
        in.getInt(); // num_feature
        int sizeLeafVector = in.getInt();
        in.position(start + TREE_PARAM_BYTES);
        if (sizeLeafVector > 1) {
            throw new IllegalArgumentException("vector-leaf (multi-output) trees are not supported");
        }
        if (numNodes <= 0 || (long) numNodes * (NODE_BYTES + STAT_BYTES) > in.remaining()) {
            throw new IllegalArgumentException("corrupt tree parameters (" + numNodes + " nodes)");
        }
        int[] left = new int[numNodes];
        int[] right = new int[numNodes];
        int[] feature = new int[numNodes];
        float[] value = new float[numNodes];
        boolean[] defaultLeft = new boolean[numNodes];
        for (int i = 0; i < numNodes; i++) {
            in.getInt(); // parent
            left[i] = in.getInt();
            right[i] = in.getInt();
            int sindex = in.getInt();
            feature[i] = sindex & 0x7FFFFFFF;
            defaultLeft[i] = (sindex >>> 31) != 0;
            value[i] = in.getFloat();
        }
        in.position(in.position() + numNodes * STAT_BYTES);
        return new Tree(left, right, feature, value, defaultLeft);
    }

    private String string() {
        long n = in.getLong();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("corrupt string length " + n);
        }
        byte[] b = new byte[(int) n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
