package dev.slipway.runtime.sklearn.text;

import dev.slipway.model.ModelException;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.estimators.TextRows;
import dev.slipway.runtime.sklearn.estimators.Transformer;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link CountVectorizer} and {@link HashingVectorizer} share: each document analysed into terms, each term
 * counted in the column the vectorizer gives it, the counts as sparse rows in column order without zeros (scipy's
 * {@code sum_duplicates}; ones when {@code binary}), then the vectorizer's own last step.
 */
abstract class Vectorizer extends Transformer {

    private final Analyzer analyzer;
    private final int width;
    private final boolean binary;

    Vectorizer(String className, Analyzer analyzer, int width, boolean binary) {
        super(className, -1, Reads.TEXT);
        this.analyzer = analyzer;
        this.width = width;
        this.binary = binary;
    }

    /** Adds {@code term}'s count to its column in {@code counts}; nothing for a term without a column. */
    abstract void count(String term, Map<Integer, double[]> counts);

    /** The answer made of the counted rows ({@code width} columns): tf-idf, a norm, or the counts themselves. */
    abstract Rows finish(int width, int[][] indices, double[][] values);

    @Override
    public final Rows transform(Rows x) {
        String[] docs = TextRows.require(x, className).documents();
        int[][] idx = new int[docs.length][];
        double[][] vals = new double[docs.length][];
        for (int i = 0; i < docs.length; i++) {
            if (docs[i] == null) {
                throw new ModelException.InvalidInput(className + ": document " + i + " is null");
            }
            TreeMap<Integer, double[]> counts = new TreeMap<>();
            analyzer.analyze(docs[i], term -> count(term, counts));
            int[] cols = new int[counts.size()];
            double[] v = new double[counts.size()];
            int k = 0;
            for (Map.Entry<Integer, double[]> e : counts.entrySet()) {
                if (e.getValue()[0] != 0) {
                    cols[k] = e.getKey();
                    v[k++] = binary ? 1.0 : e.getValue()[0];
                }
            }
            idx[i] = Arrays.copyOf(cols, k);
            vals[i] = Arrays.copyOf(v, k);
        }
        return finish(width, idx, vals);
    }
}
