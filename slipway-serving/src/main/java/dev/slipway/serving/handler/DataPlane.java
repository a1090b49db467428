package dev.slipway.serving.handler;

import dev.slipway.model.Feedback;
import dev.slipway.model.Metric;
import dev.slipway.model.Model;
import dev.slipway.model.ModelException;
import dev.slipway.model.ModelMetadata;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.protocol.v1.DataForm;
import dev.slipway.protocol.v1.FeedbackMessage;
import dev.slipway.protocol.v1.Meta;
import dev.slipway.protocol.v1.SeldonMessage;
import dev.slipway.protocol.v2.InferenceRequest;
import dev.slipway.protocol.v2.InferenceResponse;
import dev.slipway.serving.metrics.ServingMetrics;
import dev.slipway.serving.model.LoadedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The transport-free data plane of one model: the Seldon microservice methods (predict, transform-input,
 * transform-output, route, aggregate, send-feedback, metadata, health) and Open Inference v2 inference.
 * Both HTTP transports call it; it owns the response conventions (names, puid, tags, custom metrics).
 */
public final class DataPlane {

    /** The text Seldon answers at {@code /health/status} for a model without a health check. */
    public static final String DEFAULT_HEALTH = "not implemented - assuming healthy";

    private final LoadedModel loaded;
    private final Model model;
    private final ServingMetrics metrics;

