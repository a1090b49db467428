package dev.slipway.gitops.sync;

import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.env.Environments;
import dev.slipway.gitops.env.PromotionPolicy;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.spec.SpecException;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.gitops.status.EnvironmentStatus;
import dev.slipway.gitops.status.Inventory;
import dev.slipway.gitops.status.InventoryStore;
import dev.slipway.gitops.status.SyncEvent;
import dev.slipway.gitops.target.Condition;
import dev.slipway.gitops.target.ConditionType;
import dev.slipway.gitops.target.EnvironmentAware;
import dev.slipway.gitops.target.Reason;
import dev.slipway.gitops.target.RuntimeTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The sync controller (ArgoCD's role): follows {@code main} of the GitOps repository and keeps each environment's
 * namespace on the runtime target equal to its folder. It reacts to a moved {@code refs/heads/main} (checked every
 * {@link SyncConfig#watch} for a local repository, fetched every {@link SyncConfig#poll} for a remote one), to
 * {@link #refresh()}, to finished rollouts and deletes, to each environment's requeue (decided by its typed
 * failures), and reconciles everything every {@link SyncConfig#resync} (self-heal) except environments that stalled
 * (those wait for main to change). All reconciles run on one thread, in order; statuses are saved after every pass
 * and read back at start.
 */
public final class SyncController implements AutoCloseable {

    private final SyncConfig config;
    private final GitOpsRepository repo;
    private final ApplicationReconciler reconciler;
    private final RuntimeTarget target;
    private final InventoryStore inventories;
    private final StatusStore statuses;
    private final ScheduledExecutorService loop;
    private final AtomicBoolean refresh = new AtomicBoolean(true);
    private final Map<String, EnvironmentStatus> current = new ConcurrentHashMap<>();
    /** Per environment, when it is due again ({@link System#nanoTime}); absent: at the next change of main. */
    private final Map<String, Long> due = new ConcurrentHashMap<>();

    private final Map<String, List<CompletableFuture<EnvironmentStatus>>> waiting = new ConcurrentHashMap<>();
    private volatile List<String> order = List.of();
    private volatile ObjectId reconciled;
    private volatile long nextFetch;
    private volatile String fetchError;
    private volatile Condition problem;

    public SyncController(SyncConfig config, GitOpsRepository repo, RuntimeTarget target, SpecParser parser) {
        this.config = config;
        this.repo = repo;
        this.target = target;
        this.inventories = new InventoryStore(config.dataDir().resolve("inventory"));
        this.statuses = new StatusStore(config.dataDir().resolve("status"), inventories);
        this.reconciler = new ApplicationReconciler(
                repo,
                target,
                parser,
                inventories,
                config.dataDir().resolve("objects"),
                config.clock(),
                config.selfHeal(),
                config.resync(),
                this::wake);
        final List<String> problems = new ArrayList<>();
        for (final EnvironmentStatus s : statuses.loadAll(problems)) {
            current.put(s.name(), s);
            reconciler.seed(s);
        }
        order = current.keySet().stream().sorted().toList();
        if (!problems.isEmpty()) {
            problem = condition(Reason.STORAGE_FAILED, String.join("; ", problems));
        }
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "slipway-sync");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts watching; the first reconcile runs at once. */
    public SyncController start() {
        loop.scheduleWithFixedDelay(this::tick, 0, config.watch().toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Asks for a fetch and a full reconcile as soon as possible (the webhook-style nudge). */
    public void refresh() {
        refresh.set(true);
        execute();
    }

    /**
     * {@code slipway env sync ENV [APP]}: fetches and reconciles now (a drifted {@code application} is put back without
     * waiting for the self-heal delay); completes with the environment's status after that pass.
     *
     * @throws IllegalArgumentException naming what is unknown
     */
    public CompletableFuture<EnvironmentStatus> sync(String environment, String application) {
        final EnvironmentStatus s = status(environment)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no environment '" + environment + "' (known: " + String.join(", ", order) + ")"));
        if (application != null) {
            if (s.application(application).isEmpty()) {
                throw new IllegalArgumentException("no application '" + application + "' in " + environment
                        + " (known: "
                        + String.join(
                                ", ",
                                s.applications().stream().map(a -> a.name()).toList()) + ")");
            }
            reconciler.healNow(s.namespace(), application);
        }
        final CompletableFuture<EnvironmentStatus> f = new CompletableFuture<>();
        waiting.computeIfAbsent(environment, k -> new CopyOnWriteArrayList<>()).add(f);
        refresh();
        return f;
    }

    public GitOpsRepository repository() {
        return repo;
    }

    /** The revision of main last reconciled, if any. */
    public Optional<ObjectId> reconciledRevision() {
        return Optional.ofNullable(reconciled);
    }

    /** The last status of every environment, in environments.yaml order (environments being removed last). */
    public List<EnvironmentStatus> statuses() {
        final List<String> o = order;
        return current.values().stream()
                .sorted(Comparator.<EnvironmentStatus>comparingInt(
                                s -> o.contains(s.name()) ? o.indexOf(s.name()) : o.size())
                        .thenComparing(EnvironmentStatus::name))
                .toList();
    }

    public Optional<EnvironmentStatus> status(String environment) {
        return Optional.ofNullable(current.get(environment));
    }

    /**
     * Why the controller cannot report any environment (main missing, environments.yaml unreadable before any
     * environment was known, unreadable status files), if so.
     */
    public Optional<Condition> problem() {
        return Optional.ofNullable(problem);
    }

    /** The revisions synced for an environment (for its history). */
    public List<Inventory.Synced> synced(String environment) {
        return inventories.load(environment).synced();
    }

    /**
     * The environment whose inventory holds {@code namespace/name}: GitOps manages that deployment, so changing it by
     * hand only lasts until self-heal.
     */
    public Optional<EnvironmentStatus> managing(String namespace, String name) {
        for (final String env : inventories.environments()) {
            if (inventories.load(env).find(namespace, name).isPresent()) {
                return Optional.of(current.getOrDefault(
                        env,
                        new EnvironmentStatus(env, env, namespace, "", "", null, List.of(), List.of(), List.of())));
            }
        }
        return Optional.empty();
    }

    private void wake(String environment) {
        due.put(environment, System.nanoTime());
        execute();
    }

    private void execute() {
        try {
            loop.execute(this::tick);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed: nothing to wake any more
        }
    }

    private synchronized void tick() {
        final long now = System.nanoTime();
        final boolean nudged = refresh.getAndSet(false);
        try {
            if (repo.remote() && (nudged || now - nextFetch >= 0)) {
                nextFetch = now + config.poll().toNanos();
                try {
                    repo.fetch();
                    fetchError = null;
                } catch (RuntimeException e) {
                    fetchError = e.getMessage();
                }
            }
            final Optional<ObjectId> head = repo.ref(GitOpsRepository.MAIN);
            if (head.isEmpty()) {
                failAll(Reason.FETCH_FAILED, "main not found in " + repo.location());
                return;
            }
            if (nudged || !head.get().equals(reconciled)) {
                reconcile(head.get(), null, now);
            } else {
                final List<String> ready = due.entrySet().stream()
                        .filter(e -> now - e.getValue() >= 0)
                        .map(Map.Entry::getKey)
                        .toList();
                if (!ready.isEmpty()) {
                    reconcile(head.get(), ready, now);
                }
            }
        } catch (RuntimeException e) {
            failAll(Reason.FETCH_FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Reconciles {@code which} environments (null: all) and everything gone from environments.yaml. */
    private void reconcile(ObjectId head, List<String> which, long now) {
        final Environments envs;
        try {
            envs = Environments.parse(
                    repo.trees()
                            .read(head, Environments.FILE)
                            .orElseThrow(() -> new SpecException(dev.slipway.support.Problem.of(
                                    Environments.FILE, "", "missing at the root of main"))),
                    Environments.FILE + "@" + head.abbreviate(7).name());
        } catch (SpecException e) {
            failAll(Reason.PARSE_FAILED, e.getMessage() + " (nothing is applied or pruned until it is fixed)");
            reconciled = head;
            due.clear();
            return;
        }
        problem = null;
        order = envs.environments().stream().map(Environment::name).toList();
        if (target instanceof EnvironmentAware aware) {
            aware.environments(envs);
        }
        for (final Environment env : envs.environments()) {
            if (which == null || which.contains(env.name())) {
                schedule(env.name(), reconciler.reconcile(env, head), now);
            }
        }
        for (final String gone : inventories.environments()) {
            if (envs.find(gone).isEmpty()) {
                final String ns = status(gone).map(EnvironmentStatus::namespace).orElse(gone);
                final Environment old =
                        new Environment(gone, gone, ns, "local", PromotionPolicy.AUTO, List.of(), null, null);
                final ApplicationReconciler.Result r = reconciler.reconcile(old, null);
                if (inventories.load(gone, ns).entries().isEmpty()) {
                    inventories.delete(gone);
                    statuses.delete(gone);
                    current.remove(gone);
                    due.remove(gone);
                    reconciler.forget(gone);
                } else {
                    schedule(gone, r, now);
                }
            }
        }
        for (final String known : List.copyOf(current.keySet())) {
            if (envs.find(known).isEmpty() && !inventories.environments().contains(known)) {
                current.remove(known);
                statuses.delete(known);
                due.remove(known);
            }
        }
        reconciled = head;
    }

    private void schedule(String env, ApplicationReconciler.Result r, long now) {
        publish(r.status());
        if (r.stalled()) {
            due.remove(env);
        } else {
            final long resync = config.resync().toNanos();
            final long after = r.requeueAfter() == null
                    ? resync
                    : Math.min(resync, r.requeueAfter().toNanos());
            due.put(env, now + after);
        }
    }

    private void publish(EnvironmentStatus status) {
        EnvironmentStatus s = status;
        if (fetchError != null) {
            final List<Condition> conditions = new ArrayList<>(s.conditions());
            conditions.add(new Condition(
                    ConditionType.STALLED,
                    Condition.Status.TRUE,
                    Reason.FETCH_FAILED,
                    "cannot fetch " + repo.location() + ": " + fetchError + " (retried every "
                            + config.poll().toSeconds() + " s)",
                    config.clock().instant()));
            s = new EnvironmentStatus(
                    s.name(),
                    s.folder(),
                    s.namespace(),
                    s.promotion(),
                    s.revision(),
                    s.lastReconcile(),
                    conditions,
                    s.applications(),
                    s.events());
        }
        statuses.save(s);
        current.put(s.name(), s);
        final List<CompletableFuture<EnvironmentStatus>> w = waiting.remove(s.name());
        if (w != null) {
            final EnvironmentStatus done = s;
            w.forEach(f -> f.complete(done));
        }
    }

    /** Every known environment is not ready for {@code message}; saved, and kept as the controller's problem. */
    private void failAll(Reason reason, String message) {
        final Instant now = config.clock().instant();
        problem = condition(reason, message);
        for (final EnvironmentStatus s : List.copyOf(current.values())) {
            if (s.conditions().stream()
                    .anyMatch(c -> c.type() == ConditionType.READY
                            && c.reason() == reason
                            && c.message().equals(message))) {
                continue; // already said (and saved)
            }
            final List<SyncEvent> events = new ArrayList<>(s.events());
            events.add(new SyncEvent(now, "", reason, message));
            publish(new EnvironmentStatus(
                    s.name(),
                    s.folder(),
                    s.namespace(),
                    s.promotion(),
                    s.revision(),
                    now,
                    List.of(
                            new Condition(ConditionType.READY, Condition.Status.FALSE, reason, message, now),
                            new Condition(ConditionType.STALLED, Condition.Status.TRUE, reason, message, now)),
                    s.applications(),
                    events));
        }
        waiting.values().forEach(l -> l.forEach(f -> f.completeExceptionally(new IllegalStateException(message))));
        waiting.clear();
    }

    private Condition condition(Reason reason, String message) {
        return new Condition(
                ConditionType.STALLED,
                Condition.Status.TRUE,
                reason,
                message,
                config.clock().instant());
    }

    /** Stops watching (what runs keeps running until the runtime target is closed). */
    @Override
    public void close() {
        loop.shutdown(); // a pass in progress finishes (and saves); no interrupt in the middle of a write
        try {
            if (!loop.awaitTermination(15, TimeUnit.SECONDS)) {
                loop.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        waiting.values().forEach(l -> l.forEach(f -> f.cancel(false)));
    }
}
