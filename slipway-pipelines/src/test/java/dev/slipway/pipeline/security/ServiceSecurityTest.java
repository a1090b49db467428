package dev.slipway.pipeline.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.exec.Git;
import dev.slipway.pipeline.exec.ProcessTree;
import dev.slipway.pipeline.log.SecretMasker;
import dev.slipway.pipeline.model.Agent;
import dev.slipway.pipeline.model.Pipeline;
import dev.slipway.pipeline.model.PipelineKind;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.Reason;
import dev.slipway.pipeline.model.Trigger;
import dev.slipway.pipeline.run.RunPlan;
import dev.slipway.pipeline.run.RunStore;
import dev.slipway.pipeline.service.HostedRepositories;
import dev.slipway.pipeline.service.PipelineService;
import dev.slipway.pipeline.service.TestServices;
import dev.slipway.pipeline.trigger.WebhookTrigger;
import dev.slipway.pipeline.trigger.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Findings 9 (a killed control plane's runs) and 13 (webhook replay) of issue 13, on a real pipeline service. */
class ServiceSecurityTest {

    @TempDir
    Path tmp;

    private RunStore store;
    private PipelineService service;
    private final WebhookVerifier verifier = new WebhookVerifier("hook-secret");

    @BeforeEach
    void start() {
        Git git = new Git();
        store = new RunStore(tmp.resolve("data/runs"));
        service = TestServices.start(
                tmp.resolve("data"), git, store, new HostedRepositories(tmp.resolve("data/git"), git), 1, verifier);
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    private static byte[] push(String commit) {
        return ("""
        {"ref": "refs/heads/main", "before": "%s", "after": "%s", "deleted": false,
         "repository": {"full_name": "team/news", "clone_url": "file:///nonexistent/news.git", "default_branch": "main"},
         "pusher": {"name": "ds"}}
        """.formatted("f".repeat(40), commit)).getBytes(StandardCharsets.UTF_8);
    }

    /** Finding 13: the same signed delivery, or a new id for a commit that already ran, queues nothing. */
    @Test
    void webhookReplay_sameDeliveryOrSameCommit_runsOnce() {
        byte[] body = push("a".repeat(40));
        String signature = verifier.sign(body);

        WebhookTrigger.Decision first = service.webhook("push", signature, "delivery-1", body);
        WebhookTrigger.Decision again = service.webhook("push", signature, "delivery-1", body);
        WebhookTrigger.Decision renamed = service.webhook("push", signature, "delivery-2", body);

        assertThat(first).isInstanceOf(WebhookTrigger.Run.class);
        assertThat(again).isInstanceOf(WebhookTrigger.Ignored.class);
        assertThat(((WebhookTrigger.Ignored) again).reason()).contains("already received");
        assertThat(((WebhookTrigger.Ignored) renamed).reason()).contains("already ran on branch main");
        assertThat(store.list()).hasSize(1);
        assertThat(service.webhook("push", verifier.sign(push("b".repeat(40))), "delivery-3", push("b".repeat(40))))
                .isInstanceOf(WebhookTrigger.Run.class);
    }

    /**
     * Finding 9: a run left Running by a killed control plane (its runner gone, its step still running) is, at
     * the next start, stopped (step processes included), marked ControlPlaneRestarted, its workspace deleted,
     * and queued again once; a re-queued run left behind again is not queued a third time.
     */
    @Test
    void orphanedRun_afterAKill_isStoppedMarkedAndRequeuedOnce() throws Exception {
        Process deadRunner = new ProcessBuilder("true").start();
        deadRunner.waitFor();
        String cookie = UUID.randomUUID().toString();
        ProcessBuilder step = new ProcessBuilder("setsid", "sh", "-c", "sleep 307 & sleep 307");
        step.environment().put(ProcessTree.COOKIE, cookie);
        Process stepProcess = step.start();
        PipelineRun orphan = running("push-orphan", new Trigger(Trigger.Type.push, "ds"));
        store.markRunner(orphan.id(), deadRunner.pid());
        long start = stepProcess.toHandle().info().startInstant().orElseThrow().toEpochMilli();
        Files.writeString(
                store.dir(orphan.id()).resolve(RunStore.STEP_PROCESS),
                stepProcess.pid() + " " + start + " " + stepProcess.pid() + " " + cookie + "\n");
        Path workspace = Files.createDirectories(
                tmp.resolve("data/workspaces").resolve(orphan.id()).resolve("workspace"));
        PipelineRun requeuedBefore = running("requeued-orphan", new Trigger(Trigger.Type.push, "ds", "older"));
        store.markRunner(requeuedBefore.id(), deadRunner.pid());
        PipelineRun requeuedLongAgo =
                running("requeued-long-ago", new Trigger(Trigger.Type.push, PipelineService.REQUEUED + "oldest"));
        store.markRunner(requeuedLongAgo.id(), deadRunner.pid());
        List<ProcessHandle> stepTree = new java.util.ArrayList<>(List.of(stepProcess.toHandle()));
        while (stepTree.size() < 3) {
            stepTree = new java.util.ArrayList<>(List.of(stepProcess.toHandle()));
            stepTree.addAll(stepProcess.descendants().toList());
        }

        List<PipelineRun> requeued = service.recoverOrphans();

        PipelineRun marked = store.find(orphan.id()).orElseThrow();
        assertThat(marked.condition().reason()).isEqualTo(Reason.ControlPlaneRestarted);
        assertThat(marked.stages().get(0).steps().get(0).condition().reason()).isEqualTo(Reason.ControlPlaneRestarted);
        assertThat(stepTree).noneMatch(ProcessTree::live);
        assertThat(workspace.getParent()).doesNotExist();
        assertThat(requeued).hasSize(1);
        // the re-queued run acts for the same pusher (the author of what it promotes), marked as re-queued once
        assertThat(requeued.get(0).trigger()).isEqualTo(new Trigger(Trigger.Type.push, "ds", orphan.id()));
        assertThat(requeued.get(0).commit()).isEqualTo(orphan.commit());
        assertThat(store.find(requeuedBefore.id()).orElseThrow().condition().reason())
                .isEqualTo(Reason.ControlPlaneRestarted);
    }

    private PipelineRun running(String name, Trigger trigger) {
        Pipeline pipeline = new Pipeline(
                PipelineKind.release,
                Agent.NONE,
                Map.of(),
                null,
                List.of(),
                List.of(new dev.slipway.pipeline.model.Stage(
                        "build",
                        Agent.NONE,
                        Map.of(),
                        null,
                        List.of(new dev.slipway.pipeline.model.Step(
                                "long", "sleep", List.of("307"), null, Map.of(), null)))));
        PipelineRun run = PipelineRun.create(
                "20260101-000000-000-" + name,
                "file:///nonexistent/" + name + ".git",
                "c".repeat(40),
                "main",
                trigger,
                pipeline,
                List.of(),
                java.time.Instant.now());
        run = RunPlan.stepStarted(RunPlan.accept(run, java.time.Instant.now()), 0, 0, java.time.Instant.now());
        store.save(run, SecretMasker.none());
        return run;
    }
}
