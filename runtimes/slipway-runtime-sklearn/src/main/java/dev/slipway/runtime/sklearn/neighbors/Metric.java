package dev.slipway.runtime.sklearn.neighbors;

import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.pickle.PyDict;
import dev.slipway.runtime.sklearn.pickle.PyObjects;
import java.util.Map;

/**
 * The distances a fitted neighbours estimator uses, from {@code effective_metric_} (or {@code metric})
 * and {@code effective_metric_params_}/{@code p}: euclidean (l2), manhattan (cityblock, l1), chebyshev
 * (infinity) and minkowski with any p ≥ 1. Weighted minkowski, precomputed distances and other metrics
 * are refused. Immutable.
 */
final class Metric {

    private enum Kind {
        EUCLIDEAN,
        MANHATTAN,
        CHEBYSHEV,
        MINKOWSKI
    }

    private final Kind kind;
    private final double p;

    private Metric(Kind kind, double p) {
        this.kind = kind;
        this.p = p;
    }

    static Metric of(Attributes a) {
        String attr = a.has("effective_metric_") ? "effective_metric_" : "metric";
        Object m = a.get(attr);
        if (!(m instanceof String name)) {
            throw a.unsupported(attr, m);
        }
        Map<?, ?> params = paramsOf(a);
        for (Object key : params.keySet()) {
            if (!"p".equals(key) && !("w".equals(key) && params.get(key) == null)) {
                throw a.unsupported("metric_params['" + key + "']", params.get(key));
            }
        }
        double p = params.get("p") != null
                ? PyObjects.toDouble(params.get("p"), a.className() + " metric p")
                : a.number("p", 2);
        Kind k = switch (name) {
            case "euclidean", "l2" -> Kind.EUCLIDEAN;
            case "manhattan", "cityblock", "l1" -> Kind.MANHATTAN;
            case "chebyshev", "infinity" -> Kind.CHEBYSHEV;
            case "minkowski" ->
                Double.isInfinite(p)
                        ? Kind.CHEBYSHEV
                        : p == 1 ? Kind.MANHATTAN : p == 2 ? Kind.EUCLIDEAN : Kind.MINKOWSKI;
            default -> throw a.unsupported(attr, name);
        };
        if (k == Kind.MINKOWSKI && !(p >= 1)) {
            throw a.unsupported("p", p);
        }
        return new Metric(k, p);
    }

    private static Map<?, ?> paramsOf(Attributes a) {
        String attr = a.has("effective_metric_params_") ? "effective_metric_params_" : "metric_params";
        Object v = a.getOrNull(attr);
        if (v == null) {
            return Map.of();
        }
        if (v instanceof PyDict d) {
            return d;
        }
        throw a.invalid(attr, "a dict");
    }

    /** The distance between row {@code x} (from {@code xo}) and row {@code y} (from {@code yo}). */
    double distance(double[] x, int xo, double[] y, int yo, int width) {
        double acc = 0;
        switch (kind) {
            case EUCLIDEAN -> {
                for (int j = 0; j < width; j++) {
                    double d = x[xo + j] - y[yo + j];
                    acc += d * d;
                }
                return Math.sqrt(acc);
            }
            case MANHATTAN -> {
                for (int j = 0; j < width; j++) {
                    acc += Math.abs(x[xo + j] - y[yo + j]);
                }
                return acc;
            }
            case CHEBYSHEV -> {
                for (int j = 0; j < width; j++) {
                    acc = Math.max(acc, Math.abs(x[xo + j] - y[yo + j]));
                }
                return acc;
            }
            default -> {
                for (int j = 0; j < width; j++) {
                    acc += Math.pow(Math.abs(x[xo + j] - y[yo + j]), p);
                }
                return Math.pow(acc, 1.0 / p);
            }
        }
    }
}
