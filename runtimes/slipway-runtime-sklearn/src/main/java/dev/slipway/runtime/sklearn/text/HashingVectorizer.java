package dev.slipway.runtime.sklearn.text;

import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.Estimator;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.estimators.SparseRows;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code HashingVectorizer}: each feature's UTF-8 bytes hashed with signed MurmurHash3 (x86, 32-bit,
 * seed 0) to column {@code |h| mod n_features}, valued ±1 by the hash's sign when
 * {@code alternate_sign}; duplicates summed and zeros dropped (scipy's sum_duplicates), then
 * {@code binary}, then {@code norm}. Immutable.
 */
public final class HashingVectorizer extends Vectorizer {

    private final int width;
    private final boolean alternateSign;
    private final String norm;

    private HashingVectorizer(Analyzer analyzer, int width, boolean alternateSign, boolean binary, String norm) {
        super("HashingVectorizer", analyzer, width, binary);
        this.width = width;
        this.alternateSign = alternateSign;
        this.norm = norm;
    }

    /** Registers the class. */
    public static void register(EstimatorRegistry.Builder b) {
        b.estimator(HashingVectorizer::create, "HashingVectorizer");
    }

    private static Estimator create(Attributes a) {
        long n = a.integer("n_features");
        if (n <= 0 || n > Integer.MAX_VALUE) {
            throw a.invalid("n_features", "a positive int");
        }
        String norm = a.string("norm", null);
        if (norm != null && !RowNorms.known(norm)) {
            throw a.unsupported("norm", norm);
        }
        return new HashingVectorizer(
                Analyzer.of(a), (int) n, a.bool("alternate_sign", true), a.bool("binary", false), norm);
    }

    /** MurmurHash3 x86 32-bit of these bytes, as scikit-learn's {@code murmurhash3_bytes_s32}. */
    static int murmur3(byte[] data, int seed) {
        final int c1 = 0xcc9e2d51;
        final int c2 = 0x1b873593;
        int h = seed;
        int n = data.length & ~3;
        for (int i = 0; i < n; i += 4) {
            int k = (data[i] & 0xff)
                    | (data[i + 1] & 0xff) << 8
                    | (data[i + 2] & 0xff) << 16
                    | (data[i + 3] & 0xff) << 24;
            k *= c1;
            k = Integer.rotateLeft(k, 15);
            k *= c2;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int k = 0;
        switch (data.length & 3) {
            case 3:
                k ^= (data[n + 2] & 0xff) << 16;
            // fall through
            case 2:
                k ^= (data[n + 1] & 0xff) << 8;
            // fall through
            case 1:
                k ^= data[n] & 0xff;
                k *= c1;
                k = Integer.rotateLeft(k, 15);
                k *= c2;
                h ^= k;
            // fall through
            default:
                break;
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    @Override
    void count(String term, Map<Integer, double[]> counts) {
        int h = murmur3(term.getBytes(StandardCharsets.UTF_8), 0);
        int col = h == Integer.MIN_VALUE ? (Integer.MAX_VALUE - (width - 1)) % width : Math.abs(h) % width;
        double v = alternateSign && h < 0 ? -1.0 : 1.0;
        counts.computeIfAbsent(col, c -> new double[1])[0] += v;
    }

    @Override
    Rows finish(int width, int[][] indices, double[][] values) {
        if (norm != null) {
            RowNorms.normalize(values, norm);
        }
        return new SparseRows(width, indices, values);
    }
}
