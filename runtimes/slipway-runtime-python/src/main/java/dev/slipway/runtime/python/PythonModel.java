package dev.slipway.runtime.python;

import dev.slipway.model.Feedback;
import dev.slipway.model.Metric;
import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelException;
import dev.slipway.model.ModelMetadata;
import dev.slipway.model.Payload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Seldon Python user-model class served through worker processes: every method is one frame to a worker
 * ({@link WorkerPool}); the answer's payload, tags and custom metrics come back together ({@link #metrics()}
 * hands the metrics of this thread's last call to the server, which asks right after the call).
 */
final class PythonModel implements Model {

    private final Map<String, String> env;
    private final Consumer<String> log;
    private final ThreadLocal<List<Metric>> lastMetrics = new ThreadLocal<>();
    private volatile WorkerPool pool;
    private volatile WorkerFiles files;
    private volatile ModelMetadata metadata = ModelMetadata.of("python");
    private String name = "model";

    PythonModel(Map<String, String> env, Consumer<String> log) {
        this.env = Map.copyOf(env);
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public void load(ModelContext context) {
        name = context.name();
        PythonSettings settings = PythonSettings.of(context, env);
        WorkerFiles extracted = WorkerFiles.extract();
        try {
            pool = WorkerPool.start(settings, extracted, log);
        } catch (RuntimeException e) {
            extracted.close();
            throw e;
        }
        files = extracted;
        metadata = Answers.metadata(settings, pool.hello());
        log.accept("[" + name + "] " + settings.located().describe() + " ready in " + settings.workers()
                + " Python worker(s) " + pool.pids() + " (" + pool.hello().get("python") + ", "
                + pool.hello().get("seldon_core") + ")");
    }

    @Override
    public Payload predict(Payload input) {
        return payloadCall("predict", input);
    }

    @Override
    public Payload transformInput(Payload input) {
        return payloadCall("transform_input", input);
    }

    @Override
    public Payload transformOutput(Payload output) {
        return payloadCall("transform_output", output);
    }

    @Override
    public int route(Payload input) {
        Map<String, Object> answer = call(List.of("route", Answers.toWorker(input)));
        keepMetrics(answer);
        Object route = answer.get("route");
        if (!(route instanceof Number n)) {
            throw new ModelException("the Python router answered no route index");
        }
        return n.intValue();
    }

    @Override
    public Payload aggregate(List<Payload> outputs) {
        List<Object> payloads = new ArrayList<>(outputs.size());
        for (Payload p : outputs) {
            payloads.add(Answers.toWorker(p));
        }
        return answered(call(List.of("aggregate", payloads)));
    }

    @Override
    public Optional<Payload> sendFeedback(Feedback feedback) {
        List<Object> request = new ArrayList<>();
        request.add("send_feedback");
        request.add(feedback.request() == null ? null : Answers.toWorker(feedback.request()));
        request.add(feedback.response() == null ? null : Answers.toWorker(feedback.response()));
        request.add(feedback.truth() == null ? null : Answers.toWorker(feedback.truth()));
        request.add(feedback.reward());
        request.add(feedback.routing().get(name));
        Map<String, Object> answer = call(request);
        if (answer.get("payload") == null) {
            keepMetrics(answer);
            return Optional.empty();
        }
        return Optional.of(answered(answer));
    }

    @Override
    public Optional<Payload> healthStatus() {
        Map<String, Object> answer = call(List.of("health_status"));
        lastMetrics.remove();
        return answer.get("payload") == null ? Optional.empty() : Optional.of(Answers.payload(answer));
    }

    @Override
    public List<Metric> metrics() {
        List<Metric> m = lastMetrics.get();
        lastMetrics.remove();
        return m == null ? List.of() : m;
    }

    @Override
    public boolean ready() {
        WorkerPool p = pool;
        return p != null && p.ready();
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    /** The pids of the running workers. */
    List<Long> workerPids() {
        WorkerPool p = pool;
        return p == null ? List.of() : p.pids();
    }

    @Override
    public void close() {
        WorkerPool p = pool;
        pool = null;
        if (p != null) {
            p.close();
        }
        WorkerFiles f = files;
        files = null;
        if (f != null) {
            f.close();
        }
    }

    private Payload payloadCall(String op, Payload input) {
        return answered(call(List.of(op, Answers.toWorker(input))));
    }

    private Payload answered(Map<String, Object> answer) {
        keepMetrics(answer);
        return Answers.payload(answer);
    }

    private void keepMetrics(Map<String, Object> answer) {
        lastMetrics.set(Answers.metrics(answer.get("metrics")));
    }

    private Map<String, Object> call(List<Object> request) {
        WorkerPool p = pool;
        if (p == null) {
            throw new ModelException.WithStatus(503, "UNAVAILABLE", "the Python model '" + name + "' is not loaded");
        }
        Object answer = p.call(request);
        if (!(answer instanceof Map<?, ?> raw)) {
            throw new ModelException("the Python worker answered " + answer);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        raw.forEach((k, v) -> map.put(String.valueOf(k), v));
        Answers.throwIfFailed(map);
        return map;
    }
}
