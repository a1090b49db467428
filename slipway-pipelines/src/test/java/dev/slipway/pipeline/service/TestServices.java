package dev.slipway.pipeline.service;

import dev.slipway.pipeline.exec.Git;
import dev.slipway.pipeline.exec.ProcessStepExecutor;
import dev.slipway.pipeline.run.PipelineRunner;
import dev.slipway.pipeline.run.RunStore;
import dev.slipway.pipeline.secret.CredentialSource;
import dev.slipway.pipeline.trigger.GitRemoteHeads;
import dev.slipway.pipeline.trigger.RunQueue;
import dev.slipway.pipeline.trigger.WebhookTrigger;
import dev.slipway.pipeline.trigger.WebhookVerifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The pipeline service the tests start: real step processes (2 s step timeout), no launcher, webhooks for main. */
public final class TestServices {

    private TestServices() {}

    /** A service over the data folder {@code data}, running {@code workers} runs at once. */
    public static PipelineService start(
            Path data, Git git, RunStore store, HostedRepositories repos, int workers, WebhookVerifier verifier) {
        final PipelineRunner runner = new PipelineRunner(
                store,
                new ProcessStepExecutor(Duration.ofSeconds(2), Duration.ofMillis(50)),
                git,
                CredentialSource.empty(),
                System.getenv(),
                Clock.systemUTC(),
                data.resolve("workspaces"));
        return new PipelineService(
                runner,
                store,
                repos,
                new RunQueue(workers, 50),
                new WebhookTrigger(verifier, "main"),
                new GitRemoteHeads(git),
                data.resolve("poll"),
                null,
                Clock.systemUTC(),
                () -> Map.of("SLIPWAY_URL", "http://127.0.0.1:1"));
    }
}
