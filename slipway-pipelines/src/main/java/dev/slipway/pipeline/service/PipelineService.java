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
import dev.slipway.support.AtomicFiles;
import dev.slipway.support.Mappers;
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
    private final java.util.function.Supplier<Map<String, String>> serverVariables;
    private final Path launcherDir;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> activeTokens = new ConcurrentHashMap<>();
    private final Map<String, String> unfinished = new ConcurrentHashMap<>();
    private final dev.slipway.pipeline.trigger.DeliveryLog deliveries;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pipeline-poller");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param runner runs
     * @param store the runs folder
     * @param repositories hosted repositories
     * @param queue the run queue (this service closes it)
     * @param webhook decides webhook deliveries, or null when no webhook secret is configured
     * @param remotes reads remote heads for polling
     * @param pollState folder of the pollers' state files
     * @param launcherDir the folder of the {@code slipway} launcher put first on steps' PATH, or null
     * @param clock for records written here
     * @param serverVariables every variable a server gives its runs' steps ({@code SLIPWAY_URL}, and e.g. the GitOps
     *     repository it follows as {@code SLIPWAY_GITOPS}), asked when a run is submitted; values are not secret
     */
    public PipelineService(
            PipelineRunner runner,
            RunStore store,
            HostedRepositories repositories,
            RunQueue queue,
            WebhookTrigger webhook,
            GitRemoteHeads remotes,
            Path pollState,
            Path launcherDir,
            Clock clock,
            java.util.function.Supplier<Map<String, String>> serverVariables) {
        this.runner = runner;
        this.store = store;
        this.repositories = repositories;
        this.queue = queue;
        this.webhook = webhook;
        this.remotes = remotes;
        this.pollState = pollState;
        this.serverVariables = serverVariables;
        this.launcherDir = launcherDir;
        this.clock = clock;
        this.deliveries = new dev.slipway.pipeline.trigger.DeliveryLog(clock, Duration.ofHours(24), 10_000);
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
        RunRequest withServer = request.withServer(serverVariables.get(), token)
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
            PipelineRun refused =
                    RunPlan.abort(created, Reason.Failed, "not queued: " + e.getMessage(), clock.instant());
            store.save(refused, SecretMasker.of(List.of(token)));
            return refused;
        }
    }

    /**
     * After a restart: every unfinished run whose runner process is gone (this server was killed) has its
     * step's processes stopped, is marked Failed with reason {@code ControlPlaneRestarted}, loses its
     * workspace, and — when a push, webhook or poll started it and it is not itself a re-queued run — is queued
     * again once.
     *
     * @return the runs queued again
     */
    public List<PipelineRun> recoverOrphans() {
        List<PipelineRun> requeued = new ArrayList<>();
        for (PipelineRun run : store.list()) {
            if (run.isDone() || store.runnerAlive(run.id()) || unfinished.containsKey(run.id())) {
                continue;
            }
            dev.slipway.pipeline.exec.StepProcessRecord.stop(
                    store.dir(run.id()).resolve(RunStore.STEP_PROCESS), Duration.ofSeconds(5));
            dev.slipway.pipeline.exec.Workspace.delete(runner.workspace(run.id()));
            // runs stored before requeuedFrom existed carried the mark in their detail
            boolean requeue = run.trigger().type() != Trigger.Type.manual
                    && !run.trigger().wasRequeued()
                    && !run.trigger().detail().startsWith(REQUEUED);
            store.save(
                    RunPlan.restarted(
                            run,
                            "the control plane stopped while this run ran; its processes were stopped"
                                    + (requeue ? " and the run queued again" : ""),
                            clock.instant()),
                    SecretMasker.none());
            if (requeue) {
                requeued.add(submit(new RunRequest(
                        run.repository(),
                        run.commit(),
                        run.branch(),
                        run.pipeline().kind(),
                        run.trigger().requeued(run.id()),
                        Map.of(),
                        null,
                        null)));
            }
        }
        return requeued;
    }

    /** How runs queued again after a restart were marked before {@link Trigger#requeuedFrom} (still honoured). */
    public static final String REQUEUED = "re-queued after a restart: ";

    /** The run a token belongs to, while that run runs. */
    public Optional<String> runOfToken(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(activeTokens.get(hash(token)));
    }

    /**
     * A push to a hosted repository completed: one run per branch whose commit changed (new branches
     * included; deleted ones run nothing), {@code release} for the default branch, {@code pullRequest} else.
     */
    public List<PipelineRun> pushed(
            String repository, Map<String, String> before, Map<String, String> after, String pusher) {
        String defaultBranch = repositories.defaultBranch(repository);
        List<PipelineRun> out = new ArrayList<>();
        after.forEach((branch, commit) -> {
            if (!commit.equals(before.get(branch))) {
                out.add(submit(new RunRequest(
                        repositories.dir(repository).toString(),
                        commit,
                        branch,
                        PipelineSelector.select(branch, defaultBranch),
                        new Trigger(Trigger.Type.push, pusher),
                        Map.of(),
                        null,
                        null)));
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
            // a signed delivery can be replayed by whoever saw it: same id within a day, or a commit that already ran
            if (!deliveries.firstTime(delivery)) {
                return new WebhookTrigger.Ignored(
                        "delivery " + delivery + " was already received (a replay): nothing runs");
            }
            RunRequest r = run.request();
            Optional<PipelineRun> ran = store.list().stream()
                    .filter(p -> p.repository().equals(r.repository())
                            && p.branch().equals(r.branch())
                            && p.commit().equals(r.revision())
                            && p.pipeline().kind() == r.kind())
                    .findFirst();
            if (ran.isPresent()) {
                return new WebhookTrigger.Ignored("commit " + r.revision() + " already ran on branch " + r.branch()
                        + " (run " + ran.get().id()
                        + "): not run again (an admin re-runs it by hand: slipway pipeline run --server)");
            }
            submit(r);
        }
        return d;
    }

    /** A polled remote: its interval, and how its last poll went. */
    public record PollerStatus(String remote, Duration interval, java.time.Instant lastPoll, String lastError) {}

    private final Map<String, ScheduledFuture<?>> pollFutures = new ConcurrentHashMap<>();
    private final Map<String, PollerStatus> pollStatus = new ConcurrentHashMap<>();

    /**
     * Polls a remote every {@code interval} (replacing an earlier registration of the same remote); moved
     * branches run. Registrations are kept in {@code POLLSTATE/pollers.json} and come back with
     * {@link #restorePollers()}.
     */
    public void poll(String remote, Duration interval) {
        if (interval.compareTo(Duration.ofMillis(50)) < 0) {
            throw new IllegalArgumentException("interval: at least 50ms, not " + interval);
        }
        Path state = pollState.resolve(sha256(remote).substring(0, 16) + ".json");
        BranchPoller poller = new BranchPoller(remote, remotes, state, change -> {
            String defaultBranch = remotes.defaultBranch(remote);
            submit(new RunRequest(
                    remote,
                    change.commit(),
                    change.branch(),
                    PipelineSelector.select(change.branch(), defaultBranch.isEmpty() ? "main" : defaultBranch),
                    new Trigger(Trigger.Type.poll, remote),
                    Map.of(),
                    null,
                    null));
        });
        pollStatus.put(remote, new PollerStatus(remote, interval, null, ""));
        ScheduledFuture<?> future = scheduler.scheduleWithFixedDelay(
                () -> {
                    String error = "";
                    try {
                        poller.poll();
                    } catch (RuntimeException e) {
                        error = String.valueOf(e.getMessage());
                    }
                    // a poll still running when its poller was stopped must not bring the poller back
                    final String lastError = error;
                    pollStatus.computeIfPresent(
                            remote, (k, old) -> new PollerStatus(remote, interval, clock.instant(), lastError));
                },
                0,
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        ScheduledFuture<?> old = pollFutures.put(remote, future);
        if (old != null) {
            old.cancel(false);
        }
        savePollers();
    }

    /** Stops polling a remote; false when it was not polled. */
    public boolean stopPolling(String remote) {
        ScheduledFuture<?> f = pollFutures.remove(remote);
        pollStatus.remove(remote);
        if (f != null) {
            f.cancel(false);
            savePollers();
        }
        return f != null;
    }

    public List<PollerStatus> pollers() {
        return pollStatus.values().stream()
                .sorted(java.util.Comparator.comparing(PollerStatus::remote))
                .toList();
    }

    /** Starts the pollers registered before a restart. */
    public void restorePollers() {
        Path file = pollState.resolve("pollers.json");
        if (!java.nio.file.Files.exists(file)) {
            return;
        }
        try {
            for (com.fasterxml.jackson.databind.JsonNode n : POLLERS_JSON.readTree(file.toFile())) {
                poll(
                        n.get("remote").asText(),
                        Duration.ofMillis(n.get("intervalMillis").asLong()));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper POLLERS_JSON = Mappers.json();

    private synchronized void savePollers() {
        com.fasterxml.jackson.databind.node.ArrayNode all = POLLERS_JSON.createArrayNode();
        pollers()
                .forEach(p -> all.addObject()
                        .put("remote", p.remote())
                        .put("intervalMillis", p.interval().toMillis()));
        try {
            AtomicFiles.write(pollState.resolve("pollers.json"), POLLERS_JSON.writeValueAsBytes(all));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the pollers of " + pollState, e);
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
        pollFutures.values().forEach(f -> f.cancel(false));
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        // this service's running runs are asked to stop (they record Cancelled); waiting ones never start
        unfinished.keySet().forEach(store::requestCancel);
        queue.close(30, TimeUnit.SECONDS);
        for (Map.Entry<String, String> e : unfinished.entrySet()) {
            store.find(e.getKey())
                    .filter(r -> !r.isDone())
                    .ifPresent(r -> store.save(
                            RunPlan.abort(
                                    r, Reason.Cancelled, "the server stopped before the run ended", clock.instant()),
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
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
