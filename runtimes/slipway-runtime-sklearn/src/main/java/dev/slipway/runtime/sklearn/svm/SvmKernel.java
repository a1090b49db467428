package dev.slipway.runtime.sklearn.svm;

import dev.slipway.runtime.sklearn.estimators.Attributes;

/**
 * libsvm's {@code Kernel::k_function} for dense rows, in its operation order: {@code linear} x·y,
 * {@code poly} powi(gamma x·y + coef0, degree), {@code rbf} exp(-gamma Σ(x−y)²), {@code sigmoid}
 * tanh(gamma x·y + coef0). Immutable.
 */
record SvmKernel(SvmKernel.Type type, double gamma, double coef0, int degree) {

    enum Type {
        LINEAR,
        POLY,
        RBF,
        SIGMOID
    }

    /** The kernel of a fitted libsvm estimator: {@code kernel}, {@code _gamma}, {@code coef0}, {@code degree}. */
    static SvmKernel of(Attributes a) {
        Object k = a.get("kernel");
        if (!(k instanceof String name)) {
            throw a.unsupported("kernel", k);
        }
        Type t = switch (name) {
            case "linear" -> Type.LINEAR;
            case "poly" -> Type.POLY;
            case "rbf" -> Type.RBF;
            case "sigmoid" -> Type.SIGMOID;
            default -> throw a.unsupported("kernel", name);
        };
        double gamma;
        if (a.has("_gamma")) {
            gamma = a.number("_gamma");
        } else if (a.getOrNull("gamma") instanceof Number) {
            gamma = a.number("gamma");
        } else {
            throw a.missing("_gamma");
        }
        long degree = a.integer("degree", 3);
        if (degree < 0 || degree > Integer.MAX_VALUE) {
            throw a.unsupported("degree", degree);
        }
        return new SvmKernel(t, gamma, a.number("coef0", 0.0), (int) degree);
    }

    /** k(x, sv) for row {@code x} (from {@code xOff}) and support vector {@code s} (from {@code sOff}). */
    double apply(double[] x, int xOff, double[] sv, int sOff, int width) {
        return switch (type) {
            case LINEAR -> dot(x, xOff, sv, sOff, width);
            case POLY -> powi(gamma * dot(x, xOff, sv, sOff, width) + coef0, degree);
            case RBF -> {
                double sum = 0;
                for (int i = 0; i < width; i++) {
                    double d = x[xOff + i] - sv[sOff + i];
                    sum += d * d;
                }
                yield Math.exp(-gamma * sum);
            }
            case SIGMOID -> Math.tanh(gamma * dot(x, xOff, sv, sOff, width) + coef0);
        };
    }

    private static double dot(double[] x, int xOff, double[] y, int yOff, int width) {
        double sum = 0;
        for (int i = 0; i < width; i++) {
            sum += x[xOff + i] * y[yOff + i];
        }
        return sum;
    }

    /** libsvm's powi: exponentiation by squaring. */
    static double powi(double base, int times) {
        double tmp = base;
        double ret = 1.0;
        for (int t = times; t > 0; t /= 2) {
            if (t % 2 == 1) {
                ret *= tmp;
            }
            tmp = tmp * tmp;
        }
        return ret;
    }
}
