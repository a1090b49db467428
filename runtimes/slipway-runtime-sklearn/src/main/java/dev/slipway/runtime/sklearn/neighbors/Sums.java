package dev.slipway.runtime.sklearn.neighbors;

/** numpy's float64 sums: {@code np.add.reduce} along a contiguous axis (pairwise) or across rows (in order). */
final class Sums {

    private static final int BLOCK = 128;

    private Sums() {}

    /** {@code np.sum(a)} of a contiguous 1-D array: 0 + numpy's pairwise sum. */
    static double pairwise(double[] a) {
        return 0.0 + pairwise(a, 0, a.length);
    }

    /** A sum in index order from 0, as numpy reduces over a non-contiguous axis. */
    static double sequential(double[] a) {
        double s = 0.0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    private static double pairwise(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= BLOCK) {
            double[] r = new double[8];
            for (int j = 0; j < 8; j++) {
                r[j] = a[from + j];
            }
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += a[from + i + j];
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwise(a, from, n2) + pairwise(a, from + n2, n - n2);
    }
}
