package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.cli.Cli;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@code slipway e2e}: real sandboxes with real {@code slipway serve} processes. */
class E2eTest {

    @TempDir
    Path repo;

    @BeforeEach
    void layout() throws Exception {
        ExampleModels.linearScorer(repo);
        Files.createDirectories(repo.resolve("deploy"));
        Files.writeString(repo.resolve("deploy/scorer.yaml"), ExampleModels.linearScorerManifest("scorer", 1, "2"));
    }

    private static int gatewayPort(String out) {
        final Matcher m = Pattern.compile("gateway on 127\\.0\\.0\\.1:(\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static void assertNothingLeft(int gatewayPort) {
        assertThat(ProcessHandle.current()
                        .children()
                        .filter(ProcessHandle::isAlive)
                        .toList())
                .isEmpty();
        assertThatThrownBy(() -> new Socket("127.0.0.1", gatewayPort).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void e2e_casesAndCommand_passAgainstTheSandboxGatewayAndEverythingIsTornDown() throws Exception {
        Files.writeString(repo.resolve("cases.yaml"), """
        - name: scorer doubles the linear score
          deployment: scorer
          namespace: ci
          request: {data: {ndarray: [[1, 2, 3, 4]]}}
          expect: {data: {ndarray: [14.7]}, meta: {requestPath: {classifier: example/linear-scorer:1.0}}}
          tolerance: 0.000001
        """);
        final Path seen = repo.resolve("seen.json");
        final String curl =
                "curl -s -X POST -H 'Content-Type: application/json' -d '{\"data\":{\"ndarray\":[[1,2,3,4]]}}'"
                        + " http://$API_AMBASSADOR/seldon/ci/scorer/api/v1.0/predictions > " + seen;
        final Cli.Run run = Cli.run(
                "e2e",
                "-f",
                repo.resolve("deploy").toString(),
                "--namespace",
                "ci",
                "--cases",
                repo.resolve("cases.yaml").toString(),
                "--timeout",
                "3m",
                "--",
                "sh",
                "-c",
                curl);
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("PASS scorer doubles the linear score", "1/1 cases passed", "e2e: passed");
        assertThat(Files.readString(seen)).contains("14.7");
        assertNothingLeft(gatewayPort(run.out()));
    }

    @Test
    void e2e_grpcCases_goThroughTheSandboxGatewayOverGrpc() throws Exception {
        Files.writeString(repo.resolve("cases.yaml"), """
        - name: scorer over gRPC
          deployment: scorer
          namespace: ci
          transport: grpc
          request: {data: {ndarray: [[1, 2, 3, 4]]}}
          expect: {data: {ndarray: [14.7]}, meta: {requestPath: {classifier: example/linear-scorer:1.0}}}
          tolerance: 0.000001
        - name: an unknown deployment over gRPC is NOT_FOUND
          deployment: nothere
          namespace: ci
          transport: grpc
          request: {data: {ndarray: [[1, 2, 3, 4]]}}
          status: 404
        """);
        final Cli.Run run = Cli.run(
                "e2e",
                "-f",
                repo.resolve("deploy").toString(),
                "--namespace",
                "ci",
                "--cases",
                repo.resolve("cases.yaml").toString(),
                "--timeout",
                "3m");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "PASS scorer over gRPC",
                        "PASS an unknown deployment over gRPC is NOT_FOUND",
                        "2/2 cases passed");
        assertNothingLeft(gatewayPort(run.out()));
    }

    @Test
    void e2e_badTransport_isBadInputNamingTheField() throws Exception {
        Files.writeString(repo.resolve("cases.yaml"), """
        - deployment: scorer
          transport: carrier-pigeon
          request: {data: {ndarray: [[1, 2, 3, 4]]}}
        """);
        final Cli.Run run = Cli.run(
                "e2e",
                "-f",
                repo.resolve("deploy").toString(),
                "--cases",
                repo.resolve("cases.yaml").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("[0].transport: must be rest or grpc");
    }

    @Test
    void e2e_failingCase_exitsOneAndTearsDown() throws Exception {
        Files.writeString(repo.resolve("cases.yaml"), """
        - name: wrong expectation
          deployment: scorer
          request: {data: {ndarray: [[1, 2, 3, 4]]}}
          expect: {data: {ndarray: [15]}}
        """);
        final Cli.Run run = Cli.run(
                "e2e",
                "-f",
                repo.resolve("deploy/scorer.yaml").toString(),
                "--cases",
                repo.resolve("cases.yaml").toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL wrong expectation: data.ndarray[0]: expected 15, got 14.7");
        assertNothingLeft(gatewayPort(run.out()));
    }

    @Test
    void e2e_badManifest_failsFastWithTheFieldPathAndStartsNothing() throws Exception {
        Files.writeString(
                repo.resolve("deploy/bad.yaml"),
                ExampleModels.linearScorerManifest("bad", 1, "2")
                        .replace("{name: scale, type: DOUBLE, value: \"2\"}", "{name: scale, type: INT, value: abc}"));
        final Cli.Run run = Cli.run("e2e", "-f", repo.resolve("deploy").toString(), "--", "true");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("bad.yaml: spec.predictors[0].graph.parameters[0].value: 'abc' is not an INT");
        assertThat(run.out()).doesNotContain("gateway on");
        assertThat(ProcessHandle.current()
                        .children()
                        .filter(ProcessHandle::isAlive)
                        .toList())
                .isEmpty();
    }

    @Test
    void e2e_missingModelFolder_failsValidationNamingTheFieldAndPath_andStartsNothing() throws Exception {
        Files.writeString(
                repo.resolve("deploy/scorer.yaml"),
                ExampleModels.linearScorerManifest("scorer", 1, "2")
                        .replace("modelUri: ../model", "modelUri: ../no-such-model"));
        final Cli.Run run = Cli.run("e2e", "-f", repo.resolve("deploy").toString(), "--timeout", "2m", "--", "true");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("scorer.yaml: spec.predictors[0].graph.modelUri: modelUri '../no-such-model' does"
                        + " not exist: "
                        + repo.resolve("no-such-model").toAbsolutePath().normalize());
        assertThat(run.out()).doesNotContain("gateway on");
        assertThat(ProcessHandle.current()
                        .children()
                        .filter(ProcessHandle::isAlive)
                        .toList())
                .isEmpty();
    }

    @Test
    void e2e_modelThatCannotLoad_namesTheReplicaAndItsLogTail() throws Exception {
        Files.createDirectories(repo.resolve("no-such-model"));
        Files.writeString(
                repo.resolve("deploy/scorer.yaml"),
                ExampleModels.linearScorerManifest("scorer", 1, "2")
                        .replace("modelUri: ../model", "modelUri: ../no-such-model"));
        final Cli.Run run = Cli.run("e2e", "-f", repo.resolve("deploy").toString(), "--timeout", "2m", "--", "true");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err())
                .contains(
                        "deployment default/scorer did not become ready",
                        "replica default/scorer/default/classifier#0",
                        "last log lines",
                        "no-such-model");
        assertNothingLeft(gatewayPort(run.out()));
    }
}
