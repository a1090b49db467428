package dev.slipway.pipeline.service;

import dev.slipway.pipeline.exec.Cancellation;
import dev.slipway.pipeline.log.LineSink;
import dev.slipway.pipeline.log.SecretMasker;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.Reason;
import dev.slipway.pipeline.model.Trigger;
import dev.slipway.pipeline.run.PipelineRunner;
import dev.slipway.pipeline.run.RunPlan;
import dev.slipway.pipeline.run.RunRequest;
import dev.slipway.pipeline.run.RunStore;
import dev.slipway.pipeline.trigger.BranchPoller;
import dev.slipway.pipeline.trigger.GitRemoteHeads;
import dev.slipway.pipeline.trigger.PipelineSelector;
import dev.slipway.pipeline.trigger.RunQueue;
import dev.slipway.pipeline.trigger.WebhookTrigger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Pipelines inside a server, transport-free: pushes to hosted repositories, webhook deliveries and polled
 * remotes become run requests, queued on the {@link RunQueue} (runs of one repository in push order). Each
 * queued run gets the server's URL ({@code SLIPWAY_URL}) and a run-scoped token ({@code SLIPWAY_TOKEN},
 * masked in its logs, valid while the run runs).
 */
public final class PipelineService implements AutoCloseable {

  private final PipelineRunner runner;
  private final RunStore store;
  private final HostedRepositories repositories;
  private final RunQueue queue;
  private final WebhookTrigger webhook;
  private final GitRemoteHeads remotes;
  private final Path pollState;
  private final java.util.function.Supplier<String> serverUrl;
  private final Path launcherDir;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, String> activeTokens = new ConcurrentHashMap<>();
  private final Map<String, String> unfinished = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "pipeline-poller");
    t.setDaemon(true);
    return t;
  });
  private final List<ScheduledFuture<?>> polls = new ArrayList<>();

  /**
   * @param runner runs
   * @param store the runs folder
   * @param repositories hosted repositories
   * @param queue the run queue (this service closes it)
   * @param webhook decides webhook deliveries, or null when no webhook secret is configured
   * @param remotes reads remote heads for polling
   * @param pollState folder of the pollers' state files
   * @param serverUrl what steps get as SLIPWAY_URL (asked when a run is submitted)
   * @param launcherDir the folder of the {@code slipway} launcher put first on steps' PATH, or null
   * @param clock for records written here
   */
  public PipelineService(PipelineRunner runner, RunStore store, HostedRepositories repositories, RunQueue queue,
      WebhookTrigger webhook, GitRemoteHeads remotes, Path pollState, java.util.function.Supplier<String> serverUrl,
      Path launcherDir, Clock clock) {
    this.runner = runner;
    this.store = store;
    this.repositories = repositories;
    this.queue = queue;
    this.webhook = webhook;
    this.remotes = remotes;
    this.pollState = pollState;
    this.serverUrl = serverUrl;
    this.launcherDir = launcherDir;
    this.clock = clock;
  }

  public HostedRepositories repositories() {
    return repositories;
  }

  public RunStore store() {
    return store;
  }

  /** Records and queues a run; returns it Pending (or Failed when the queue refused it). */
  public PipelineRun submit(RunRequest request) {
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
    RunRequest withServer = request.withServer(Map.of("SLIPWAY_URL", serverUrl.get()), token)
        .withLauncher(launcherDir != null ? launcherDir : request.launcherDir());
    PipelineRun created = runner.create(withServer);
    unfinished.put(created.id(), token);
    try {
      queue.submit(request.repository(), () -> {
        activeTokens.put(hash(token), created.id());
        try {
          runner.execute(created, withServer, LineSink.discard(), Cancellation.never());
        } finally {
          activeTokens.remove(hash(token));
          unfinished.remove(created.id());
        }
      });
      return created;
    } catch (RejectedExecutionException e) {
      unfinished.remove(created.id());
      PipelineRun refused = RunPlan.abort(created, Reason.Failed, "not queued: " + e.getMessage(), clock.instant());
      store.save(refused, SecretMasker.of(List.of(token)));
      return refused;
    }
  }

  /** The run a token belongs to, while that run runs. */
  public Optional<String> runOfToken(String token) {
    return token == null ? Optional.empty() : Optional.ofNullable(activeTokens.get(hash(token)));
  }

  /**
   * A push to a hosted repository completed: one run per branch whose commit changed (new branches
   * included; deleted ones run nothing), {@code release} for the default branch, {@code pullRequest} else.
   */
  public List<PipelineRun> pushed(String repository, Map<String, String> before, Map<String, String> after, String pusher) {
    String defaultBranch = repositories.defaultBranch(repository);
    List<PipelineRun> out = new ArrayList<>();
    after.forEach((branch, commit) -> {
      if (!commit.equals(before.get(branch))) {
        out.add(submit(new RunRequest(repositories.dir(repository).toString(), commit, branch,
            PipelineSelector.select(branch, defaultBranch), new Trigger(Trigger.Type.push, pusher), Map.of(), null, null)));
      }
    });
    return out;
  }

  /** A webhook delivery: rejected (nothing runs), ignored, or queued. */
  public WebhookTrigger.Decision webhook(String event, String signature, String delivery, byte[] body) {
    if (webhook == null) {
      return new WebhookTrigger.Rejected("webhooks are off: start the server with a webhook secret", true);
    }
    WebhookTrigger.Decision d = webhook.decide(event, signature, delivery, body);
    if (d instanceof WebhookTrigger.Run run) {
      submit(run.request());
    }
    return d;
  }

  /** Polls a remote every {@code interval}; moved branches run. Errors go to {@code onError}. */
  public void poll(String remote, Duration interval, Consumer<RuntimeException> onError) {
    Path state = pollState.resolve(sha256(remote).substring(0, 16) + ".json");
    BranchPoller poller = new BranchPoller(remote, remotes, state, change -> {
      String defaultBranch = remotes.defaultBranch(remote);
      submit(new RunRequest(remote, change.commit(), change.branch(),
          PipelineSelector.select(change.branch(), defaultBranch.isEmpty() ? "main" : defaultBranch),
          new Trigger(Trigger.Type.poll, remote), Map.of(), null, null));
    });
    synchronized (polls) {
      polls.add(poller.start(scheduler, interval, onError));
    }
  }

  public List<PipelineRun> list() {
    return store.list();
  }

  public Optional<PipelineRun> find(String id) {
    return store.find(id);
  }

  /** Asks the run's runner to cancel; false when the run has already ended. */
  public boolean cancel(String id) {
    PipelineRun run = store.find(id).orElseThrow(() -> new IllegalArgumentException("no run " + id));
    if (run.isDone()) {
      return false;
    }
    store.requestCancel(run.id());
    return true;
  }

  @Override
  public void close() throws InterruptedException {
    synchronized (polls) {
      polls.forEach(f -> f.cancel(false));
    }
    scheduler.shutdownNow();
    scheduler.awaitTermination(10, TimeUnit.SECONDS);
    // this service's running runs are asked to stop (they record Cancelled); waiting ones never start
    unfinished.keySet().forEach(store::requestCancel);
    queue.close(30, TimeUnit.SECONDS);
    for (Map.Entry<String, String> e : unfinished.entrySet()) {
      store.find(e.getKey()).filter(r -> !r.isDone()).ifPresent(r -> store.save(
          RunPlan.abort(r, Reason.Cancelled, "the server stopped before the run ended", clock.instant()),
          SecretMasker.of(List.of(e.getValue()))));
    }
  }

  private byte[] randomBytes() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return b;
  }

  private static String hash(String token) {
    return sha256(token);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
