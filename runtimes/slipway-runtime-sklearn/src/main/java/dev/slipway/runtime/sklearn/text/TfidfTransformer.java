package dev.slipway.runtime.sklearn.text;

import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Matrices;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.estimators.SparseRows;
import dev.slipway.runtime.sklearn.estimators.Transformer;

/**
 * {@code TfidfTransformer}: tf (1 + ln tf when {@code sublinear_tf}) times idf, then row normalisation.
 * The idf comes from {@code idf_} (scikit-learn 1.3 and later) or the diagonal of {@code _idf_diag}
 * (up to 1.2). Immutable.
 */
public final class TfidfTransformer extends Transformer {

    private final double[] idf;
    private final boolean sublinear;
    private final String norm;

    private TfidfTransformer(double[] idf, int width, boolean sublinear, String norm) {
        super("TfidfTransformer", width, Reads.NUMBERS);
        this.idf = idf;
        this.sublinear = sublinear;
        this.norm = norm;
    }

    /** Registers the class. */
    public static void register(EstimatorRegistry.Builder b) {
        b.estimator(TfidfTransformer::create, "TfidfTransformer");
    }

    static TfidfTransformer create(Attributes a) {
        double[] idf = null;
        if (a.bool("use_idf", true)) {
            if (a.present("idf_")) {
                idf = a.doubles("idf_");
            } else if (a.present("_idf_diag")) {
                try {
                    idf = Matrices.diagonal(a.get("_idf_diag"), "_idf_diag");
                } catch (IllegalArgumentException e) {
                    throw a.invalid("_idf_diag", "a diagonal sparse matrix");
                }
            } else {
                throw a.missing("idf_");
            }
        }
        String norm = a.string("norm", null);
        if (norm != null && !RowNorms.known(norm)) {
            throw a.unsupported("norm", norm);
        }
        int width = idf != null ? idf.length : a.nFeaturesIn().orElse(-1);
        return new TfidfTransformer(idf, width, a.bool("sublinear_tf", false), norm);
    }

    /** A transformer from a TfidfVectorizer's own parameters (files without {@code _tfidf}). */
    static TfidfTransformer fromVectorizer(Attributes a) {
        return create(a);
    }

    int width() {
        return features;
    }

    @Override
    public Rows transform(Rows x) {
        Rows r = x.requireNumeric(features, className);
        SparseRows s = r instanceof SparseRows sr ? sr : toSparse(r);
        double[][] vals = new double[s.count()][];
        for (int i = 0; i < vals.length; i++) {
            int[] idx = s.indices()[i];
            double[] v = s.values()[i].clone();
            for (int k = 0; k < v.length; k++) {
                if (sublinear) {
                    v[k] = Math.log(v[k]) + 1;
                }
                if (idf != null) {
                    v[k] *= idf[idx[k]];
                }
            }
            vals[i] = v;
        }
        if (norm != null) {
            RowNorms.normalize(vals, norm);
        }
        return new SparseRows(s.width(), s.indices(), vals);
    }

    private static SparseRows toSparse(Rows r) {
        var d = r.toDense(-1, "TfidfTransformer");
        int[][] idx = new int[d.count()][];
        double[][] vals = new double[d.count()][];
        for (int i = 0; i < d.count(); i++) {
            int nz = 0;
            for (int j = 0; j < d.width(); j++) {
                nz += d.get(i, j) != 0 ? 1 : 0;
            }
            idx[i] = new int[nz];
            vals[i] = new double[nz];
            int k = 0;
            for (int j = 0; j < d.width(); j++) {
                if (d.get(i, j) != 0) {
                    idx[i][k] = j;
                    vals[i][k++] = d.get(i, j);
                }
            }
        }
        return new SparseRows(d.width(), idx, vals);
    }
}
