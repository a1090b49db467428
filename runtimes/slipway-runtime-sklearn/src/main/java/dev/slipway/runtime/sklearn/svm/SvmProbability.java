package dev.slipway.runtime.sklearn.svm;

/**
 * libsvm's {@code svm_predict_probability}: Platt's sigmoid per pair of classes ({@code probA_},
 * {@code probB_}), clipped to [1e-7, 1 − 1e-7], then the pairwise coupling of Wu, Lin and Weng
 * ({@code multiclass_probability}, method 2) with libsvm's iteration, stopping rule and order.
 */
final class SvmProbability {

    private static final double MIN_PROB = 1e-7;

    private SvmProbability() {}

    /** The class probabilities of one row from its pairwise decision values. */
    static double[] estimate(double[] dec, double[] probA, double[] probB, int k) {
        double[][] r = new double[k][k];
        int p = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                double s = sigmoidPredict(dec[p], probA[p], probB[p]);
                double lo = s > MIN_PROB ? s : MIN_PROB;
                r[i][j] = lo < 1 - MIN_PROB ? lo : 1 - MIN_PROB;
                r[j][i] = 1 - r[i][j];
                p++;
            }
        }
        return multiclassProbability(k, r);
    }

    static double sigmoidPredict(double decision, double a, double b) {
        double fApB = decision * a + b;
        if (fApB >= 0) {
            return Math.exp(-fApB) / (1.0 + Math.exp(-fApB));
        }
        return 1.0 / (1 + Math.exp(fApB));
    }

    static double[] multiclassProbability(int k, double[][] r) {
        int maxIter = Math.max(100, k);
        double[][] q = new double[k][k];
        double[] qp = new double[k];
        double[] p = new double[k];
        double eps = 0.005 / k;
        for (int t = 0; t < k; t++) {
            p[t] = 1.0 / k;
            q[t][t] = 0;
            for (int j = 0; j < t; j++) {
                q[t][t] += r[j][t] * r[j][t];
                q[t][j] = q[j][t];
            }
            for (int j = t + 1; j < k; j++) {
                q[t][t] += r[j][t] * r[j][t];
                q[t][j] = -r[j][t] * r[t][j];
            }
        }
        for (int iter = 0; iter < maxIter; iter++) {
            double pQp = 0;
            for (int t = 0; t < k; t++) {
                qp[t] = 0;
                for (int j = 0; j < k; j++) {
                    qp[t] += q[t][j] * p[j];
                }
                pQp += p[t] * qp[t];
            }
            double maxError = 0;
            for (int t = 0; t < k; t++) {
                double error = Math.abs(qp[t] - pQp);
                if (error > maxError) {
                    maxError = error;
                }
            }
            if (maxError < eps) {
                break;
            }
            for (int t = 0; t < k; t++) {
                double diff = (-qp[t] + pQp) / q[t][t];
                p[t] += diff;
                pQp = (pQp + diff * (diff * q[t][t] + 2 * qp[t])) / (1 + diff) / (1 + diff);
                for (int j = 0; j < k; j++) {
                    qp[j] = (qp[j] + diff * q[t][j]) / (1 + diff);
                    p[j] /= (1 + diff);
                }
            }
        }
        return p;
    }
}
