package dev.slipway.runtime.mlflow;

import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelException;
import dev.slipway.model.ModelFactory;
import dev.slipway.model.ModelMetadata;
import dev.slipway.model.Parameters;
import dev.slipway.model.Payload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An MLflow model folder served through the runtime of its flavor: {@code onnx} → ONNX_SERVER (the
 * flavor's {@code data} file), {@code xgboost} → XGBOOST_SERVER ({@code data}), {@code sklearn} →
 * SKLEARN_SERVER ({@code pickled_model}); the first present in that order, or the one the
 * {@code flavor} parameter names. The signature's inputs, when there is one, check every request.
 * Other parameters are passed to the delegate.
 */
public final class MlflowModel implements Model {

    /** A flavor this runtime serves: its runtime and the MLmodel key naming its file. */
    record Flavor(String name, String runtime, String fileKey, String defaultFile) {}

    static final List<Flavor> FLAVORS = List.of(
            new Flavor("onnx", "ONNX_SERVER", "data", "model.onnx"),
            new Flavor("xgboost", "XGBOOST_SERVER", "data", "model.xgb"),
            new Flavor("sklearn", "SKLEARN_SERVER", "pickled_model", "model.pkl"));

    private record Loaded(Model delegate, Signature signature, ModelMetadata metadata) {}

    private volatile Loaded loaded;

    @Override
    public void load(ModelContext context) throws Exception {
        Path dir = context.requireModelDir();
        Path root = Files.isRegularFile(dir) ? dir.getParent() : dir;
        MlModelFile mlmodel = MlModelFile.read(dir);
        Flavor flavor = choose(mlmodel, context.parameters().get("flavor"));
        Map<String, String> settings = mlmodel.flavors().get(flavor.name());
        Path file = inside(root, settings.getOrDefault(flavor.fileKey(), flavor.defaultFile()), mlmodel, flavor);
        ModelFactory factory = context.runtimes()
                .find(flavor.runtime())
                .orElseThrow(() ->
                        new ModelException.LoadFailure("MLmodel " + mlmodel.file() + " has flavor '" + flavor.name()
                                + "', served by " + flavor.runtime() + ", which this server does not have (runtimes: "
                                + String.join(", ", context.runtimes().names()) + ")"));
        Map<String, String> params = new LinkedHashMap<>(context.parameters().asMap());
        params.remove("flavor");
        if (flavor.name().equals("xgboost")
                && !params.containsKey("method")
                && settings.getOrDefault("model_class", "").equals("xgboost.core.Booster")) {
            params.put("method", "booster"); // MLflow's pyfunc calls Booster.predict for a plain Booster
        }
        Model delegate = factory.create();
        try {
            delegate.load(context.with(file, Parameters.of(params)));
        } catch (Exception e) {
            delegate.close();
            throw e;
        }
        ModelMetadata inner = delegate.metadata();
        Map<String, Object> custom = new LinkedHashMap<>(inner.custom());
        custom.put("flavor", flavor.name());
        custom.put("runtime", flavor.runtime());
        if (mlmodel.mlflowVersion() != null) {
            custom.put("mlflow_version", mlmodel.mlflowVersion());
        }
        Signature signature = mlmodel.signature();
        ModelMetadata metadata = new ModelMetadata(
                "mlflow",
                inner.versions(),
                signature == null ? inner.inputs() : signature.specs(),
                inner.outputs(),
                custom);
        loaded = new Loaded(delegate, signature, metadata);
    }

    private static Flavor choose(MlModelFile mlmodel, Optional<String> requested) {
        String supported = FLAVORS.stream()
                .map(f -> f.name() + " (" + f.runtime() + ")")
                .toList()
                .toString();
        if (requested.isPresent()) {
            String name = requested.get().trim();
            Flavor f = FLAVORS.stream()
                    .filter(x -> x.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new ModelException.LoadFailure(
                            "parameter 'flavor' is '" + name + "'; MLFLOW_SERVER serves " + supported));
            if (!mlmodel.flavors().containsKey(name)) {
                throw new ModelException.LoadFailure("parameter 'flavor' is '" + name + "' but MLmodel "
                        + mlmodel.file() + " has flavors " + mlmodel.flavorNames());
            }
            return f;
        }
        for (Flavor f : FLAVORS) {
            if (mlmodel.flavors().containsKey(f.name())) {
                return f;
            }
        }
        throw new ModelException.LoadFailure("MLmodel " + mlmodel.file() + " has flavors " + mlmodel.flavorNames()
                + ", none of which MLFLOW_SERVER can serve without Python; it serves " + supported);
    }

    private static Path inside(Path root, String name, MlModelFile mlmodel, Flavor flavor) {
        Path file = root.resolve(name).normalize();
        if (!file.startsWith(root.normalize())) {
            throw new ModelException.LoadFailure("MLmodel " + mlmodel.file() + ": flavor '" + flavor.name()
                    + "' names file '" + name + "' outside the model folder");
        }
        if (!Files.exists(file)) {
            throw new ModelException.LoadFailure("MLmodel " + mlmodel.file() + ": flavor '" + flavor.name() + "' names "
                    + flavor.fileKey() + " '" + name + "', which does not exist in " + root);
        }
        return file;
    }

    private Loaded state() {
        return Model.loaded(loaded, "the MLflow model");
    }

    @Override
    public Payload predict(Payload input) {
        Loaded l = state();
        return l.delegate()
                .predict(l.signature() == null ? input : l.signature().apply(input));
    }

    @Override
    public ModelMetadata metadata() {
        return state().metadata();
    }

    @Override
    public boolean ready() {
        Loaded l = loaded;
        return l != null && l.delegate().ready();
    }

    @Override
    public void close() throws Exception {
        Loaded l = loaded;
        loaded = null;
        if (l != null) {
            l.delegate().close();
        }
    }
}
