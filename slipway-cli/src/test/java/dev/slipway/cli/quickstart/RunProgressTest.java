package dev.slipway.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.api.Views;
import dev.slipway.pipeline.model.PipelineKind;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.Reason;
import dev.slipway.pipeline.model.Trigger;
import dev.slipway.pipeline.run.RunPlan;
import dev.slipway.pipeline.yaml.PipelineYamlParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link RunProgress}: one line when a step starts, one when it ends, then the run's result. */
class RunProgressTest {

    private final StringWriter text = new StringWriter();
    private final RunProgress progress = new RunProgress(new PrintWriter(text, true), "  ");
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    private PipelineRun created() {
        var file = new PipelineYamlParser().parse("jenkins-x.yml", """
        pipelineConfig:
          pipelines:
            release:
              pipeline:
                stages:
                - {name: Test, steps: [{name: unit, command: 'true'}]}
                - {name: Promote, steps: [{name: staging, command: 'true'}]}
        """);
        PipelineRun run = PipelineRun.create(
                "r1",
                "repo",
                "c0ffee",
                "main",
                Trigger.manual("me"),
                file.pipeline(PipelineKind.release).orElseThrow(),
                List.of(),
                t0);
        return RunPlan.accept(run, t0);
    }

    private List<String> lines() {
        return text.toString().lines().toList();
    }

    @Test
    void update_stepsStartAndEnd_oneLineEachWithDuration() {
        PipelineRun run = RunPlan.stepStarted(created(), 0, 0, t0);
        assertThat(progress.update(Views.run(run))).isFalse();
        assertThat(progress.update(Views.run(run))).isFalse(); // nothing changed: nothing printed
        assertThat(lines()).containsExactly("  Test / unit                      Running");
        run = RunPlan.stepFinished(run, 0, 0, Reason.Succeeded, "", 0, t0.plusMillis(2300));
        run = RunPlan.stepStarted(run, 1, 0, t0.plusMillis(2300));
        run = RunPlan.stepFinished(run, 1, 0, Reason.Succeeded, "", 0, t0.plusMillis(3000));
        run = RunPlan.finish(run, t0.plusMillis(3000));
        assertThat(progress.update(Views.run(run))).isTrue();
        assertThat(lines())
                .containsExactly(
                        "  Test / unit                      Running",
                        "  Test / unit                      Succeeded 2.3s",
                        "  Promote / staging                Running",
                        "  Promote / staging                Succeeded 0.7s",
                        "  run r1 Succeeded in 3.0s");
    }

    @Test
    void update_failedStep_showsWhyAndLaterStepsSkipped() {
        PipelineRun run = RunPlan.stepStarted(created(), 0, 0, t0);
        run = RunPlan.stepFinished(run, 0, 0, Reason.Failed, "exit code 1", 1, t0.plusSeconds(1));
        run = RunPlan.finish(run, t0.plusSeconds(1));
        assertThat(progress.update(Views.run(run))).isTrue();
        assertThat(lines())
                .contains(
                        "  Test / unit                      Failed    1.0s  (exit code 1)",
                        "  Promote / staging                Skipped");
        assertThat(lines().get(lines().size() - 1)).startsWith("  run r1 Failed in 1.0s: ");
    }
}
