package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.cli.Cli;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** {@code slipway e2e -f MANIFESTS MORE…} (MANIFESTS relative to the repository). */
    private Cli.Run e2e(String manifests, String... more) {
        final List<String> args =
                new ArrayList<>(List.of("e2e", "-f", repo.resolve(manifests).toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    /** The deploy/ folder in namespace ci with the repository's cases.yaml. */
    private Cli.Run e2eInCi(String... more) {
        final List<String> args = new ArrayList<>(List.of("--namespace", "ci", "--cases", cases(), "--timeout", "3m"));
        args.addAll(List.of(more));
        return e2e("deploy", args.toArray(String[]::new));
    }

    /** {@code slipway e2e} of the scorer with its modelUri changed to {@code modelUri}, and a test command. */
    private Cli.Run e2eOfScorerAt(String modelUri) throws java.io.IOException {
        Files.writeString(
                repo.resolve("deploy/scorer.yaml"),
                ExampleModels.linearScorerManifest("scorer", 1, "2")
                        .replace("modelUri: ../model", "modelUri: " + modelUri));
        return e2e("deploy", "--timeout", "2m", "--", "true");
    }

    private String cases() {
        return repo.resolve("cases.yaml").toString();
    }

    private static void assertNoChildLeft() {
        assertThat(ProcessHandle.current()
                        .children()
                        .filter(ProcessHandle::isAlive)
                        .toList())
                .isEmpty();
    }

    private static void assertNothingLeft(int gatewayPort) {
        assertNoChildLeft();
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
        final Cli.Run run = e2eInCi("--", "sh", "-c", curl);
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
        final Cli.Run run = e2eInCi();
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
        final Cli.Run run = e2e("deploy", "--cases", cases());
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
        final Cli.Run run = e2e("deploy/scorer.yaml", "--cases", cases());
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
        final Cli.Run run = e2e("deploy", "--", "true");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("bad.yaml: spec.predictors[0].graph.parameters[0].value: 'abc' is not an INT");
        assertThat(run.out()).doesNotContain("gateway on");
        assertNoChildLeft();
    }

    @Test
    void e2e_missingModelFolder_failsValidationNamingTheFieldAndPath_andStartsNothing() throws Exception {
        final Cli.Run run = e2eOfScorerAt("../no-such-model");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("scorer.yaml: spec.predictors[0].graph.modelUri: modelUri '../no-such-model' does"
                        + " not exist: "
                        + repo.resolve("no-such-model").toAbsolutePath().normalize());
        assertThat(run.out()).doesNotContain("gateway on");
        assertNoChildLeft();
    }

    @Test
    void e2e_modelThatCannotLoad_namesTheReplicaAndItsLogTail() throws Exception {
        Files.createDirectories(repo.resolve("no-such-model"));
        final Cli.Run run = e2eOfScorerAt("../no-such-model");
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
