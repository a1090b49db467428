package dev.slipway.runtime.onnx;

import ai.onnxruntime.MapInfo;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelException;
import dev.slipway.model.ModelFiles;
import dev.slipway.model.ModelMetadata;
import dev.slipway.model.Parameters;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.model.TensorSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An ONNX model served with ONNX Runtime.
 *
 * <p>Files: {@code model.onnx}, else the only {@code *.onnx} in the folder (or the URI's file itself).
 * Parameters: {@code intra_op_threads}, {@code inter_op_threads} (0 = ONNX Runtime's default),
 * {@code output} (the output a v1 request gets; default the first), {@code outputs} (comma-separated
 * outputs a v2 request gets; default all tensor outputs).
 */
public final class OnnxModel implements Model {

    /** What {@link #load} produced; immutable, shared by concurrent predictions. */
    private record Loaded(
            OrtSession session,
            List<TensorSpec> inputs,
            List<TensorSpec> outputs,
            InputBinder binder,
            Set<String> v2Outputs,
            String v1Output,
            ModelMetadata metadata) {}

    private volatile @Nullable Loaded loaded;

    @Override
    public void load(ModelContext context) throws Exception {
        Path file = findModelFile(context.requireModelDir());
        Parameters p = context.parameters();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(nonNegative(p, "intra_op_threads"));
            options.setInterOpNumThreads(nonNegative(p, "inter_op_threads"));
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new ModelException.LoadFailure("cannot load ONNX model " + file + ": " + e.getMessage(), e);
        }
        try {
            loaded = describe(session, file, p);
        } catch (RuntimeException | OrtException e) {
            session.close();
            throw e instanceof ModelException me
                    ? me
                    : new ModelException.LoadFailure("cannot read ONNX model " + file + ": " + e.getMessage(), e);
        }
    }

    private static int nonNegative(Parameters p, String name) {
        int v = p.getInt(name, 0);
        if (v < 0) {
            throw new ModelException.LoadFailure(
                    "parameter '" + name + "' is " + v + " but must be 0 (default) or more");
        }
        return v;
    }

    static Path findModelFile(Path dirOrFile) {
        return ModelFiles.find(dirOrFile, List.of("model.onnx"), List.of(".onnx"), "ONNX");
    }

    private static Loaded describe(OrtSession session, Path file, Parameters p) throws OrtException {
        List<TensorSpec> inputs = new ArrayList<>();
        for (NodeInfo n : session.getInputInfo().values()) {
            inputs.add(tensorSpec(n)
                    .orElseThrow(() -> new ModelException.LoadFailure("ONNX model " + file + ": input '" + n.getName()
                            + "' is " + n.getInfo() + ", which ONNX_SERVER cannot feed")));
        }
        List<TensorSpec> outputs = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (NodeInfo n : session.getOutputInfo().values()) {
            Optional<TensorSpec> spec = tensorSpec(n);
            if (spec.isPresent()) {
                outputs.add(spec.get());
            } else {
                skipped.put(n.getName(), nonTensor(n));
            }
        }
        Set<String> tensorNames =
                new LinkedHashSet<>(outputs.stream().map(TensorSpec::name).toList());
        if (tensorNames.isEmpty()) {
            throw new ModelException.LoadFailure("ONNX model " + file + " has no tensor output; its outputs " + skipped
                    + " cannot be returned (for ONNX-ML classifiers, convert with zipmap=False)");
        }
        Set<String> v2 = new LinkedHashSet<>();
        for (String name :
                p.get("outputs").map(s -> Arrays.asList(s.split(","))).orElse(List.copyOf(tensorNames))) {
            v2.add(requireOutput(name.trim(), tensorNames, skipped, file, "outputs"));
        }
        String v1 = requireOutput(
                p.getString("output", tensorNames.iterator().next()).trim(), tensorNames, skipped, file, "output");
        Map<String, Object> custom = new HashMap<>();
        custom.put("file", file.getFileName().toString());
        var meta = session.getMetadata();
        custom.put("producer", meta.getProducerName());
        custom.put("graph", meta.getGraphName());
        custom.put("default_v1_output", v1);
        if (!skipped.isEmpty()) {
            custom.put("unsupported_outputs", skipped);
        }
        ModelMetadata metadata =
                new ModelMetadata("onnx", List.of(Long.toString(meta.getVersion())), inputs, outputs, custom);
        return new Loaded(
                session,
                List.copyOf(inputs),
                List.copyOf(outputs),
                new InputBinder(inputs),
                Set.copyOf(v2),
                v1,
                metadata);
    }

    /** The node as a tensor of a type Slipway has, or empty (a map, a sequence, another element type). */
    private static Optional<TensorSpec> tensorSpec(NodeInfo n) {
        if (n.getInfo() instanceof TensorInfo t) {
            return OnnxTypes.dataType(t.onnxType).map(type -> new TensorSpec(n.getName(), type, t.getShape()));
        }
        return Optional.empty();
    }

    private static String nonTensor(NodeInfo n) {
        if (n.getInfo() instanceof SequenceInfo s && s.isSequenceOfMaps()) {
            MapInfo m = s.mapInfo;
            return "a sequence of maps " + m.keyType + " -> " + m.valueType + " (ONNX-ML ZipMap)";
        }
        return String.valueOf(n.getInfo());
    }

    private static String requireOutput(
            String name, Set<String> tensors, Map<String, String> skipped, Path file, String param) {
        if (tensors.contains(name)) {
            return name;
        }
        if (skipped.containsKey(name)) {
            throw new ModelException.LoadFailure("parameter '" + param + "' names output '" + name + "' of " + file
                    + ", which is " + skipped.get(name) + " and cannot be returned; choose one of " + tensors
                    + " (or convert with zipmap=False)");
        }
        throw new ModelException.LoadFailure(
                "parameter '" + param + "' names output '" + name + "' but " + file + " has outputs " + tensors);
    }

    private Loaded state() {
        return Model.loaded(loaded, "the ONNX model");
    }

    @Override
    public Payload predict(Payload input) {
        Loaded l = state();
        boolean positional = l.binder().isPositional(input);
        Map<String, Tensor> bound = l.binder().bind(input);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        try {
            for (TensorSpec spec : l.inputs()) {
                Tensor t = bound.get(spec.name());
                if (t == null) {
                    throw new ModelException.InvalidInput("no tensor for the model's input '" + spec.name() + "'");
                }
                feeds.put(spec.name(), OnnxTypes.toOnnx(env, spec.name(), t, spec.type(), t.shape()));
            }
            Set<String> wanted = positional ? Set.of(l.v1Output()) : l.v2Outputs();
            try (OrtSession.Result result = l.session().run(feeds, wanted)) {
                Map<String, Tensor> out = new LinkedHashMap<>();
                for (TensorSpec spec : l.outputs()) {
                    if (wanted.contains(spec.name())) {
                        OnnxValue v = result.get(spec.name()).orElseThrow();
                        out.put(spec.name(), OnnxTypes.fromOnnx(spec.name(), (OnnxTensor) v));
                    }
                }
                return positional
                        ? Payload.of(Objects.requireNonNull(out.get(l.v1Output()), l.v1Output()))
                        : Payload.ofTensors(out);
            }
        } catch (OrtException e) {
            throw new ModelException.InvalidInput(
                    "ONNX Runtime refused the request " + input.describe() + ": " + e.getMessage(), e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public ModelMetadata metadata() {
        return state().metadata();
    }

    @Override
    public boolean ready() {
        return loaded != null;
    }

    @Override
    public void close() throws Exception {
        Loaded l = loaded;
        loaded = null;
        if (l != null) {
            l.session().close();
        }
    }
}
