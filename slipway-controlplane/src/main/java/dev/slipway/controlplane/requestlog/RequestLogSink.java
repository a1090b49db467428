package dev.slipway.controlplane.requestlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.slipway.support.Mappers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in request-log sink of {@code slipway up --request-log}: an HTTP listener on loopback that takes Seldon's
 * CloudEvents in binary mode ({@code POST /events/KEY}, {@code Ce-*} headers, the payload as the body) and appends
 * them to a {@link RequestLogStore}. {@code KEY} is random per start, so only the gateway that was told the URL (and
 * whoever reads this process's memory) can write; a wrong key is a 404, a bad attribute a 400 naming it, a full write
 * queue a 503 (the sender retries), an oversized body is kept as an event without its payload.
 */
public final class RequestLogSink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLogSink.class);
    private static final int QUEUE = 10_000;
    private static final int BATCH = 512;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9._-]{1,253}");
    private static final Map<String, String> TYPES = Map.of(
            "io.seldon.serving.inference.request", "request",
            "io.seldon.serving.inference.response", "response",
            "io.seldon.serving.feedback", "feedback");

    private final Vertx vertx;
    private final RequestLogStore store;
    private final String key;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread writer;
    private volatile boolean running = true;
    private final JsonMapper json = Mappers.json();
    private @Nullable HttpServer server;
    private int port;

    public RequestLogSink(Vertx vertx, RequestLogStore store) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.store = Objects.requireNonNull(store, "store");
        final byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.key = HexFormat.of().formatHex(random);
        // one writer keeps each deployment's file in arrival order and writes what queued up meanwhile as one batch
        // (each file opened once per batch); a bounded queue pushes back with 503s
        this.writer = new Thread(this::write, "request-log-writer");
    }

    /** An event waiting for the writer, and where to answer its sender. */
    private record Pending(RequestLogStore.Event event, HttpServerRequest req, io.vertx.core.Context context) {}

    private void write() {
        final List<Pending> batch = new ArrayList<>(BATCH);
        final List<RequestLogStore.Event> events = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                final Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                queue.drainTo(batch);
                running = false;
            }
            batch.forEach(p -> events.add(p.event()));
            final List<@Nullable Exception> outcomes = store.appendAll(events);
            for (int i = 0; i < batch.size(); i++) {
                answer(batch.get(i), outcomes.get(i));
            }
            batch.clear();
            events.clear();
        }
    }

    private void answer(Pending p, @Nullable Exception failure) {
        int status = 202;
        String message = "kept";
        if (failure instanceof RequestLogStore.RefusedException e) {
            status = 507;
            message = e.getMessage();
        } else if (failure != null) {
            LOG.warn(
                    "request-log sink: cannot keep an event of {}/{}: {}",
                    p.event().namespace(),
                    p.event().deployment(),
                    failure.toString());
            status = 500;
            message = "cannot keep the event: " + failure.getMessage();
        }
        final int s = status;
        final String m = message;
        p.context().runOnContext(x -> answer(p.req(), s, m));
    }

    /** Listens on {@code 127.0.0.1} at a free port. */
    public RequestLogSink start() {
        writer.start();
        try {
            server = vertx.createHttpServer()
                    .requestHandler(this::handle)
                    .listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the request-log sink cannot listen on 127.0.0.1: " + e.getMessage(), e);
        }
        port = server.actualPort();
        return this;
    }

    /** The URL to send events to (with its key). */
    public String url() {
        return "http://127.0.0.1:" + port + "/events/" + key;
    }

    public RequestLogStore store() {
        return store;
    }

    private void handle(HttpServerRequest req) {
        final String path = req.path();
        final boolean keyOk = path.startsWith("/events/")
                && MessageDigest.isEqual(
                        path.substring("/events/".length()).getBytes(StandardCharsets.UTF_8),
                        key.getBytes(StandardCharsets.UTF_8));
        if (!keyOk) {
            answer(req, 404, "no such sink");
            return;
        }
        if (!"POST".equals(req.method().name())) {
            answer(req, 405, "POST CloudEvents here");
            return;
        }
        final int max = store.limits().payloadBytes();
        final Buffer body = Buffer.buffer();
        final boolean[] over = {false};
        req.handler(chunk -> {
            if (body.length() + chunk.length() > max) {
                over[0] = true;
            } else if (!over[0]) {
                body.appendBuffer(chunk);
            }
        });
        req.exceptionHandler(e -> LOG.debug("request-log sink: a sender's request failed: {}", e.getMessage()));
        req.endHandler(v -> accept(req, over[0] ? null : body));
    }

    private void accept(HttpServerRequest req, @Nullable Buffer body) {
        final RequestLogStore.Event event;
        try {
            event = event(req, body);
        } catch (IllegalArgumentException e) {
            answer(req, 400, e.getMessage());
            return;
        }
        if (!queue.offer(new Pending(event, req, vertx.getOrCreateContext()))) {
            answer(req, 503, "the request log is busy: retry later");
        }
    }

    private RequestLogStore.Event event(HttpServerRequest req, @Nullable Buffer body) {
        final String id = header(req, "Ce-Id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Ce-Id: must be 1-128 of A-Z a-z 0-9 . _ : -");
        }
        final String type = TYPES.get(header(req, "Ce-Type"));
        if (type == null) {
            throw new IllegalArgumentException("Ce-Type: not one of " + List.copyOf(TYPES.keySet()));
        }
        final String namespace = header(req, "Ce-Namespace");
        final String deployment = header(req, "Ce-Inferenceservicename");
        for (final String[] name :
                new String[][] {{"Ce-Namespace", namespace}, {"Ce-Inferenceservicename", deployment}}) {
            final String problem = dev.slipway.support.DnsLabel.problem(name[0], name[1]);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        final String predictor = optional(req, "Ce-Endpoint");
        final String node = optional(req, "Ce-Modelid");
        if (!predictor.isEmpty() && !NODE.matcher(predictor).matches()
                || !node.isEmpty() && !NODE.matcher(node).matches()) {
            throw new IllegalArgumentException("Ce-Endpoint/Ce-Modelid: must be names (A-Z a-z 0-9 . _ -)");
        }
        Instant time = Instant.now();
        final String ceTime = req.getHeader("Ce-Time");
        if (ceTime != null && !ceTime.isBlank()) {
            try {
                time = Instant.parse(ceTime.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Ce-Time: not an RFC 3339 time: " + e.getParsedString());
            }
        }
        return new RequestLogStore.Event(
                time, id, type, namespace, deployment, predictor, node, payload(body), body == null);
    }

    private @Nullable JsonNode payload(@Nullable Buffer body) {
        if (body == null || body.length() == 0) {
            return null;
        }
        final String text = body.toString(StandardCharsets.UTF_8);
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return TextNode.valueOf(text); // not JSON: kept as text
        }
    }

    private static String header(HttpServerRequest req, String name) {
        final String v = req.getHeader(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + ": required (a CloudEvent in HTTP binary mode)");
        }
        return v.strip();
    }

    private static String optional(HttpServerRequest req, String name) {
        final String v = req.getHeader(name);
        return v == null ? "" : v.strip();
    }

    private static void answer(HttpServerRequest req, int status, String message) {
        if (req.response().ended()) {
            return;
        }
        req.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(message + "\n");
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("closing the request-log sink", e);
            }
        }
        running = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
