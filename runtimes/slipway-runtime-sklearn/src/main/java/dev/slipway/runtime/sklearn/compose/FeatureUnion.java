package dev.slipway.runtime.sklearn.compose;

import dev.slipway.model.ModelException;
import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.Estimator;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.estimators.SparseRows;
import dev.slipway.runtime.sklearn.pickle.PyDict;
import dev.slipway.runtime.sklearn.pickle.PyObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code sklearn.pipeline.FeatureUnion}: every transformer of {@code transformer_list} sees the whole
 * input; outputs are scaled by {@code transformer_weights} and stacked in order, sparse when any block is
 * sparse. {@code 'drop'}/None entries are skipped and {@code 'passthrough'} copies the input. Immutable.
 */
public final class FeatureUnion implements Estimator {

    private final List<String> names;
    private final List<Estimator> estimators;
    private final double[] weights;

    private FeatureUnion(List<String> names, List<Estimator> estimators, double[] weights) {
        this.names = List.copyOf(names);
        this.estimators = new ArrayList<>(estimators);
        this.weights = weights;
    }

    /** Registers the class. */
    public static void register(EstimatorRegistry.Builder b) {
        b.estimator(FeatureUnion::create, "FeatureUnion");
    }

    private static Estimator create(Attributes a) {
        PyDict w = a.getOrNull("transformer_weights") instanceof PyDict d ? d : null;
        List<String> names = new ArrayList<>();
        List<Estimator> ests = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (List<Object> t : a.tuples("transformer_list", 2, "(name, transformer) pairs")) {
            String name = String.valueOf(t.get(0));
            Object est = t.get(1);
            if (est == null || "drop".equals(est)) {
                continue;
            }
            Estimator e = "passthrough".equals(est) ? null : a.convert(est, "transformer_list['" + name + "']");
            if (e != null && !e.isTransformer()) {
                throw new ModelException.LoadFailure(
                        "FeatureUnion entry '" + name + "' (" + e.className() + ") is not a transformer");
            }
            names.add(name);
            ests.add(e);
            weights.add(w != null && w.get(name) != null ? PyObjects.toDouble(w.get(name), "weight") : Double.NaN);
        }
        if (ests.isEmpty()) {
            throw a.invalid("transformer_list", "at least one transformer that is not 'drop'");
        }
        return new FeatureUnion(
                names, ests, weights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Override
    public String className() {
        return "FeatureUnion";
    }

    @Override
    public List<String> classNames() {
        return Estimator.classNames(className(), estimators);
    }

    @Override
    public boolean isTransformer() {
        return true;
    }

    private Optional<Estimator> first() {
        return estimators.stream().filter(e -> e != null).findFirst();
    }

    @Override
    public Optional<Integer> nFeaturesIn() {
        return first().flatMap(Estimator::nFeaturesIn);
    }

    @Override
    public boolean takesText() {
        return first().map(Estimator::takesText).orElse(false);
    }

    @Override
    public boolean takesTable() {
        return estimators.stream().anyMatch(e -> e != null && e.takesTable());
    }

    @Override
    public Optional<List<String>> featureNamesIn() {
        return first().flatMap(Estimator::featureNamesIn);
    }

    @Override
    public Rows transform(Rows x) {
        List<Rows> blocks = new ArrayList<>();
        boolean sparse = false;
        for (int i = 0; i < estimators.size(); i++) {
            Estimator e = estimators.get(i);
            Rows out = e == null ? x : e.transform(x);
            if (!Double.isNaN(weights[i])) {
                out = Columns.weighted(out, weights[i], "FeatureUnion '" + names.get(i) + "'");
            }
            sparse |= out instanceof SparseRows;
            blocks.add(out);
        }
        return Columns.hstack(blocks, x.count(), sparse, "FeatureUnion");
    }
}
