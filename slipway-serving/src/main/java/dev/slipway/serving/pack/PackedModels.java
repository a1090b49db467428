package dev.slipway.serving.pack;

import dev.slipway.model.Parameters;
import dev.slipway.serving.http.HttpTransport;
import dev.slipway.serving.model.LoadedModel;
import dev.slipway.serving.model.ModelLoader;
import dev.slipway.serving.model.ModelSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models one packed server hosts, by name: load (or replace: the new version is loaded beside the old one, then
 * swapped in, and the old one retired once its requests have finished), unload, and the repository index. A model
 * that fails to load, or throws, touches only its own entry.
 */
final class PackedModels implements AutoCloseable {

    /** The runtimes a packed server hosts: built in, with no custom class loader or worker process of their own. */
    static final Set<String> RUNTIMES = Set.of("SKLEARN_SERVER", "XGBOOST_SERVER", "ONNX_SERVER", "MLFLOW_SERVER");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Logger LOG = LoggerFactory.getLogger(PackedModels.class);

    /** A state of the OIP repository index. */
    enum State {
        LOADING,
        READY,
        UNAVAILABLE
    }

    /** One row of the repository index; {@code reason} says why a model is not ready (empty otherwise). */
    record Status(String name, State state, String reason) {}

    /** A loaded model with its own routes and metrics, and its requests in flight. */
    static final class Hosted {
        final LoadedModel model;
        final HttpTransport transport;
        final AtomicInteger active = new AtomicInteger();

        Hosted(LoadedModel model, HttpTransport transport) {
            this.model = model;
            this.transport = transport;
        }
    }

    private final ModelLoader loader;
    private final LocalModelRoots roots;
    private final BiFunction<LoadedModel, Map<String, String>, HttpTransport> transports;
    private final Duration grace;
    private final Set<String> runtimes;
    private final Map<String, Hosted> hosted = new ConcurrentHashMap<>();
    private final Map<String, Status> statuses = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    PackedModels(
            ModelLoader loader,
            LocalModelRoots roots,
            BiFunction<LoadedModel, Map<String, String>, HttpTransport> transports,
            Duration grace,
            Set<String> runtimes) {
        this.runtimes = Set.copyOf(runtimes);
        this.loader = loader;
        this.roots = roots;
        this.transports = transports;
        this.grace = grace;
    }

    /** The model serving under {@code name}, or null. */
    @Nullable
    Hosted get(String name) {
        return hosted.get(name);
    }

    /**
     * Loads {@code implementation} from {@code uri} as {@code name} (blocking), replacing what serves under that name
     * once the new version is ready; the model answers to {@code servedName} in its own routes (v2 model name,
     * responses, metrics), its metrics labelled with {@code identity} (a replica's identity variables; empty: the
     * process's).
     *
     * @throws IllegalArgumentException for a bad name, runtime or URI (naming the field)
     * @throws ModelException when the model does not load (a version already serving stays)
     */
    void load(
            String name,
            String servedName,
            String implementation,
            String uri,
            Map<String, String> parameters,
            Map<String, String> identity) {
        checkName(name);
        checkName(servedName);
        if (!runtimes.contains(implementation)) {
            throw new IllegalArgumentException("parameters.implementation '" + implementation
                    + "': a packed server hosts " + new java.util.TreeSet<>(runtimes) + " only");
        }
        final String local = roots.check("parameters.uri", uri).toString();
        synchronized (locks.computeIfAbsent(name, k -> new Object())) {
            final Hosted before = hosted.get(name);
            if (before == null) {
                statuses.put(name, new Status(name, State.LOADING, ""));
            }
            final LoadedModel model;
            try {
                model = loader.load(ModelSource.runtime(servedName, implementation, local, Parameters.of(parameters)));
            } catch (RuntimeException | LinkageError e) {
                statuses.put(
                        name,
                        before != null
                                ? new Status(name, State.READY, "a new version failed to load: " + e.getMessage())
                                : new Status(name, State.UNAVAILABLE, "load failed: " + e.getMessage()));
                throw e;
            }
            hosted.put(name, new Hosted(model, transports.apply(model, identity)));
            statuses.put(name, new Status(name, State.READY, ""));
            LOG.info("model {} loaded ({}, {})", name, implementation, local);
            if (before != null) {
                retire(name, before);
            }
        }
    }

    /** Stops serving {@code name} (blocking until its requests finished); false when there is no such model. */
    boolean unload(String name) {
        checkName(name);
        synchronized (locks.computeIfAbsent(name, k -> new Object())) {
            final Hosted gone = hosted.remove(name);
            if (gone == null) {
                return statuses.remove(name) != null;
            }
            statuses.put(name, new Status(name, State.UNAVAILABLE, "unloaded"));
            retire(name, gone);
            return true;
        }
    }

    /** The repository index: every model loaded, loading, failed or unloaded, by name. */
    List<Status> index() {
        final List<Status> all = new ArrayList<>(statuses.values());
        all.sort(Comparator.comparing(Status::name));
        return all;
    }

    /** Waits (at most the grace period) for the requests {@code old} holds, then closes its model. */
    private void retire(String name, Hosted old) {
        final long deadline = System.nanoTime() + grace.toNanos();
        while (old.active.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            old.model.close();
        } catch (Exception e) {
            LOG.warn("closing the retired version of model {} failed (its replacement serves)", name, e);
        }
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("model name '" + name
                    + "': letters, digits, '.', '_' and '-' only (at most" + " 128, starting with a letter or digit)");
        }
    }

    @Override
    public void close() {
        for (final String name : new ArrayList<>(hosted.keySet())) {
            final Hosted h = hosted.remove(name);
            if (h != null) {
                try {
                    h.model.close();
                } catch (Exception e) {
                    LOG.warn("closing model {} at shutdown failed", name, e);
                }
            }
        }
    }
}
