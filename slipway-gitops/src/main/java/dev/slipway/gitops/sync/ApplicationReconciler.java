package dev.slipway.gitops.sync;

import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.gitops.status.ApplicationStatus;
import dev.slipway.gitops.status.EnvironmentStatus;
import dev.slipway.gitops.status.HealthStatus;
import dev.slipway.gitops.status.InventoryStore;
import dev.slipway.gitops.status.SyncStatus;
import dev.slipway.gitops.target.Condition;
import dev.slipway.gitops.target.ConditionType;
import dev.slipway.gitops.target.Reason;
import dev.slipway.gitops.target.RuntimeTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Reconciles the applications of one environment against one revision of main, Flux style: the ordered
 * sub-reconcilers Fetch → Parse → Diff → Apply → Prune → Health share one context, and the status is written in a
 * {@code finally}, also when a step fails.
 */
public final class ApplicationReconciler {

  private final GitOpsRepository repo;
  private final RuntimeTarget target;
  private final InventoryStore inventories;
  private final ParseStep parse;
  private final Clock clock;
  private final Map<String, String> inFlight = new ConcurrentHashMap<>();
  private final Map<String, Map<String, ApplicationStatus>> previous = new ConcurrentHashMap<>();

  public ApplicationReconciler(GitOpsRepository repo, RuntimeTarget target, SpecParser parser,
      InventoryStore inventories, Path objects, Clock clock) {
    this.repo = repo;
    this.target = target;
    this.inventories = inventories;
    this.parse = new ParseStep(repo, parser, objects);
    this.clock = clock;
  }

  /**
   * Reconciles {@code env} at {@code revision} (null: the environment is gone, so everything applied is pruned)
   * and hands the resulting status to {@code sink}, always.
   */
  public EnvironmentStatus reconcile(Environment env, ObjectId revision, Consumer<EnvironmentStatus> sink) {
    final ReconcileContext ctx = new ReconcileContext(env, revision, inventories.load(env.name()), clock.instant());
    final Map<String, ApplicationStatus> before = previous.computeIfAbsent(env.name(), k -> new ConcurrentHashMap<>());
    final HealthStep health = new HealthStep(target, before);
    final List<SubReconciler> steps = List.of(new FetchStep(repo), parse, new DiffStep(target),
        new ApplyStep(target, inventories, inFlight), new PruneStep(target, inventories), health);
    String failure = null;
    EnvironmentStatus result = null;
    try {
      for (final SubReconciler step : steps) {
        step.reconcile(ctx);
      }
      if (revision != null && ctx.outOfSync.isEmpty() && ctx.applyErrors.isEmpty()) {
        ctx.inventory = ctx.inventory.synced(revision.name(), ctx.folderTree, ctx.now);
        inventories.save(ctx.inventory);
      }
    } catch (RuntimeException e) {
      failure = e.getClass().getSimpleName() + ": " + e.getMessage();
    } finally {
      result = status(ctx, health.out, failure);
      before.clear();
      health.out.forEach(a -> before.put(a.name(), a));
      sink.accept(result);
    }
    return result;
  }

  private static EnvironmentStatus status(ReconcileContext ctx, List<ApplicationStatus> apps, String failure) {
    final List<Condition> conditions = new ArrayList<>();
    final long notReady = apps.stream()
        .filter(a -> a.health() != HealthStatus.HEALTHY || a.sync() != SyncStatus.SYNCED).count();
    if (failure != null) {
      conditions.add(new Condition(ConditionType.READY, Condition.Status.FALSE, Reason.FETCH_FAILED,
          "reconcile failed: " + failure, ctx.now));
      conditions.add(new Condition(ConditionType.STALLED, Condition.Status.TRUE, Reason.FETCH_FAILED, failure,
          ctx.now));
    } else if (notReady == 0) {
      conditions.add(new Condition(ConditionType.READY, Condition.Status.TRUE, Reason.SUCCEEDED,
          apps.size() + " applications synced and healthy at " + ctx.shortRevision(), ctx.now));
    } else {
      conditions.add(new Condition(ConditionType.READY, Condition.Status.FALSE, Reason.PROGRESSING,
          notReady + " of " + apps.size() + " applications not synced and healthy at " + ctx.shortRevision(),
          ctx.now));
    }
    return new EnvironmentStatus(ctx.env.name(), ctx.env.folder(), ctx.env.namespace(),
        ctx.env.promotion().name().toLowerCase(java.util.Locale.ROOT), ctx.revision == null ? ""
            : ctx.revision.name(), ctx.now, conditions, apps);
  }
}
