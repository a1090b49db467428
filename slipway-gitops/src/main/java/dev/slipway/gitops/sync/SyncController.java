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
import dev.slipway.gitops.target.Condition;
import dev.slipway.gitops.target.ConditionType;
import dev.slipway.gitops.target.EnvironmentAware;
import dev.slipway.gitops.target.Reason;
import dev.slipway.gitops.target.RuntimeTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The sync controller (ArgoCD's role): follows {@code main} of the GitOps repository and keeps each environment's
 * namespace on the runtime target equal to its folder. It reacts to a moved {@code refs/heads/main} (checked
 * every {@link SyncConfig#watch} for a local repository, fetched every {@link SyncConfig#poll} for a remote
 * one), to {@link #refresh()}, and reconciles everything every {@link SyncConfig#resync} (self-heal). All
 * reconciles run on one thread, in order.
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
  private volatile ObjectId reconciled;
  private volatile long nextFetch;
  private volatile long nextResync;
  private volatile String fetchError;

  public SyncController(SyncConfig config, GitOpsRepository repo, RuntimeTarget target, SpecParser parser) {
    this.config = config;
    this.repo = repo;
    this.target = target;
    this.inventories = new InventoryStore(config.dataDir().resolve("inventory"));
    this.statuses = new StatusStore(config.dataDir().resolve("status"), inventories);
    this.reconciler = new ApplicationReconciler(repo, target, parser, inventories,
        config.dataDir().resolve("objects"), config.clock());
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
    loop.execute(this::tick);
  }

  public GitOpsRepository repository() {
    return repo;
  }

  /** The revision of main last reconciled, if any. */
  public Optional<ObjectId> reconciledRevision() {
    return Optional.ofNullable(reconciled);
  }

  /** The last status of every environment, in environments.yaml order. */
  public List<EnvironmentStatus> statuses() {
    return new ArrayList<>(current.values()).stream()
        .sorted(java.util.Comparator.comparing(EnvironmentStatus::name)).toList();
  }

  public Optional<EnvironmentStatus> status(String environment) {
    return Optional.ofNullable(current.get(environment));
  }

  /** The revisions synced for an environment (for its history). */
  public List<Inventory.Synced> synced(String environment) {
    return inventories.load(environment).synced();
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
        failAll("main not found in " + repo.location());
        return;
      }
      if (nudged || !head.get().equals(reconciled) || now - nextResync >= 0) {
        nextResync = now + config.resync().toNanos();
        reconcileAll(head.get());
      }
    } catch (RuntimeException e) {
      failAll(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private void reconcileAll(ObjectId head) {
    final Environments envs;
    try {
      envs = Environments.parse(repo.trees().read(head, Environments.FILE).orElseThrow(() -> new SpecException(
          dev.slipway.support.Problem.of(Environments.FILE, "", "missing at the root of main"))),
          Environments.FILE + "@" + head.abbreviate(7).name());
    } catch (SpecException e) {
      failAll(e.getMessage() + " (nothing is applied or pruned until it is fixed)");
      reconciled = head;
      return;
    }
    if (target instanceof EnvironmentAware aware) {
      aware.environments(envs);
    }
    for (final Environment env : envs.environments()) {
      reconciler.reconcile(env, head, this::publish);
    }
    for (final String gone : inventories.environments()) {
      if (envs.find(gone).isEmpty()) {
        final Environment old = new Environment(gone, gone, inventories.load(gone).entries().values().stream()
            .findFirst().map(e -> namespaceOf(gone)).orElse(gone), "local", PromotionPolicy.AUTO, List.of());
        reconciler.reconcile(old, null, s -> { });
        if (inventories.load(gone).entries().isEmpty()) {
          inventories.delete(gone);
          current.remove(gone);
        }
      }
    }
    reconciled = head;
  }

  private String namespaceOf(String environment) {
    return status(environment).map(EnvironmentStatus::namespace).orElse(environment);
  }

  private void publish(EnvironmentStatus status) {
    EnvironmentStatus s = status;
    if (fetchError != null) {
      final List<Condition> conditions = new ArrayList<>(s.conditions());
      conditions.add(new Condition(ConditionType.STALLED, Condition.Status.TRUE, Reason.FETCH_FAILED,
          "cannot fetch " + repo.location() + ": " + fetchError, config.clock().instant()));
      s = new EnvironmentStatus(s.name(), s.folder(), s.namespace(), s.promotion(), s.revision(), s.lastReconcile(),
          conditions, s.applications());
    }
    current.put(s.name(), s);
    statuses.save(s);
  }

  private void failAll(String message) {
    final Instant now = config.clock().instant();
    for (final EnvironmentStatus s : List.copyOf(current.values())) {
      current.put(s.name(), new EnvironmentStatus(s.name(), s.folder(), s.namespace(), s.promotion(), s.revision(),
          now, List.of(new Condition(ConditionType.READY, Condition.Status.FALSE, Reason.FETCH_FAILED, message, now),
              new Condition(ConditionType.STALLED, Condition.Status.TRUE, Reason.FETCH_FAILED, message, now)),
          s.applications()));
    }
    if (current.isEmpty()) {
      current.put("", new EnvironmentStatus("", "", "", "", "", now, List.of(new Condition(ConditionType.STALLED,
          Condition.Status.TRUE, Reason.FETCH_FAILED, message, now)), List.of()));
    }
  }

  /** Stops watching (what runs keeps running until the runtime target is closed). */
  @Override
  public void close() {
    loop.shutdownNow();
    try {
      loop.awaitTermination(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
