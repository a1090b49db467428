package dev.slipway.serving.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ships what crossed a graph node to a request-log sink as CloudEvents in HTTP binary mode, with Seldon's
 * attributes ({@code Ce-Id} = the puid, {@code Ce-Type: io.seldon.serving.inference.request|response},
 * {@code Ce-Source}, {@code Ce-Modelid}, {@code Ce-Inferenceservicename}, {@code Ce-Namespace},
 * {@code Ce-Endpoint}, {@code Ce-Requestid}) and the payload as the body.
 *
 * <p>It never slows or fails a prediction: {@link #log} only counts and schedules; at most
 * {@code capacity} events are pending at once (more are dropped and counted); a failed or non-2xx send is
 * retried with backoff, then dropped and counted ({@code seldon_request_log_dropped_total{reason}}). Events for the
 * built-in sink of this process ({@link RequestLogSinks#inProcess}) are handed to its bounded queue instead, no HTTP.
 */
public final class RequestLogger implements AutoCloseable {

    public static final String REQUEST = "io.seldon.serving.inference.request";
    public static final String RESPONSE = "io.seldon.serving.inference.response";
    /** Feedback sent for a prediction (same {@code Ce-Id}: the prediction's puid). */
    public static final String FEEDBACK = "io.seldon.serving.feedback";

    private static final long[] BACKOFF_MILLIS = {100, 400, 1600};
    /** Keep-alive connections per sink: each carries one event at a time, answered once the sink kept it. */
    private static final int CONNECTIONS = 32;

    private final Vertx vertx;
    private final RequestLogSinks sinks;
    private final int capacity;
    private final long timeoutMillis;
    private final HttpClient http;
    private final AtomicInteger pending = new AtomicInteger();
    private final Counter sent;
    private final Counter full;
    private final Counter failed;
    private final Counter noSink;

    /**
     * @param sinks where events go (a node's logger that names no sink, with no default: dropped, counted)
     * @param capacity how many events may wait or be in flight at once
     */
    public RequestLogger(Vertx vertx, MeterRegistry registry, RequestLogSinks sinks, int capacity, long timeoutMillis) {
        this.vertx = vertx;
        this.sinks = java.util.Objects.requireNonNull(sinks, "sinks");
        this.capacity = capacity;
        this.timeoutMillis = timeoutMillis;
        this.http = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(CONNECTIONS).setMaxWaitQueueSize(capacity));
        this.sent = Counter.builder("seldon_request_log_sent")
                .description("Request-log events delivered to a sink")
                .register(registry);
        this.full = dropped(registry, "queue_full");
        this.failed = dropped(registry, "sink_failed");
        this.noSink = dropped(registry, "no_sink");
    }

    private static Counter dropped(MeterRegistry registry, String reason) {
        return Counter.builder("seldon_request_log_dropped")
                .description(
                        "Request-log events dropped (the sink was slow, failing or absent); predictions are unaffected")
                .tag("reason", reason)
                .register(registry);
    }

    /** Where events go. */
    public RequestLogSinks sinks() {
        return sinks;
    }

    /** One event made now: what crossed {@code node} of {@code ctx}'s predictor (request, response or feedback). */
    void log(NodeLogger logger, CallContext ctx, GraphRoute node, String type, Buffer payload) {
        log(logger, ctx, node, type, payload, Instant.now());
    }

    /**
     * One event made at {@code time}. {@code payload} is sent as it is (not copied): the bytes that crossed the node,
     * which nobody changes afterwards.
     */
    void log(NodeLogger logger, CallContext ctx, GraphRoute node, String type, Buffer payload, Instant time) {
        final java.util.List<String> urls = sinks.targets(logger, ctx.deployment.namespace());
        if (urls.isEmpty()) {
            noSink.increment();
            return;
        }
        final String puid = ctx.puid == null ? Puid.next() : ctx.puid;
        for (final String url : urls) {
            log(url, puid, ctx, node, type, payload, time);
        }
    }

    private void log(
            String url, String puid, CallContext ctx, GraphRoute node, String type, Buffer body, Instant time) {
        final InProcessSink inProcess = sinks.inProcess(url);
        if (inProcess != null) {
            handOver(inProcess, puid, ctx, node, type, body, time);
            return;
        }
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            full.increment();
            return;
        }
        final RequestOptions options;
        try {
            options = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setAbsoluteURI(url)
                    .setTimeout(timeoutMillis)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Ce-Specversion", "1.0")
                    .putHeader("Ce-Id", puid)
                    .putHeader("Ce-Type", type)
                    .putHeader(
                            "Ce-Source",
                            "slipway-gateway/" + ctx.deployment.namespace() + "/" + ctx.deployment.name() + "/"
                                    + ctx.predictor.name() + "/" + node.name())
                    .putHeader("Ce-Time", time.toString())
                    .putHeader("Ce-Modelid", node.name())
                    .putHeader("Ce-Inferenceservicename", ctx.deployment.name())
                    .putHeader("Ce-Namespace", ctx.deployment.namespace())
                    .putHeader("Ce-Endpoint", ctx.predictor.name())
                    .putHeader("Ce-Requestid", puid);
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            failed.increment(); // an unusable sink URL
            return;
        }
        send(options, body, 0);
    }

    /** An event for the sink in this process: handed to its queue, no HTTP exchange; a full queue drops it. */
    private void handOver(
            InProcessSink sink, String puid, CallContext ctx, GraphRoute node, String type, Buffer body, Instant time) {
        try {
            if (sink.offer(new InProcessSink.Event(
                    puid,
                    type,
                    time,
                    ctx.deployment.namespace(),
                    ctx.deployment.name(),
                    ctx.predictor.name(),
                    node.name(),
                    body))) {
                sent.increment();
            } else {
                full.increment();
            }
        } catch (IllegalArgumentException e) {
            failed.increment(); // an attribute the sink refuses (as its HTTP listener answers 400)
        }
    }

    private void send(RequestOptions options, Buffer body, int attempt) {
        http.request(options)
                .compose(req -> req.send(body))
                .compose(res -> res.body().map(b -> res.statusCode()))
                .onComplete(done -> {
                    if (done.succeeded() && done.result() / 100 == 2) {
                        pending.decrementAndGet();
                        sent.increment();
                    } else if (attempt < BACKOFF_MILLIS.length) {
                        vertx.setTimer(BACKOFF_MILLIS[attempt], t -> send(options, body, attempt + 1));
                    } else {
                        pending.decrementAndGet();
                        failed.increment();
                    }
                });
    }

    @Override
    public void close() {
        http.close();
    }
}
