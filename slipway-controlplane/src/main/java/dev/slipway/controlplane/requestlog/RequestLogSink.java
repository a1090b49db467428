package dev.slipway.controlplane.requestlog;

import dev.slipway.serving.gateway.InProcessSink;
import dev.slipway.support.Mappers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in request-log sink of {@code slipway up --request-log}: it takes Seldon's CloudEvents from the gateway of
 * its own process without an HTTP exchange ({@link #offer}, {@link InProcessSink}), and over HTTP on loopback in binary
 * mode ({@code POST /events/KEY}, {@code Ce-*} headers, the payload as the body). An event handed over in process is
 * checked and copied at once, on the caller's thread, into a {@link LineRing} ({@link RingEvents}: its fields and the
 * payload's bytes, no JSON); an HTTP sender's event waits in a bounded queue; one writer makes the lines of both and
 * appends them to a {@link RequestLogStore}. {@code KEY} is random per start, so only
 * the gateway that was told the URL (and whoever reads this process's memory) can write; a wrong key is a 404, a bad
 * attribute a 400 naming it (an {@link IllegalArgumentException} in process), a full write queue a 503 (the sender
 * retries; in process: refused, the gateway counts the drop; so is a full ring), an oversized body is kept as an
 * event without its payload.
 */
public final class RequestLogSink implements InProcessSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLogSink.class);
    private static final int QUEUE = 10_000;
    /**
     * The ring's bytes: ~5,000 records of a small prediction, ~80 ms of them at bench/grpc.sh's rate; small, so the
     * records the event loops write and the writer reads stay in the processor's cache (8 MiB measured slower). The
     * writer is woken when it is half full.
     */
    private static final int RING_BYTES = 1 << 20;
    /** The longest record written into the ring (the largest payload kept by default, 256 KiB, goes to the queue). */
    private static final int RING_LINE = 1 << 18;
    /** At most this many nodes get a key in the ring (the store keeps 500 deployments); others: {@link #queue}. */
    private static final int RING_KEYS = 4096;

    private static final int BATCH = 2048;
    /** How long the writer rests when the queue is empty: events in process wait for it; HTTP senders wake it. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * How often events handed over in process are written while they keep coming (else at the second quiet round in a
     * row): at most this long plus {@link #IDLE_NANOS} between an event and its line on disk.
     */
    private static final long WRITE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Empty rounds (1 s) after which the writer sleeps until an event comes. */
    private static final int IDLE_ROUNDS = 50;

    private final Vertx vertx;
    private final RequestLogStore store;
    private final String key;
    /** Events waiting for the writer, at most {@link #QUEUE}: lock-free ({@link HandOverQueue}). */
    private final HandOverQueue<Pending> queue = new HandOverQueue<>(QUEUE);
    /**
     * The events handed over in process, copied by the thread that handed them over ({@link RingEvents}):
     * {@link #RING_BYTES}, records up to {@link #RING_LINE} (a longer one, rare, goes to {@link #queue} as an event).
     */
    private final LineRing ring = new LineRing(RING_BYTES, RING_LINE);
    /** What each producing thread remembers (the last {@code Ce-Id} that passed its check). */
    private final ThreadLocal<Producer> producers = ThreadLocal.withInitial(Producer::new);
    /** The nodes of the ring's records, by key (appended under {@link #keys}' lock, read by the writer). */
    private volatile RingEvents.Route[] ringKeys = new RingEvents.Route[0];
    /** The key of each node in {@link #ringKeys} (guarded by itself). */
    private final Map<RingEvents.Route, Integer> keys = new java.util.HashMap<>();

    /** True while the writer sleeps until the next event (after {@link #IDLE_ROUNDS} empty rounds). */
    private volatile boolean sleeping;
    /** True while the writer rests {@link #IDLE_NANOS}: a producer that finds the ring half full wakes it. */
    private volatile boolean resting;

    private final Thread writer;
    private volatile boolean running = true;
    private final EventLine lines = new EventLine(Mappers.json());
    private @Nullable HttpServer server;
    private int port;

    public RequestLogSink(Vertx vertx, RequestLogStore store) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.store = Objects.requireNonNull(store, "store");
        final byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.key = HexFormat.of().formatHex(random);
        // one writer keeps each deployment's file in arrival order and writes what queued up meanwhile as one batch
        // (each file opened once per batch); a bounded queue pushes back
        this.writer = new Thread(this::write, "request-log-writer");
    }

    /**
     * An event checked and waiting for the writer, and how to answer its HTTP sender (null: handed over in process).
     *
     * @param event the event, without its payload (marked truncated when the body was larger than the store keeps)
     * @param payload the body as received, or null when truncated
     */
    private record Pending(
            RequestLogStore.Event event,
            byte @Nullable [] payload,
            @Nullable Consumer<@Nullable Exception> answer) {}

    /**
     * Waits while the queue is empty: {@link #IDLE_NANOS} at a time (events handed over in process wait that long for
     * the next round; an HTTP sender wakes it at once); after {@link #IDLE_ROUNDS} empty rounds, until an event comes
     * ({@link #enqueue} wakes it once, seeing {@link #sleeping}), so an idle sink costs nothing.
     */
    private void rest(int idleRounds) {
        if (idleRounds < IDLE_ROUNDS) {
            resting = true;
            LockSupport.parkNanos(this, IDLE_NANOS);
            resting = false;
            return;
        }
        sleeping = true; // then look at the queue: an event queued after this look sees the flag and wakes the writer
        if (running && queue.isEmpty() && ring.isEmpty()) {
            LockSupport.park(this);
        }
        sleeping = false;
    }

    /** Whether the writer sleeps until the next event (for tests). */
    boolean asleep() {
        return sleeping && writer.getState() == Thread.State.WAITING;
    }

    private void write() {
        int idleRounds = 0;
        final List<Pending> batch = new ArrayList<>(BATCH);
        final List<RequestLogStore.Line> out = new ArrayList<>(BATCH);
        final RingEvents.Lines ringLines = new RingEvents.Lines(lines);
        final LineRing.Reader fromRing =
                (key, bytes, offset, length) -> out.add(ringLines.of(ringKeys[key], bytes, offset, length));
        long wroteAt = System.nanoTime();
        while (running || !queue.isEmpty() || !ring.isEmpty()) {
            final int inRing = ring.read(BATCH, fromRing);
            queue.drainTo(batch, BATCH);
            if (out.isEmpty() && batch.isEmpty()) {
                if (idleRounds > 0 || System.nanoTime() - wroteAt >= WRITE_NANOS) {
                    store.flush(); // a second quiet round in a row: what was taken goes to disk now
                    wroteAt = System.nanoTime();
                }
                rest(++idleRounds);
                if (Thread.interrupted()) {
                    running = false;
                }
                continue;
            }
            idleRounds = 0;
            for (final Pending p : batch) {
                out.add(new RequestLogStore.Line(
                        p.event().namespace(), p.event().deployment(), lines.of(p.event(), p.payload())));
            }
            // an HTTP sender waits for its event to be on disk; events in process are written every WRITE_NANOS, so
            // that at a high rate only what the files keep is written (RequestLogStore.takeLines)
            final boolean write = !batch.isEmpty() || System.nanoTime() - wroteAt >= WRITE_NANOS;
            final List<@Nullable Exception> outcomes = write ? store.appendLines(out) : store.takeLines(out);
            if (write) {
                wroteAt = System.nanoTime();
            }
            ring.release(); // their lines are copied (taken) or in their files (or failed): the room is free
            ringLines.reset();
            for (int i = 0; i < out.size(); i++) {
                final Exception failure = outcomes.get(i);
                if (failure != null && !(failure instanceof RequestLogStore.RefusedException)) {
                    LOG.warn(
                            "request-log sink: cannot keep an event of {}/{}: {}",
                            out.get(i).namespace(),
                            out.get(i).deployment(),
                            failure.toString());
                }
                if (i >= inRing) {
                    final Pending p = batch.get(i - inRing);
                    if (p.answer() != null) {
                        p.answer().accept(failure);
                    }
                }
            }
            batch.clear();
            out.clear();
        }
        store.flush();
    }

    @Override
    public boolean offer(InProcessSink.Event event) {
        Names names = checked;
        final String type = EventChecks.type(event.type());
        final Producer producer = producers.get();
        if (names == null || !names.same(event) || type == null || !producer.checkedId(event.id())) {
            // checked once per route (the checks depend on the names' text only); a refused one throws here
            EventChecks.event(
                    event.id(),
                    event.type(),
                    event.namespace(),
                    event.deployment(),
                    event.predictor(),
                    event.node(),
                    event.time(),
                    false);
            names = new Names(
                    event.namespace(),
                    event.deployment(),
                    event.predictor(),
                    event.node(),
                    ringKey(new RingEvents.Route(
                            event.namespace(), event.deployment(), event.predictor(), event.node())));
            checked = names;
        }
        final String kind = Objects.requireNonNull(type, "Ce-Type"); // none of Seldon's types was refused above
        final Buffer body = event.payload();
        final Buffer payload = body.length() > store.limits().payloadBytes() ? null : body;
        final int length = RingEvents.length(event.id(), payload == null ? 0 : payload.length());
        if (names.key() < 0 || length > ring.maxRecord()) {
            return enqueue(new Pending(
                    new RequestLogStore.Event(
                            event.time(),
                            event.id(),
                            kind,
                            event.namespace(),
                            event.deployment(),
                            event.predictor(),
                            event.node(),
                            null,
                            payload == null),
                    payload == null ? null : payload.getBytes(),
                    null));
        }
        final int at = ring.claim(length);
        if (at < 0) {
            return false;
        }
        try {
            RingEvents.write(ring.bytes(), at, event.time(), kind, event.id(), payload);
        } catch (RuntimeException | Error failed) {
            ring.abandon(at, length); // the writer skips it rather than wait for it
            throw failed;
        }
        ring.publish(at, names.key(), length);
        if (sleeping || (resting && ring.halfFull())) {
            resting = false; // one wake-up, not one per event
            LockSupport.unpark(writer); // the first event after a quiet spell, or a ring filling up
        }
        return true;
    }

    /** The ring's key of a node (its names checked already), or -1 when {@link #RING_KEYS} are given out. */
    private int ringKey(RingEvents.Route route) {
        synchronized (keys) {
            final Integer known = keys.get(route);
            if (known != null) {
                return known;
            }
            final RingEvents.Route[] before = ringKeys;
            if (before.length >= RING_KEYS) {
                return -1;
            }
            final RingEvents.Route[] after = java.util.Arrays.copyOf(before, before.length + 1);
            after[before.length] = route;
            ringKeys = after; // before any record with the key: the writer reads the array after the record
            keys.put(route, before.length);
            return before.length;
        }
    }

    /** Queues an event for the writer unless {@link #QUEUE} already wait. */
    private boolean enqueue(Pending pending) {
        if (!queue.offer(pending)) {
            return false;
        }
        if (sleeping) {
            LockSupport.unpark(writer); // the first event after a quiet spell: once, not per event
        }
        return true;
    }

    /**
     * The names of the last event handed over in process that passed the checks: a route's events carry the same
     * strings each time, so comparing them is mostly comparing references.
     */
    private record Names(String namespace, String deployment, String predictor, String node, int key) {
        boolean same(InProcessSink.Event e) {
            return e.node().equals(node)
                    && e.predictor().equals(predictor)
                    && e.deployment().equals(deployment)
                    && e.namespace().equals(namespace);
        }
    }

    private volatile @Nullable Names checked;

    /** What a thread that hands events over keeps: the last {@code Ce-Id} that passed. */
    private static final class Producer {
        /** A prediction's request and response events carry the same puid string: the second is not checked again. */
        @Nullable
        String lastId;

        @SuppressWarnings("ReferenceEquality") // the same string object: checked already; an equal one is checked again
        boolean checkedId(String id) {
            if (id == lastId) {
                return true;
            }
            if (!EventChecks.id(id)) {
                return false;
            }
            lastId = id;
            return true;
        }
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
    @Override
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
        final io.vertx.core.Context context = vertx.getOrCreateContext();
        final byte[] payload = body == null ? null : body.getBytes();
        final Pending pending;
        try {
            pending = new Pending(
                    EventChecks.event(
                            header(req, "Ce-Id"),
                            header(req, "Ce-Type"),
                            header(req, "Ce-Namespace"),
                            header(req, "Ce-Inferenceservicename"),
                            optional(req, "Ce-Endpoint"),
                            optional(req, "Ce-Modelid"),
                            EventChecks.time(req.getHeader("Ce-Time")),
                            payload == null),
                    payload,
                    failure -> context.runOnContext(x -> answer(req, failure)));
        } catch (IllegalArgumentException e) {
            answer(req, 400, e.getMessage());
            return;
        }
        if (!enqueue(pending)) {
            answer(req, 503, "the request log is busy: retry later");
            return;
        }
        LockSupport.unpark(writer); // a sender waits for its answer: write now
    }

    /** Answers an HTTP sender once its event was written: 202 when kept (a 2xx means on disk). */
    private static void answer(HttpServerRequest req, @Nullable Exception failure) {
        if (failure == null) {
            answer(req, 202, "kept");
        } else if (failure instanceof RequestLogStore.RefusedException) {
            answer(req, 507, failure.getMessage());
        } else {
            answer(req, 500, "cannot keep the event: " + failure.getMessage());
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
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
