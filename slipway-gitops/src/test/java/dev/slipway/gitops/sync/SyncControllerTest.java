package dev.slipway.gitops.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.gitops.repo.GitOpsLocation;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.gitops.status.EnvironmentStatus;
import dev.slipway.gitops.status.HealthStatus;
import dev.slipway.gitops.target.Reason;
import dev.slipway.gitops.testing.Await;
import dev.slipway.gitops.testing.FakeTarget;
import dev.slipway.gitops.testing.MemoryGitOps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncControllerTest {

    @TempDir
    Path dir;

    private final MemoryGitOps git = new MemoryGitOps();
    private final FakeTarget target = new FakeTarget();

    private SyncController controller() {
        target.instant = true;
        return new SyncController(
                SyncConfig.defaults(new GitOpsLocation("memory:gitops", null, null), dir)
                        .withResync(Duration.ofHours(1)),
                git.repo,
                target,
                new SpecParser());
    }

    private EnvironmentStatus syncNow(SyncController c, String env) throws Exception {
        return c.sync(env, null).get(30, TimeUnit.SECONDS);
    }

    @Test
    void testStatuses_inEnvironmentsYamlOrder_savedAndReadBackAtStart() throws Exception {
        git.commit(
                "init",
                Map.of(
                        "environments.yaml",
                        MemoryGitOps.ENVIRONMENTS,
                        "staging/iris.yaml",
                        MemoryGitOps.deployment("iris", "predict")));
        try (SyncController c = controller().start()) {
            c.refresh();
            Await.until(
                    "both environments reported",
                    Duration.ofSeconds(30),
                    () -> c.statuses().size() == 2);
            syncNow(c, "staging");
            assertThat(syncNow(c, "staging").application("iris").orElseThrow().health())
                    .isEqualTo(HealthStatus.HEALTHY);
            assertThat(c.statuses()).extracting(EnvironmentStatus::name).containsExactly("staging", "production");
            assertThat(c.managing("staging", "iris"))
                    .map(EnvironmentStatus::name)
                    .contains("staging");
            assertThat(c.managing("production", "iris")).isEmpty();
        }
        assertThat(dir.resolve("status/staging.json")).exists();
        try (SyncController again = controller()) {
            assertThat(again.status("staging")
                            .orElseThrow()
                            .application("iris")
                            .orElseThrow()
                            .health())
                    .as("read back before any pass")
                    .isEqualTo(HealthStatus.HEALTHY);
        }
    }

    @Test
    void testBrokenEnvironmentsYaml_failsEveryKnownEnvironment_savesIt_andInventsNone() throws Exception {
        git.commit("init", Map.of("environments.yaml", MemoryGitOps.ENVIRONMENTS));
        try (SyncController c = controller().start()) {
            syncNow(c, awaitKnown(c, "staging"));
            git.commit("break", Map.of("environments.yaml", "environments: {"));
            c.refresh();
            Await.until(
                    "staging fails",
                    Duration.ofSeconds(30),
                    () -> c.status("staging").orElseThrow().conditions().get(0).reason() == Reason.PARSE_FAILED);
            assertThat(c.statuses()).extracting(EnvironmentStatus::name).containsExactly("staging", "production");
            assertThat(c.problem()).isPresent();
        }
        assertThat(Files.readString(dir.resolve("status/staging.json"))).contains("ParseFailed");
        assertThat(dir.resolve("status/.json")).doesNotExist();
    }

    @Test
    void testNoMain_isAProblem_notAnEnvironmentNamedEmpty() throws Exception {
        final GitOpsRepository empty = GitOpsRepository.over(
                new org.eclipse.jgit.internal.storage.dfs.InMemoryRepository(
                        new org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription("empty")),
                "memory:empty");
        try (SyncController c = new SyncController(
                        SyncConfig.defaults(new GitOpsLocation("memory:empty", null, null), dir),
                        empty,
                        target,
                        new SpecParser())
                .start()) {
            Await.until("a problem", Duration.ofSeconds(30), () -> c.problem().isPresent());
            assertThat(c.problem().get().reason()).isEqualTo(Reason.FETCH_FAILED);
            assertThat(c.problem().get().message()).contains("main not found");
            assertThat(c.statuses()).isEmpty();
        }
    }

    private static String awaitKnown(SyncController c, String env) {
        Await.until(env + " known", Duration.ofSeconds(30), () -> c.status(env).isPresent());
        return env;
    }
}
