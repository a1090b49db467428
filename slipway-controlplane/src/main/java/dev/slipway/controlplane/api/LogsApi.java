package dev.slipway.controlplane.api;

import dev.slipway.controlplane.deploy.Deployments;
import dev.slipway.gitops.logs.LogTail;
import dev.slipway.gitops.logs.ReplicaLogs;
import dev.slipway.support.DnsLabel;
import dev.slipway.support.Durations;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs: {@code GET /api/v1/namespaces/{ns}/deployments/{name}/logs?node=&replica=&since=&follow=} (the model servers'
 * output, replicas interleaved with a {@code [NODE/replica-ID]} prefix) and {@code GET /api/v1/controlplane/log
 * ?since=&follow=} (this control plane's own log; an admin's under {@code --auth}, see {@link RouteRules}). Plain text;
 * {@code follow=true} keeps the answer open and streams new lines until the caller goes. The names are DNS labels
 * ({@link NameGuard}) and only that deployment's log folder is read ({@link ReplicaLogs}).
 */
public final class LogsApi implements ApiRoutes, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogsApi.class);
    /** Followers at once: each holds a thread while it waits for lines. */
    static final int MAX_READERS = 32;

    private final Replies replies;
    private final Deployments deployments;
    private final ReplicaLogs logs;
    private final Path controlPlaneLog;
    private final Clock clock;
    private final Semaphore readers = new Semaphore(MAX_READERS);
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        final Thread t = new Thread(r, "slipway-logs");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param dataDir the local runtime's data folder (replica logs under {@code logs/})
     * @param controlPlaneLog this control plane's own log file
     */
    public LogsApi(Replies replies, Deployments deployments, Path dataDir, Path controlPlaneLog, Clock clock) {
        this.replies = Objects.requireNonNull(replies, "replies");
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.logs = new ReplicaLogs(dataDir);
        this.controlPlaneLog = Objects.requireNonNull(controlPlaneLog, "controlPlaneLog");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/namespaces/:ns/deployments/:name/logs").handler(this::deployment);
        router.get("/api/v1/controlplane/log")
                .handler(rc -> stream(rc, () -> List.of(new LogTail.Source(controlPlaneLog, ""))));
    }

    private void deployment(RoutingContext rc) {
        final String ns = rc.pathParam("ns");
        final String name = rc.pathParam("name");
        final String node = param(rc, "node");
        final String replica = param(rc, "replica");
        if (node != null) {
            DnsLabel.require("node", node);
        }
        if (replica != null && !replica.matches("[0-9]{1,9}")) {
            throw ApiException.badRequest("replica: '" + replica + "' is not a replica id (a number, e.g. 0)");
        }
        if (deployments.status(ns, name).isEmpty() && !logs.exists(ns, name)) {
            throw ApiException.notFound("no deployment '" + name + "' in namespace '" + ns + "'");
        }
        stream(rc, () -> logs.sources(ns, name, node, replica));
    }

    private void stream(RoutingContext rc, Supplier<List<LogTail.Source>> sources) {
        final String sinceText = param(rc, "since");
        final Instant since;
        try {
            since = sinceText == null ? null : clock.instant().minus(Durations.parse(sinceText));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("since: " + e.getMessage());
        }
        final String followText = param(rc, "follow");
        if (followText != null && !followText.equals("true") && !followText.equals("false")) {
            throw ApiException.badRequest("follow: '" + followText + "' is not true or false");
        }
        final boolean follow = "true".equals(followText);
        if (!readers.tryAcquire()) {
            throw new ApiException(503, "logs: " + MAX_READERS + " readers already; try again later");
        }
        final HttpServerResponse response = rc.response();
        final Context context = replies.vertx().getOrCreateContext();
        final AtomicBoolean open = new AtomicBoolean(true);
        response.setChunked(true).putHeader("Content-Type", "text/plain; charset=utf-8");
        response.closeHandler(v -> open.set(false));
        response.writeHead(); // a follower with nothing to read yet has its answer started (no client timeout)
        threads.execute(() -> {
            try {
                new LogTail().run(sources, since, follow, new Writer(context, response, open));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("reading logs for {} failed", rc.request().path(), e);
            } finally {
                readers.release();
                context.runOnContext(v -> {
                    if (!response.ended() && !response.closed()) {
                        response.end();
                    }
                });
            }
        });
    }

    private static String param(RoutingContext rc, String name) {
        final String v = rc.queryParams().get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** Lines to the response, on its event loop; stops when the caller has gone. */
    private record Writer(Context context, HttpServerResponse response, AtomicBoolean reading) implements LogTail.Sink {
        @Override
        public boolean line(String line) {
            if (!reading.get()) {
                return false;
            }
            final Buffer b = Buffer.buffer(line + "\n");
            context.runOnContext(v -> {
                if (!response.ended() && !response.closed()) {
                    response.write(b);
                }
            });
            return true;
        }

        @Override
        public boolean open() {
            return reading.get();
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
