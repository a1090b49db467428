package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.ReferenceFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of {@code slipway up}: killed with SIGKILL while the sync controller is rolling out a
 * promotion, it leaves no model server behind, and started again on the same data folder it converges to
 * what git says (staging serves the promoted model).
 */
class UpCrashIT {

    private static final Pattern STARTED =
            Pattern.compile("gateway http://127\\.0\\.0\\.1:(\\d+), API http://127\\.0\\.0\\.1:(\\d+)");
    private static final String ROW = "{\"data\": {\"ndarray\": [[5.5, 3.5, 1.3, 0.2]]}}";

    @TempDir
    Path dir;

    @Test
    void killedMidSync_leavesNoServer_andConvergesAfterARestart() throws Exception {
        Path gitops = dir.resolve("gitops.git");
        assertThat(Cli.run("gitops", "init", gitops.toString(), "--approver", "alice")
                        .code())
                .isZero();
        Path repo = Files.createDirectories(dir.resolve("iris/model")).getParent();
        Files.copy(ReferenceFixture.root().resolve("iris-logreg/model.joblib"), repo.resolve("model/model.joblib"));
        Files.writeString(repo.resolve("iris.yaml"), """
        apiVersion: machinelearning.seldon.io/v1
        kind: SeldonDeployment
        metadata:
          name: iris
        spec:
          predictors:
          - name: default
            replicas: 2
            graph:
              name: classifier
              type: MODEL
              implementation: SKLEARN_SERVER
              modelUri: ./model
              parameters:
              - {name: method, type: STRING, value: predict}
        """);
        Path data = dir.resolve("data");
        List<ProcessHandle> orphans;
        try (SlipwayProcess up =
                SlipwayProcess.start(SlipwayProcess.onFreePorts(data, "up", "--gitops", gitops.toString()))) {
            up.awaitOut(STARTED, Duration.ofSeconds(60));
            Cli.Run promote = Cli.run(
                    "promote",
                    "--gitops",
                    gitops.toString(),
                    "--env",
                    "staging",
                    "--from",
                    repo.toString(),
                    "--author",
                    "dana",
                    "--email",
                    "dana@example.com");
            assertThat(promote.code()).as(promote.err()).isZero();
            // wait until the sync controller has started model servers, then kill it mid-rollout
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (up.process().descendants().noneMatch(ProcessHandle::isAlive)) {
                assertThat(System.nanoTime()).as("no model server started").isLessThan(deadline);
                Thread.sleep(20);
            }
            orphans = up.process().descendants().toList();
            up.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        // the servers notice their supervisor is gone and stop (one may still be starting its JVM: a loaded machine)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (orphans.stream().anyMatch(ProcessHandle::isAlive)) {
            assertThat(System.nanoTime())
                    .as("model servers outlived a killed slipway up: " + orphans)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }

        try (SlipwayProcess up =
                SlipwayProcess.start(SlipwayProcess.onFreePorts(data, "up", "--gitops", gitops.toString()))) {
            Matcher ports = up.awaitOut(STARTED, Duration.ofSeconds(60));
            URI predict =
                    URI.create("http://127.0.0.1:" + ports.group(1) + "/seldon/staging/iris/api/v1.0/predictions");
            HttpClient http = HttpClient.newHttpClient();
            String answer = null;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < until) {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(predict)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(ROW))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    answer = r.body();
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(answer).as("staging serves iris after the restart").contains("\"ndarray\":[0]");
            URI env = URI.create("http://127.0.0.1:" + ports.group(2) + "/api/v1/environments/staging");
            String status = "";
            until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < until && !(status.contains("\"Synced\"") && status.contains("\"Healthy\""))) {
                status = http.send(HttpRequest.newBuilder(env).build(), HttpResponse.BodyHandlers.ofString())
                        .body();
                Thread.sleep(200);
            }
            assertThat(status)
                    .as("staging synced and healthy after the restart")
                    .contains("\"Synced\"")
                    .contains("\"Healthy\"");
            List<ProcessHandle> all = up.process().descendants().toList();
            // the replicas; a fresh build may also be recording the runtime's CDS archive (a training run of serve,
            // started as java @DIST/cds/replica-DIGEST.args)
            List<ProcessHandle> servers = all.stream()
                    .filter(h -> !h.info().commandLine().orElse("").contains("/cds/replica-"))
                    .toList();
            assertThat(servers)
                    .as(() -> "replicas of up: "
                            + all.stream()
                                    .map(h -> h.pid() + " "
                                            + h.info().commandLine().orElse("?"))
                                    .toList())
                    .hasSize(2);
            up.stop();
            assertThat(all).as("replicas and training runs stop with up").noneMatch(ProcessHandle::isAlive);
        }
    }
}
