package dev.slipway.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.pipeline.log.SecretMasker;
import dev.slipway.pipeline.model.Agent;
import dev.slipway.pipeline.model.Condition;
import dev.slipway.pipeline.model.Pipeline;
import dev.slipway.pipeline.model.PipelineKind;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.Reason;
import dev.slipway.pipeline.model.Stage;
import dev.slipway.pipeline.model.Step;
import dev.slipway.pipeline.model.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link RunStore}. */
class RunStoreTest {

    @TempDir
    Path dir;

    private static PipelineRun run(String id, String envValue) {
        Step step = new Step("s", "echo", List.of("hi"), null, Map.of("K", envValue), Duration.ofSeconds(90));
        Pipeline p = new Pipeline(
                PipelineKind.release,
                new Agent("img", null),
                Map.of(envValue, "v"),
                Duration.ofMinutes(5),
                List.of(),
                List.of(new Stage("st", Agent.NONE, Map.of(), null, List.of(step))));
        return PipelineRun.create(
                id,
                "/repo",
                "abc",
                "main",
                Trigger.manual("me"),
                p,
                List.of("w"),
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void save_thenFind_roundTripsTheRecord() {
        RunStore store = new RunStore(dir);
        PipelineRun r = run("20260101-000000-000-aaaa", "plain");
        store.save(r, SecretMasker.none());
        assertThat(store.find(r.id())).contains(r);
        assertThat(store.find("20260101-000000-000-a")).contains(r);
    }

    @Test
    void save_masksEveryStringKeysIncluded() throws Exception {
        RunStore store = new RunStore(dir);
        store.save(run("r1", "TOPSECRET"), SecretMasker.of(List.of("TOPSECRET")));
        String json = Files.readString(dir.resolve("r1").resolve(RunStore.RECORD));
        assertThat(json)
                .doesNotContain("TOPSECRET")
                .contains("\"K\" : \"****\"")
                .contains("\"****\" : \"v\"");
        assertThat(store.find("r1")).isPresent();
    }

    @Test
    void list_parsesAnEndedRunOnce_butSeesEveryRewriteAndEveryRunningRun() {
        RunStore store = new RunStore(dir);
        RunStore writer = new RunStore(dir); // another process writing the same folder
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        PipelineRun ended = run("20260101-000000-000-aaaa", "x")
                .withCondition(Condition.of(Reason.Succeeded, "ok", t), t, t.plusSeconds(5));
        PipelineRun running =
                run("20260102-000000-000-bbbb", "x").withCondition(Condition.of(Reason.Running, "", t), t, null);
        writer.save(ended, SecretMasker.none());
        writer.save(running, SecretMasker.none());

        List<PipelineRun> first = store.list();
        List<PipelineRun> second = store.list();
        assertThat(second).isEqualTo(first);
        assertThat(second.get(1)).as("the ended run, not parsed again").isSameAs(first.get(1));
        assertThat(second.get(0)).as("the running run, read again").isNotSameAs(first.get(0));

        // a rewrite of the ended record (a new file renamed into place) is seen, as is the running run's end
        PipelineRun failed = ended.withCondition(Condition.of(Reason.Failed, "changed", t), t, t.plusSeconds(9));
        PipelineRun done = running.withCondition(Condition.of(Reason.Succeeded, "ok", t), t, t.plusSeconds(7));
        writer.save(failed, SecretMasker.none());
        writer.save(done, SecretMasker.none());
        assertThat(store.list()).containsExactly(done, failed);
        assertThat(store.find(failed.id())).contains(failed);
    }

    @Test
    void list_isNewestFirst_andAmbiguousPrefixIsAnError() {
        RunStore store = new RunStore(dir);
        store.save(run("20260101-000000-000-aaaa", "x"), SecretMasker.none());
        store.save(run("20260102-000000-000-bbbb", "x"), SecretMasker.none());
        assertThat(store.list())
                .extracting(PipelineRun::id)
                .containsExactly("20260102-000000-000-bbbb", "20260101-000000-000-aaaa");
        assertThatThrownBy(() -> store.find("2026010")).hasMessageContaining("matches 2 runs");
        assertThat(store.find("nope")).isEmpty();
    }

    @Test
    void dir_pathTraversal_isRefused() {
        assertThatThrownBy(() -> new RunStore(dir).dir("../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cancelMarkerAndRunner_areSeenByOtherInstances() {
        RunStore a = new RunStore(dir);
        a.save(run("r2", "x"), SecretMasker.none());
        assertThat(new RunStore(dir).isCancelRequested("r2")).isFalse();
        a.requestCancel("r2");
        assertThat(new RunStore(dir).isCancelRequested("r2")).isTrue();
        assertThat(a.runnerAlive("r2")).isFalse();
        a.markRunner("r2", ProcessHandle.current().pid());
        assertThat(new RunStore(dir).runnerAlive("r2")).isTrue();
    }
}