    public DataPlane(LoadedModel loaded, ServingMetrics metrics) {
        this.loaded = Objects.requireNonNull(loaded, "loaded");
        this.model = loaded.model();
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The model's name. */
    public String modelName() {
        return loaded.name();
    }

    /** Seldon {@code predict}. */
    public SeldonMessage predict(SeldonMessage request) {
        return call(request, model::predict);
    }

    /** Seldon {@code transform-input}. */
    public SeldonMessage transformInput(SeldonMessage request) {
        return call(request, model::transformInput);
    }

    /** Seldon {@code transform-output}. */
    public SeldonMessage transformOutput(SeldonMessage request) {
        return call(request, model::transformOutput);
    }

    /** Seldon {@code route}: the chosen child as {@code [[index]]}. */
    public SeldonMessage route(SeldonMessage request) {
        Payload in = require(request);
        int child = model.route(in);
        Payload out = Payload.of(Tensor.ofLongs(new long[] {child}, 1, 1));
        return SeldonMessage.of(out, formOf(request), responseMeta(request, Map.of()));
    }

    /** Seldon {@code aggregate} over the children's responses. */
    public SeldonMessage aggregate(List<SeldonMessage> responses) {
        if (responses.isEmpty()) {
            throw new ModelException.InvalidInput("seldonMessages: a combiner needs at least one message");
        }
        List<Payload> payloads = new ArrayList<>(responses.size());
        Map<String, Object> tags = new LinkedHashMap<>();
        for (int i = 0; i < responses.size(); i++) {
            SeldonMessage m = responses.get(i);
            if (m.payload() == null) {
                throw new ModelException.InvalidInput("seldonMessages[" + i + "]: has no data");
            }
            payloads.add(m.payload());
            tags.putAll(m.meta().tags());
        }
        Payload out = model.aggregate(payloads);
        SeldonMessage first = responses.get(0);
        Meta meta = responseMeta(first.withMeta(first.meta().withTags(tags)), out.tags());
        return SeldonMessage.of(withDefaultNames(out), formOf(first), meta);
    }

    /** Seldon {@code send-feedback}. */
    public SeldonMessage sendFeedback(FeedbackMessage feedback) {
        metrics.feedback(feedback.reward());
        Map<String, Integer> routing =
                feedback.response() != null ? feedback.response().meta().routing() : Map.of();
        Feedback f = new Feedback(
                payloadOf(feedback.request()),
                payloadOf(feedback.response()),
                payloadOf(feedback.truth()),
                feedback.reward(),
                routing);
        Optional<Payload> answer = model.sendFeedback(f);
        Payload out = answer.orElseGet(() -> Payload.of(Tensor.ofDoubles(new double[0], 0)));
        SeldonMessage req =
                feedback.request() != null ? feedback.request() : SeldonMessage.of(null, DataForm.NDARRAY, Meta.EMPTY);
        return SeldonMessage.of(out, DataForm.NDARRAY, responseMeta(req.withMeta(Meta.EMPTY), out.tags()));
    }

    private static Payload payloadOf(SeldonMessage m) {
        return m == null ? null : m.payload();
    }

    /** Seldon {@code health/status}. */
    public SeldonMessage healthStatus() {
        Payload p = model.healthStatus().orElseGet(() -> Payload.ofString(DEFAULT_HEALTH));
        return SeldonMessage.of(p, DataForm.NDARRAY, Meta.EMPTY);
    }

    /** True when the model is loaded and says it is ready. */
    public boolean ready() {
        try {
            return model.ready();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The model's metadata. */
    public ModelMetadata metadata() {
        return loaded.metadata();
    }

    /** Open Inference v2 {@code infer}. */
    public InferenceResponse infer(InferenceRequest request) {
        Payload out = model.predict(request.inputs());
        recordCustom();
        if (out.kind() != Payload.Kind.TENSORS) {
            throw new ModelException("the model answered " + out.describe() + ", which the v2 protocol cannot carry");
        }
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        out.tensors()
                .forEach((name, t) ->
                        outputs.put(name.equals(Payload.DEFAULT_NAME) ? "output-" + outputs.size() : name, t));
        List<String> wanted = request.requestedOutputs();
        if (!wanted.isEmpty()) {
            if (outputs.size() == 1 && wanted.size() == 1 && out.tensors().containsKey(Payload.DEFAULT_NAME)) {
                Tensor only = outputs.values().iterator().next();
                outputs.clear();
                outputs.put(wanted.get(0), only);
            } else {
                Map<String, Tensor> picked = new LinkedHashMap<>();
                for (String w : wanted) {
                    Tensor t = outputs.get(w);
                    if (t == null) {
                        throw new ModelException.InvalidInput(
                                "outputs: the model has no output named '" + w + "' (it has " + outputs.keySet() + ")");
                    }
                    picked.put(w, t);
                }
                outputs.clear();
                outputs.putAll(picked);
            }
        }
        String version = loaded.metadata().versions().isEmpty()
                ? null
                : loaded.metadata().versions().get(0);
        return new InferenceResponse(loaded.name(), version, request.id(), Map.of(), Payload.ofTensors(outputs));
    }

    private SeldonMessage call(SeldonMessage request, UnaryOperator<Payload> method) {
        Payload in = require(request);
        Payload out = method.apply(in);
        if (out == null) {
            throw new ModelException("the model returned no payload");
        }
        return SeldonMessage.of(withDefaultNames(out), formOf(request), responseMeta(request, out.tags()));
    }

    private static Payload require(SeldonMessage request) {
        if (request.payload() == null) {
            throw new ModelException.InvalidInput(
                    "the request has no data: expected one of data (ndarray, tensor, tftensor), strData, binData or jsonData");
        }
        return request.payload();
    }

    private static DataForm formOf(SeldonMessage request) {
        return request.form() == DataForm.NONE ? DataForm.NDARRAY : request.form();
    }

    /** Seldon names the columns of a 2-D answer {@code t:0, t:1, …} unless the model named them. */
    private static Payload withDefaultNames(Payload out) {
        if (out.kind() != Payload.Kind.TENSORS || !out.names().isEmpty()) {
            return out;
        }
        Tensor t = out.tensor();
        if (t.rank() != 2) {
            return out;
        }
        int cols = (int) t.dim(1);
        List<String> names = new ArrayList<>(cols);
        for (int i = 0; i < cols; i++) {
            names.add("t:" + i);
        }
        return out.withNames(names);
    }

    private Meta responseMeta(SeldonMessage request, Map<String, Object> outTags) {
        Meta in = request.meta();
        Map<String, Object> modelTags = model.tags();
        Map<String, Object> tags;
        if (outTags.isEmpty() && modelTags.isEmpty()) {
            tags = in.tags();
        } else {
            tags = new LinkedHashMap<>(in.tags());
            tags.putAll(outTags);
            tags.putAll(modelTags);
        }
        List<Metric> custom = recordCustom();
        String puid = in.puid() != null && !in.puid().isEmpty() ? in.puid() : Puids.next();
        return new Meta(puid, tags, Map.of(), Map.of(), custom);
    }

    private List<Metric> recordCustom() {
        List<Metric> custom = model.metrics();
        if (!custom.isEmpty()) {
            metrics.custom(custom);
        }
        return custom;
    }
}
