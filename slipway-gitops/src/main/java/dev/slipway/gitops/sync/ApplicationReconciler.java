package dev.slipway.gitops.sync;

import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.gitops.status.ApplicationStatus;
import dev.slipway.gitops.status.EnvironmentStatus;
import dev.slipway.gitops.status.Inventory;
import dev.slipway.gitops.status.InventoryStore;
import dev.slipway.gitops.status.SyncEvent;
import dev.slipway.gitops.target.Reason;
import dev.slipway.gitops.target.ReconcileFailure;
import dev.slipway.gitops.target.RuntimeTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Reconciles the applications of one environment against one revision of main, Flux style: the ordered
 * sub-reconcilers Fetch → Parse → Diff → Apply → Prune → Health share one context; a typed
 * {@link ReconcileFailure} decides the conditions and when to try again; the status is built
 * after every pass, also when a step fails (the applications keep their last rows then).
 */
public final class ApplicationReconciler {

    private final GitOpsRepository repo;
    private final RuntimeTarget target;
    private final InventoryStore inventories;
    private final ParseStep parse;
    private final Clock clock;
    private final Duration selfHeal;
    private final Duration resync;
    private final Rollouts rollouts;
    private final Map<String, EnvironmentStatus> last = new ConcurrentHashMap<>();

    /**
     * @param wake asks for a pass of the named environment soon (an apply or delete finished); called from the
     *     target's threads
     */
    public ApplicationReconciler(
            GitOpsRepository repo,
            RuntimeTarget target,
            SpecParser parser,
            InventoryStore inventories,
            Path objects,
            Clock clock,
            Duration selfHeal,
            Duration resync,
            Consumer<String> wake) {
        this.repo = repo;
        this.target = target;
        this.inventories = inventories;
        this.parse = new ParseStep(repo, parser, objects);
        this.clock = clock;
        this.selfHeal = selfHeal;
        this.resync = resync;
        this.rollouts = new Rollouts(wake);
    }

    /**
     * What one pass decided.
     *
     * @param status the environment's status (always)
     * @param requeueAfter when to reconcile again, or null for the periodic resync
     * @param stalled the pass failed in a way only a human (or a change of main) can fix
     */
    public record Result(EnvironmentStatus status, Duration requeueAfter, boolean stalled) {}

    /** Starts from statuses saved by an earlier process (transition times and events carry over). */
    public void seed(EnvironmentStatus status) {
        last.putIfAbsent(status.name(), status);
    }

    /** Puts a drifted application back at the next pass instead of after the self-heal delay. */
    public void healNow(String namespace, String name) {
        rollouts.drifts.computeIfPresent(
                Rollouts.key(namespace, name), (k, d) -> new Rollouts.Drift(Instant.EPOCH, d.what()));
    }

    /** Reconciles {@code env} at {@code revision} (null: the environment is gone, so everything applied is pruned). */
    public Result reconcile(Environment env, ObjectId revision) {
        final Instant now = clock.instant();
        final EnvironmentStatus before = last.get(env.name());
        final Map<String, ApplicationStatus> previous = new ConcurrentHashMap<>();
        if (before != null) {
            before.applications().forEach(a -> previous.put(a.name(), a));
        }
        final HealthStep health = new HealthStep(target, rollouts, previous);
        final List<SubReconciler.Slot> steps = List.of(
                new SubReconciler.Slot(Reason.FETCH_FAILED, new FetchStep(repo)),
                new SubReconciler.Slot(Reason.PARSE_FAILED, parse),
                new SubReconciler.Slot(Reason.HEALTH_CHECK_FAILED, new DiffStep(target, rollouts)),
                new SubReconciler.Slot(Reason.APPLY_FAILED, new ApplyStep(target, inventories, rollouts, selfHeal)),
                new SubReconciler.Slot(Reason.PRUNE_FAILED, new PruneStep(target, inventories, rollouts)),
                new SubReconciler.Slot(Reason.HEALTH_CHECK_FAILED, health));
        ReconcileContext ctx = new ReconcileContext(env, revision, Inventory.empty(env.name()), now);
        ReconcileFailure failure = null;
        try {
            ctx.inventory = loadInventory(env);
            for (final SubReconciler.Slot step : steps) {
                run(step, ctx);
            }
            if (revision != null && ctx.outOfSync.isEmpty() && ctx.failures.isEmpty() && ctx.pruning.isEmpty()) {
                ctx.inventory = ctx.inventory.synced(revision.name(), ctx.folderTree, ctx.now);
                inventories.save(ctx.inventory);
            }
        } catch (ReconcileFailure f) {
            failure = f;
        } catch (RuntimeException e) {
            failure = ReconcileFailure.of(Reason.STORAGE_FAILED, e);
        }
        {
            final List<ApplicationStatus> apps =
                    failure == null ? health.out : before == null ? List.of() : before.applications();
            final List<SyncEvent> events = new ArrayList<>(before == null ? List.of() : before.events());
            events.addAll(ctx.events);
            if (failure != null) {
                events.add(new SyncEvent(now, "", failure.reason(), failure.getMessage()));
            }
            final EnvironmentStatus status = Summary.of(env, revision, now, apps, failure, events);
            last.put(env.name(), status);
            return new Result(status, requeue(env, ctx, failure), failure instanceof ReconcileFailure.Stalling);
        }
    }

    /** Forgets an environment that is gone and fully pruned. */
    public void forget(String environment) {
        last.remove(environment);
    }

    private Inventory loadInventory(Environment env) {
        try {
            return inventories.load(env.name(), env.namespace());
        } catch (java.io.UncheckedIOException e) {
            throw ReconcileFailure.stalling(
                    Reason.STORAGE_FAILED,
                    e.getMessage() + " (nothing is applied or pruned for " + env.name()
                            + " until it is fixed or removed)");
        }
    }

    private static void run(SubReconciler.Slot slot, ReconcileContext ctx) {
        try {
            slot.step().reconcile(ctx);
        } catch (RuntimeException e) {
            throw ReconcileFailure.of(slot.failureReason(), e);
        }
    }

    private Duration requeue(Environment env, ReconcileContext ctx, ReconcileFailure failure) {
        if (failure instanceof ReconcileFailure.Waiting w) {
            return w.requeueAfter();
        }
        if (failure instanceof ReconcileFailure.Generic) {
            return rollouts.backoff("env:" + env.name(), resync);
        }
        rollouts.failuresInARow.remove("env:" + env.name());
        for (final String app : ctx.desired.keySet()) {
            final ReconcileFailure f = ctx.failures.get(app);
            final String key = Rollouts.key(env.namespace(), app);
            if (f instanceof ReconcileFailure.Waiting w) {
                ctx.requeue(w.requeueAfter());
            } else if (f instanceof ReconcileFailure.Generic) {
                ctx.requeue(rollouts.backoff(key, resync));
            } else {
                rollouts.failuresInARow.remove(key);
            }
        }
        ctx.failures.forEach((app, f) -> {
            if (ctx.pruning.containsKey(app) && !(f instanceof ReconcileFailure.Stalling)) {
                ctx.requeue(rollouts.backoff("prune:" + ctx.pruning.get(app).id(), resync));
            }
        });
        return ctx.requeueAfter;
    }
}
