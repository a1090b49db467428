package dev.slipway.gitops.target.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.gitops.target.ReplicaKey;
import dev.slipway.gitops.target.ReplicaStatus;
import dev.slipway.gitops.target.RuntimeListener;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shared server process ({@code slipway serve --packed}) and the packed replicas it hosts. The process is a
 * {@link SupervisedReplica} like any other (same launcher, {@code --watch-parent}, Unix socket, CDS archive, restart
 * with backoff), whose readiness is not announced to the gateway but to its models: when it is up they load
 * themselves into it through the model-repository API ({@code POST /v2/repository/models/NAME/load}); when it exits
 * they are withdrawn at once, and reloaded once it is up again.
 */
final class PackHost {

    private static final Logger LOG = LoggerFactory.getLogger(PackHost.class);
    private static final ObjectMapper JSON = Mappers.json();

    /** Where the process answers while it is up. */
    record Address(String host, int port, @Nullable String socket) {}

    private final String name;
    private final LocalContext ctx;
    private final SupervisedReplica process;
    private final Set<PackedReplica> models = ConcurrentHashMap.newKeySet();
    private volatile @Nullable Address address;
    private boolean started;

    PackHost(LocalContext runtime, int index) {
        this.name = "packed-" + index;
        this.ctx = runtime;
        final LocalContext own = new LocalContext(
                runtime.config(), new Events(), runtime.scheduler(), runtime.http(), runtime.live(), null);
        final Path log =
                runtime.config().dataDir().resolve("logs").resolve("packed").resolve(name + ".log");
        final LaunchSpec launch =
                new LaunchSpec(name, LaunchSpec.PACKED_RUNTIME, null, List.of(), null, null, Map.of(), null);
        this.process = new SupervisedReplica(own, new ReplicaKey("", "packed", "", name, "0"), launch, log);
    }

    String name() {
        return name;
    }

    /** How many packed replicas it hosts. */
    int size() {
        return models.size();
    }

    /** How many of its replicas belong to the node of {@code key}. */
    long sameNode(ReplicaKey key) {
        return models.stream()
                .map(PackedReplica::key)
                .filter(k -> k.namespace().equals(key.namespace())
                        && k.deployment().equals(key.deployment())
                        && k.predictor().equals(key.predictor())
                        && k.node().equals(key.node()))
                .count();
    }

    /** The process's own status (pid, restarts, last exit, log). */
    ReplicaStatus processStatus() {
        return process.status();
    }

    @Nullable
    Address address() {
        return address;
    }

    /** Counts {@code replica} as one of this host's before it is {@link #add added}. */
    void reserve(PackedReplica replica) {
        models.add(replica);
    }

    /** Hosts {@code replica} from now on: starts the process on first use, loads the model at once when it is up. */
    void add(PackedReplica replica) {
        models.add(replica);
        synchronized (this) {
            if (!started) {
                started = true;
                process.start();
            }
        }
        if (address != null) {
            replica.hostUp();
        }
    }

    void remove(PackedReplica replica) {
        models.remove(replica);
    }

    /**
     * Loads {@code launch}'s model as {@code model} for replica {@code key} (its identity variables label the model's
     * metrics): completes with the HTTP status and the server's reason.
     */
    CompletableFuture<HttpResponse<String>> load(Address at, String model, ReplicaKey key, LaunchSpec launch) {
        final Map<String, String> parameters = new LinkedHashMap<>();
        for (final String p : launch.parameters()) {
            final int eq = p.indexOf('=');
            parameters.put(eq < 0 ? p : p.substring(0, eq), eq < 0 ? "" : p.substring(eq + 1));
        }
        parameters.put("implementation", launch.implementation());
        parameters.put("uri", launch.modelUri());
        parameters.put("name", launch.nodeName()); // it answers as its node, like a replica's --name
        parameters.putAll(SupervisedReplica.environment(key, launch));
        final byte[] body;
        try {
            body = JSON.writeValueAsBytes(Map.of("parameters", parameters));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return ctx.http()
                .sendAsync(
                        request(at, model, "load", ctx.config().readyTimeout())
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** Unloads {@code model} (blocking until its requests in the process have finished); a failure is logged. */
    void unload(String model) {
        final Address at = address;
        if (at == null) {
            return; // the process is down: nothing is loaded
        }
        try {
            final HttpResponse<String> r = ctx.http()
                    .send(
                            request(at, model, "unload", ctx.config().grace().plusSeconds(5))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 && r.statusCode() != 404) {
                LOG.warn("unloading {} from {} answered {}: {}", model, name, r.statusCode(), r.body());
            }
        } catch (IOException e) {
            LOG.info("unloading {} from {}: the process is gone ({})", model, name, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest.Builder request(Address at, String model, String action, Duration timeout) {
        return HttpRequest.newBuilder(URI.create("http://" + at.host() + ":" + at.port() + "/v2/repository/models/"
                        + URLEncoder.encode(model, StandardCharsets.UTF_8) + "/" + action))
                .timeout(timeout)
                .header("Content-Type", "application/json");
    }

    /** What the supervised process reports, turned into its models' reloads and withdrawals. */
    private final class Events implements RuntimeListener {
        @Override
        public void replicaReady(ReplicaKey key, String host, int port, @Nullable String socket) {
            address = new Address(host, port, socket);
            LOG.info("shared server {} is up on {}:{}: loading its {} models", name, host, port, models.size());
            models.forEach(PackedReplica::hostUp);
        }

        @Override
        public void replicaUnavailable(ReplicaKey key) {
            address = null;
            LOG.warn("shared server {} exited: withdrawing its {} models until it is back", name, models.size());
            models.forEach(PackedReplica::hostDown);
        }

        @Override
        public void drain(ReplicaKey key) {
            address = null;
        }
    }
}
