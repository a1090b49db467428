package dev.slipway.cli.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.SlipwayProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code python-model} template through its own pipeline on one {@code slipway up} of the packaged jar (its
 * interpreter: {@code SLIPWAY_PYTHON}, Debian's): pytest and the model cases, the sandbox, staging, and production
 * once the manager approves — served by Python workers; then {@code slipway up} is killed with SIGKILL and no Python
 * worker outlives it.
 */
class PythonModelLoopIT {

    private static final Duration RUN = Duration.ofMinutes(6);
    static final String TEXTS = "{\"data\":{\"ndarray\":[\"Ban the bomb.  Save the world for conventional warfare.\","
            + "\"History books which contain no lies are extremely dull.\"]}}";

    @TempDir
    static Path tmp;

    private static LoopPlane plane;

    static String python() {
        final String env = System.getenv("SLIPWAY_PYTHON");
        return env != null && !env.isBlank() ? env : "/usr/bin/python3";
    }

    @BeforeAll
    static void startUp() throws Exception {
        plane = LoopPlane.start(tmp, Map.of("SLIPWAY_PYTHON", python()));
    }

    @AfterAll
    static void stopUp() throws Exception {
        if (plane != null) {
            plane.close();
        }
    }

    private static List<Double> labels(JsonNode answer) {
        final List<Double> out = new java.util.ArrayList<>();
        answer.at("/data/ndarray").forEach(v -> out.add(v.asDouble()));
        return out;
    }

    @Test
    void pythonModelTemplate_pytestSandboxStagingApprovedProduction_thenNoOrphanWorkerAfterAKill() throws Exception {
        final Path repo = tmp.resolve("work/news-py");
        try (SlipwayProcess create = SlipwayProcess.start(
                "repo",
                "create",
                "news-py",
                "--template",
                "python-model",
                "--dir",
                repo.toString(),
                "--push",
                plane.api(),
                "--author",
                "Data Scientist",
                "--email",
                "ds@example.com")) {
            assertThat(create.awaitExit()).as(create.out() + create.err()).isZero();
        }
        final String commit = new dev.slipway.pipeline.exec.Git().run(repo, "rev-parse", "HEAD");
        final JsonNode run = plane.awaitRun(commit, RUN);
        final String log = plane.log(run);
        assertThat(run.at("/condition/reason").asText()).as(log).isEqualTo("Succeeded");
        assertThat(LoopPlane.reasons(run))
                .containsExactly("Test=Succeeded", "Test integration=Succeeded", "Promote=Succeeded");
        assertThat(log).as("pytest ran").containsPattern("4 passed in");
        assertThat(log).as("the model cases ran").contains("2 passed, 0 failed (deploy/model, PYTHON)");

        final JsonNode staging = plane.awaitAnswer("staging", "news-py", TEXTS, a -> true);
        assertThat(labels(staging)).containsExactly(3.0, 1.0);
        assertThat(staging.at("/meta/tags/model").asText()).isEqualTo("news-classifier");

        final JsonNode request = plane.openProductionRequest("news-py");
        assertThat(request.path("diff").asText()).contains("implementation: PYTHON");
        assertThat(plane.statusOf("production", "news-py", TEXTS)).isEqualTo(404);
        assertThat(plane.approve(request.get("id").asText(), LoopPlane.APPROVER).statusCode())
                .isEqualTo(200);
        final JsonNode production = plane.awaitAnswer("production", "news-py", TEXTS, a -> true);
        assertThat(labels(production)).containsExactly(3.0, 1.0);

        final List<ProcessHandle> workers = plane.process()
                .descendants()
                .filter(h -> h.info().commandLine().orElse("").contains("slipway_worker.py"))
                .toList();
        assertThat(workers).as("a Python worker per environment").hasSizeGreaterThanOrEqualTo(2);
        plane.process().destroyForcibly(); // SIGKILL: no shutdown hook runs in slipway up
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (workers.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100); // the replicas watch their parent, the workers theirs; bounded by the deadline
        }
        assertThat(workers.stream()
                        .filter(ProcessHandle::isAlive)
                        .map(ProcessHandle::pid)
                        .toList())
                .as("Python workers left after slipway up was killed")
                .isEmpty();
    }
}
