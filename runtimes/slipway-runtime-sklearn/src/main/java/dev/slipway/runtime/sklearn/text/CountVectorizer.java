package dev.slipway.runtime.sklearn.text;

import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.Estimator;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.estimators.SparseRows;
import dev.slipway.runtime.sklearn.pickle.PyDict;
import dev.slipway.runtime.sklearn.pickle.PyObjects;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code CountVectorizer} (and, with its inner {@code _tfidf}, {@code TfidfVectorizer}): text in, sparse
 * term counts over the fitted {@code vocabulary_} out; unknown terms are ignored. Immutable.
 */
public final class CountVectorizer extends Vectorizer {

    private final Map<String, Integer> vocabulary;
    private final TfidfTransformer tfidf;

    private CountVectorizer(
            String className,
            Analyzer analyzer,
            Map<String, Integer> vocabulary,
            int width,
            boolean binary,
            TfidfTransformer tfidf) {
        super(className, analyzer, width, binary);
        this.vocabulary = vocabulary;
        this.tfidf = tfidf;
    }

    /** Registers the classes of this family. */
    public static void register(EstimatorRegistry.Builder b) {
        b.estimator(a -> create(a, null), "CountVectorizer");
        b.estimator(CountVectorizer::tfidfVectorizer, "TfidfVectorizer");
    }

    private static Estimator tfidfVectorizer(Attributes a) {
        TfidfTransformer t;
        if (a.present("_tfidf")) {
            Estimator e = a.estimator("_tfidf");
            if (!(e instanceof TfidfTransformer tt)) {
                throw a.invalid("_tfidf", "a TfidfTransformer");
            }
            t = tt;
        } else {
            t = TfidfTransformer.fromVectorizer(a);
        }
        return create(a, t);
    }

    private static CountVectorizer create(Attributes a, TfidfTransformer tfidf) {
        if (!(a.get("vocabulary_") instanceof PyDict vocab)) {
            throw a.invalid("vocabulary_", "a dict of term to column");
        }
        Map<String, Integer> map = new HashMap<>(vocab.size() * 2);
        int width = 0;
        for (Map.Entry<Object, Object> e : vocab.entrySet()) {
            long col = PyObjects.toLong(e.getValue(), "vocabulary_ column");
            if (!(e.getKey() instanceof String term) || col < 0 || col >= vocab.size()) {
                throw a.invalid("vocabulary_", "terms mapped to columns 0.." + (vocab.size() - 1));
            }
            map.put(term, (int) col);
            width = Math.max(width, (int) col + 1);
        }
        if (tfidf != null && tfidf.width() != width) {
            throw a.invalid("_tfidf", "an idf of " + width + " terms (the vocabulary size)");
        }
        return new CountVectorizer(
                a.className(), Analyzer.of(a), Map.copyOf(map), width, a.bool("binary", false), tfidf);
    }

    @Override
    void count(String term, Map<Integer, double[]> counts) {
        Integer col = vocabulary.get(term);
        if (col != null) {
            counts.computeIfAbsent(col, c -> new double[1])[0]++;
        }
    }

    @Override
    Rows finish(int width, int[][] indices, double[][] values) {
        SparseRows counts = new SparseRows(width, indices, values);
        return tfidf == null ? counts : tfidf.transform(counts);
    }
}
