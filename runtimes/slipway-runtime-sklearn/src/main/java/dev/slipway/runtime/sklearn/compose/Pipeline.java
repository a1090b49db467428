package dev.slipway.runtime.sklearn.compose;

import dev.slipway.model.ModelException;
import dev.slipway.model.Tensor;
import dev.slipway.runtime.sklearn.estimators.Attributes;
import dev.slipway.runtime.sklearn.estimators.Estimator;
import dev.slipway.runtime.sklearn.estimators.EstimatorRegistry;
import dev.slipway.runtime.sklearn.estimators.Labels;
import dev.slipway.runtime.sklearn.estimators.Method;
import dev.slipway.runtime.sklearn.estimators.Rows;
import dev.slipway.runtime.sklearn.pickle.PyList;
import dev.slipway.runtime.sklearn.pickle.PyTuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code sklearn.pipeline.Pipeline}: every step but the last transforms, the last one predicts (or
 * transforms too). {@code 'passthrough'} and {@code None} steps are skipped. Immutable.
 */
public final class Pipeline implements Estimator {

    private final List<Estimator> transformers;
    private final Estimator last;

    private Pipeline(List<Estimator> transformers, Estimator last) {
        this.transformers = List.copyOf(transformers);
        this.last = last;
    }

    /** Registers the class. */
    public static void register(EstimatorRegistry.Builder b) {
        b.estimator(Pipeline::create, "Pipeline");
    }

    private static Estimator create(Attributes a) {
        List<Object> steps = a.list("steps");
        if (steps.isEmpty()) {
            throw a.invalid("steps", "at least one step");
        }
        List<Estimator> converted = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            Object est;
            String name;
            if (step instanceof PyTuple t && t.size() == 2) {
                name = String.valueOf(t.get(0));
                est = t.get(1);
            } else if (step instanceof PyList l && l.size() == 2) {
                name = String.valueOf(l.get(0));
                est = l.get(1);
            } else {
                throw a.invalid("steps", "(name, estimator) pairs");
            }
            if (est == null || "passthrough".equals(est)) {
                continue;
            }
            Estimator e = a.convert(est, "steps['" + name + "']");
            if (i < steps.size() - 1 && !e.isTransformer()) {
                throw new ModelException.LoadFailure("Pipeline step '" + name + "' (" + e.className()
                        + ") is not a transformer but is not the last step");
            }
            converted.add(e);
        }
        if (converted.isEmpty()) {
            throw a.invalid("steps", "at least one estimator that is not 'passthrough'");
        }
        return new Pipeline(converted.subList(0, converted.size() - 1), converted.get(converted.size() - 1));
    }

    @Override
    public String className() {
        return "Pipeline";
    }

    @Override
    public List<String> classNames() {
        List<Estimator> inner = new ArrayList<>(transformers);
        inner.add(last);
        return Estimator.classNames(className(), inner);
    }

    @Override
    public Set<Method> methods() {
        return last.methods();
    }

    @Override
    public boolean isTransformer() {
        return last.isTransformer();
    }

    private Estimator first() {
        return transformers.isEmpty() ? last : transformers.get(0);
    }

    @Override
    public Optional<Integer> nFeaturesIn() {
        return first().nFeaturesIn();
    }

    @Override
    public boolean takesText() {
        return first().takesText();
    }

    @Override
    public boolean takesTable() {
        return first().takesTable();
    }

    @Override
    public Optional<Labels> classes() {
        return last.classes();
    }

    @Override
    public Optional<List<String>> featureNamesIn() {
        return first().featureNamesIn();
    }

    private Rows through(Rows x) {
        Rows r = x;
        for (Estimator t : transformers) {
            r = t.transform(r);
        }
        return r;
    }

    @Override
    public Rows transform(Rows x) {
        return last.transform(through(x));
    }

    @Override
    public Tensor predict(Rows x) {
        return last.predict(through(x));
    }

    @Override
    public Tensor predictProba(Rows x) {
        if (!last.methods().contains(Method.PREDICT_PROBA)) {
            throw unsupported(Method.PREDICT_PROBA);
        }
        return last.predictProba(through(x));
    }

    @Override
    public Tensor decisionFunction(Rows x) {
        if (!last.methods().contains(Method.DECISION_FUNCTION)) {
            throw unsupported(Method.DECISION_FUNCTION);
        }
        return last.decisionFunction(through(x));
    }

    @Override
    public ModelException.Unsupported unsupported(Method m) {
        return new ModelException.Unsupported("Pipeline's final step " + last.className() + " has no " + m.pythonName()
                + " (it has: " + dev.slipway.runtime.sklearn.estimators.Methods.names(last.methods()) + ")");
    }
}
