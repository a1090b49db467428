package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.cli.Cli;
import dev.slipway.controlplane.ControlPlane;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python model servers wherever a Java server can go, on one {@code slipway up}: a reusable TorchServer folder
 * published as an OCI image ({@code artifact push --python}) and registered as TORCH_SERVER, a Python router and a
 * Python transformer (one image, the class chosen per container) around a SKLEARN_SERVER node, tested by
 * {@code slipway e2e}, promoted to staging and, approved, to production, and asked through the gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PythonServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SHORT = "{\"data\":{\"ndarray\":[[5.5,3.5,1.3,0.2]]}}";
    static final String LONG = "{\"data\":{\"ndarray\":[[6.5,3.0,5.2,2.0]]}}";

    @TempDir
    static Path dir;

    private static Path gitops;
    private static Path modelRepo;
    private static ControlPlane plane;
    private static double[] torchExpected;

    static Path pythonModels() {
        return Path.of("..", "runtimes", "slipway-runtime-python", "src", "test", "resources", "python")
                .toAbsolutePath()
                .normalize();
    }

    static String python() {
        final String env = System.getenv("SLIPWAY_PYTHON");
        return env != null && !env.isBlank() ? env : "/usr/bin/python3";
    }

    @BeforeAll
    static void start() throws Exception {
        gitops = InProcessPlanes.gitopsInit(dir.resolve("gitops.git"), "alice");
        modelRepo = Files.createDirectories(dir.resolve("iris-graph"));
        Files.createDirectories(modelRepo.resolve("deploy/iris"));
        Files.copy(
                CustomServersTest.fixtures().resolve("iris-logreg/model.joblib"),
                modelRepo.resolve("deploy/iris/model.joblib"));
        final Process p = new ProcessBuilder(
                        python(),
                        pythonModels().resolve("torch/make_checkpoints.py").toString(),
                        dir.resolve("checkpoints").toString())
                .redirectErrorStream(true)
                .start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        torchExpected = java.util.Arrays.stream(
                        out.lines().reduce((a, b) -> b).orElseThrow().split(","))
                .mapToDouble(Double::parseDouble)
                .toArray();
        Files.createDirectories(modelRepo.resolve("deploy/torch"));
        Files.copy(dir.resolve("checkpoints/server/model.pt"), modelRepo.resolve("deploy/torch/model.pt"));
        Files.writeString(modelRepo.resolve("deploy/iris-graph.yaml"), """
        apiVersion: machinelearning.seldon.io/v1
        kind: SeldonDeployment
        metadata: {name: iris-graph}
        spec:
          predictors:
          - name: default
            componentSpecs:
            - spec:
                containers:
                - {name: router, image: "py-graph:1.0.0", env: [{name: SLIPWAY_MODEL_CLASS, value: Router}, {name: SLIPWAY_PYTHON, value: "%1$s"}]}
                - {name: transformer, image: "py-graph:1.0.0", env: [{name: SLIPWAY_MODEL_CLASS, value: Transformer}, {name: SLIPWAY_PYTHON, value: "%1$s"}]}
                - {name: torch, env: [{name: SLIPWAY_PYTHON, value: "%1$s"}]}
            graph:
              name: router
              type: ROUTER
              children:
              - name: transformer
                type: TRANSFORMER
                parameters: [{name: scale, type: FLOAT, value: "1.0"}]
                children:
                - {name: iris, type: MODEL, implementation: SKLEARN_SERVER, modelUri: ./iris,
                   parameters: [{name: method, type: STRING, value: predict_proba}]}
              - {name: torch, type: MODEL, implementation: TORCH_SERVER, modelUri: ./torch}
        """.formatted(python()));
        plane = InProcessPlanes.start(dir.resolve("data"), gitops);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        InProcessPlanes.stop(plane);
    }

    private static String api() {
        return "http://127.0.0.1:" + plane.apiPort();
    }

    private static HttpResponse<String> predict(String ns, String body) throws Exception {
        return InProcessPlanes.predict(plane, ns, "iris-graph", body);
    }

    private static boolean served(String ns) {
        try {
            return predict(ns, SHORT).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        InProcessPlanes.await(what, Duration.ofSeconds(120), condition);
    }

    @Test
    @Order(1)
    void push_pythonFolders_publishesImagesWithTheirClassLabel() {
        final Cli.Run torch = Cli.run(
                "artifact",
                "push",
                "--server",
                api(),
                "torch-server:1.0.0",
                "--python",
                pythonModels().resolve("torchserver").toString());
        assertThat(torch.code()).as(torch.err()).isZero();
        assertThat(torch.out()).contains("torch-server:1.0.0 sha256:").contains("published");
        final Cli.Run graph = Cli.run(
                "artifact",
                "push",
                "--server",
                api(),
                "py-graph:1.0.0",
                "--python",
                pythonModels().resolve("graph").toString());
        assertThat(graph.code()).as(graph.err()).isZero();
        assertThat(Cli.run("artifact", "list", "--server", api()).out()).contains("torch-server", "python:");
        final Cli.Run both = Cli.run("artifact", "push", "--server", api(), "x:1", "--python", dir.toString(), "a.jar");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--python DIR publishes a Python server");
        final Cli.Run empty = Cli.run(
                "artifact",
                "push",
                "--server",
                api(),
                "x:1",
                "--python",
                modelRepo.resolve("deploy/iris").toString());
        assertThat(empty.err()).contains("holds no Python module");
    }

    @Test
    @Order(2)
    void register_pythonServerUnderAnImplementationName() {
        final Cli.Run r = Cli.run(
                "servers",
                "register",
                "TORCH_SERVER",
                "--image",
                "torch-server:1.0.0",
                "--gitops",
                gitops.toString(),
                "--author",
                "ci");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Server registered: TORCH_SERVER: torch-server:1.0.0");
    }

    @Test
    @Order(3)
    void e2e_runsTheMixedGraphInTheSandbox() throws Exception {
        Files.writeString(modelRepo.resolve("cases.yaml"), """
        - name: a short sepal goes through the Python transformer to SKLEARN_SERVER
          deployment: iris-graph
          request: {data: {ndarray: [[5.5, 3.5, 1.3, 0.2]]}}
          expect: {meta: {tags: {transformer_scale_type: float}}, data: {names: [t:0, t:1, t:2]}}
        - name: a long one to TORCH_SERVER
          deployment: iris-graph
          request: {data: {ndarray: [[6.5, 3.0, 5.2, 2.0]]}}
          expect: {data: {names: [t:0, t:1, t:2]}}
        - name: text is refused by the Python router
          deployment: iris-graph
          request: {strData: "no"}
          status: 500
        """);
        InProcessPlanes.e2e(plane, gitops, modelRepo.resolve("deploy"), modelRepo.resolve("cases.yaml"));
    }

    @Test
    @Order(4)
    void staging_routesBetweenJavaAndPythonNodes() throws Exception {
        InProcessPlanes.promote(gitops, "staging", modelRepo.resolve("deploy"));
        await("staging serves iris-graph", () -> served("staging"));
        final HttpResponse<String> shortSepal = predict("staging", SHORT);
        assertThat(shortSepal.statusCode()).as(shortSepal.body()).isEqualTo(200);
        final JsonNode a = JSON.readTree(shortSepal.body());
        assertThat(a.at("/data/ndarray/0/0").asDouble())
                .isCloseTo(0.9766331012661034, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(a.at("/meta/routing/router").asInt()).isZero();
        assertThat(a.at("/meta/tags/transformer_scale_type").asText()).isEqualTo("float");
        final HttpResponse<String> longSepal = predict("staging", LONG);
        final JsonNode b = JSON.readTree(longSepal.body());
        assertThat(b.at("/meta/routing/router").asInt()).as(longSepal.body()).isEqualTo(1);
        final Process probe = new ProcessBuilder(
                        python(),
                        "-c",
                        "import sys,torch;sys.path.insert(0,sys.argv[1]);"
                                + "from ImageClassifier import Net;torch.manual_seed(0);n=Net();"
                                + "print(','.join('%.6f'%v for v in n(torch.tensor([[6.5,3.0,5.2,2.0]]))[0].tolist()))",
                        pythonModels().resolve("torch").toString())
                .redirectErrorStream(true)
                .start();
        final String expected = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        final String[] parts =
                expected.lines().reduce((x, y) -> y).orElseThrow().split(",");
        for (int i = 0; i < 3; i++) {
            assertThat(b.at("/data/ndarray/0/" + i).asDouble())
                    .isCloseTo(Double.parseDouble(parts[i]), org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThat(torchExpected).hasSize(3);
    }

    @Test
    @Order(5)
    void production_afterApproval_servesThePinnedPythonServer() throws Exception {
        InProcessPlanes.promoteAndApprove(plane, gitops, modelRepo.resolve("deploy"), "alice");
        await("production serves iris-graph", () -> served("production"));
        final Cli.Run show = Cli.run("servers", "show", "TORCH_SERVER", "--gitops", gitops.toString());
        // the "used by" table (one formatter: columns as wide as their widest value)
        assertThat(show.out())
                .contains("torch-server:1.0.0")
                .containsPattern("staging\\s+iris-graph\\s+torch\\s+implementation TORCH_SERVER")
                .containsPattern("production\\s+iris-graph\\s+torch\\s+implementation TORCH_SERVER");
    }
}
