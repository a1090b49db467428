package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.cli.Cli;
import dev.slipway.controlplane.ControlPlane;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.ReplicaState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitOps loop end to end on one {@code slipway up} (in-process control plane following a bare repository)
 * with real SKLEARN_SERVER processes serving the iris fixture: promote to staging, request/approve production,
 * self-heal, rollback, invalid manifests, pruning, restart. Tests share the plane; each first brings it to the
 * state it starts from ({@code stagingServes}, {@code productionServes}), so they run in any order or alone.
 */
class GitOpsFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "{\"data\": {\"ndarray\": [[5.5, 3.5, 1.3, 0.2]]}}";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path dir;

    private static Path gitops;
    private static Path manifest;
    private static ControlPlane plane;

    @BeforeAll
    static void start() throws Exception {
        gitops = InProcessPlanes.gitopsInit(dir.resolve("gitops.git"), "alice", "bob");
        final Path model = Files.createDirectories(dir.resolve("iris-model/model"));
        Files.copy(
                Path.of(System.getProperty("slipway.fixtures", "../../shared/fixtures"), "iris-logreg", "model.joblib"),
                model.resolve("model.joblib"));
        manifest = dir.resolve("iris-model/iris.yaml");
        writeManifest("predict_proba");
        plane = InProcessPlanes.start(dir.resolve("data"), gitops);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        InProcessPlanes.stop(plane);
    }

    private static void writeManifest(String method) throws Exception {
        Files.writeString(manifest, """
        apiVersion: machinelearning.seldon.io/v1alpha2
        kind: SeldonDeployment
        metadata:
          name: iris
        spec:
          predictors:
          - name: default
            replicas: 1
            graph:
              name: classifier
              type: MODEL
              implementation: SKLEARN_SERVER
              modelUri: ./model
              parameters:
              - {name: method, type: STRING, value: %s}
        """.formatted(method));
    }

    private static String api() {
        return "http://127.0.0.1:" + plane.apiPort();
    }

    /** The status and body of a prediction through the gateway. */
    private static Optional<JsonNode> predict(String ns) {
        try {
            final HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plane.gatewayPort() + "/seldon/" + ns
                                    + "/iris/api/v1.0/predictions"))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(ROW))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** True when the answer holds class probabilities (predict_proba), false for a label (predict). */
    private static boolean probabilities(JsonNode answer) {
        return answer.at("/data/ndarray/0").isArray()
                && answer.at("/data/ndarray/0").size() == 3;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static JsonNode get(String path) throws Exception {
        return JSON.readTree(HTTP.send(
                        HttpRequest.newBuilder(URI.create(api() + path)).build(), HttpResponse.BodyHandlers.ofString())
                .body());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(api() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode app(String env, String name) throws Exception {
        for (final JsonNode a : get("/api/v1/environments/" + env).path("applications")) {
            if (a.path("name").asText().equals(name)) {
                return a;
            }
        }
        return JSON.createObjectNode();
    }

    private static String git(Path cwd, String... args) throws Exception {
        final List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=ops", "-c", "user.email=ops@x"));
        cmd.addAll(List.of(args));
        final Process p = new ProcessBuilder(cmd)
                .directory(cwd.toFile())
                .redirectErrorStream(true)
                .start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", args) + ": " + out).isZero();
        return out;
    }

    private static Cli.Run promote(String env, String author) {
        return Cli.run(
                "promote",
                "--gitops",
                gitops.toString(),
                "--env",
                env,
                "--from",
                manifest.toString(),
                "--author",
                author,
                "--email",
                author + "@example.com");
    }

    /**
     * Staging serves iris with {@code method} (promoting it when it does not): each test states what it starts from,
     * so the tests run in any order and alone.
     */
    private static synchronized String stagingServes(String method) throws Exception {
        writeManifest(method);
        final Cli.Run run = promote("staging", "carol");
        assertThat(run.code()).as(run.err()).isZero();
        final String commit = plane.sync().orElseThrow().repository().main().name();
        final boolean proba = method.equals("predict_proba");
        await(
                "staging serves iris (" + method + ")",
                () -> predict("staging").map(a -> probabilities(a) == proba).orElse(false));
        awaitApp("staging", "iris", "Synced", "Healthy");
        return commit;
    }

    /** Production serves iris, through an approved promotion request when it does not yet. */
    private static String productionServes() throws Exception {
        if (predict("production").isEmpty()) {
            requestAndApproveProduction();
        }
        return plane.sync().orElseThrow().repository().main().name();
    }

    /** Production's manifest on main (empty before the first promotion). */
    private static String productionOnMain() {
        final var repo = plane.sync().orElseThrow().repository();
        return repo.trees()
                .read(repo.main(), "production/iris.yaml")
                .map(String::new)
                .orElse("");
    }

    /** Opens a production request (by alice) for the method production does not serve; returns its id. */
    private static String requestProduction() throws Exception {
        writeManifest(productionOnMain().contains("predict_proba") ? "predict" : "predict_proba");
        final Cli.Run run = promote("production", "alice");
        assertThat(run.code()).as(run.err()).isZero();
        return run.out()
                .lines()
                .filter(l -> l.startsWith("id: "))
                .findFirst()
                .orElseThrow()
                .substring(4);
    }

    /** Opens a production request for the method production does not serve, and approves it; returns its id. */
    private static String requestAndApproveProduction() throws Exception {
        final String id = requestProduction();
        final Cli.Run approved = Cli.run("promotions", "approve", id, "--as", "bob", "--server", api());
        assertThat(approved.code()).as(approved.err()).isZero();
        await("production serves iris", () -> predict("production").isPresent());
        return id;
    }

    private static void awaitApp(String env, String name, String sync, String health) throws InterruptedException {
        await(name + " in " + env + " " + sync + " " + health, () -> {
            try {
                final JsonNode a = app(env, name);
                return a.path("sync").asText().equals(sync)
                        && a.path("health").asText().equals(health);
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void promoteToStaging_isServedThroughTheGateway() throws Exception {
        final String commit = stagingServes("predict_proba");
        final JsonNode a = app("staging", "iris");
        assertThat(a.at("/conditions/0/type").asText()).isEqualTo("Ready");
        assertThat(a.path("message").asText()).startsWith("serving staging/iris.yaml");
        assertThat(a.path("appliedRevision").asText()).isNotEmpty();
        final Cli.Run status = Cli.run("env", "status", "staging", "--server", api());
        assertThat(status.out()).containsPattern("iris\\s+Synced\\s+Healthy");
        assertThat(status.out()).contains("synced and healthy at " + commit.substring(0, 7));
        assertThat(promote("staging", "carol").out()).contains("nothing changed");
    }

    @Test
    void production_requestIsApprovedByAnotherApprover_thenServed() throws Exception {
        final String before = productionOnMain();
        final String id = requestProduction();
        assertThat(productionOnMain()).as("production unchanged").isEqualTo(before);

        final Cli.Run list = Cli.run("promotions", "list", "--state", "open", "--server", api());
        assertThat(list.out()).contains(id).contains("alice,bob");
        final Cli.Run show = Cli.run("promotions", "show", id, "--gitops", gitops.toString());
        assertThat(show.out()).contains("+++ b/production/iris.yaml");
        final HttpResponse<String> byAuthor = post("/api/v1/promotions/" + id + "/approve", "{\"user\":\"alice\"}");
        assertThat(byAuthor.statusCode()).isEqualTo(403);
        assertThat(byAuthor.body()).contains("four-eyes");
        assertThat(post("/api/v1/promotions/nope/approve", "{\"user\":\"bob\"}").statusCode())
                .isEqualTo(404);
        assertThat(post("/api/v1/promotions/" + id + "/approve", "{\"usr\":1}").statusCode())
                .isEqualTo(400);
        final Cli.Run refused = Cli.run("promotions", "approve", id, "--as", "alice", "--server", api());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("four-eyes");

        final Cli.Run approved = Cli.run("promotions", "approve", id, "--as", "bob", "--server", api());
        assertThat(approved.code()).as(approved.err()).isZero();
        await("production serves iris", () -> predict("production").isPresent());
        assertThat(get("/api/v1/promotions/" + id).path("state").asText()).isEqualTo("MERGED");
        final Cli.Run history = Cli.run("env", "history", "production", "--server", api());
        assertThat(history.out()).contains("Promotion merged").contains("bob");
    }

    @Test
    void killedReplica_isRestarted_deploymentDeletedByHand_isOutOfSyncUntilSelfHeal() throws Exception {
        stagingServes("predict_proba");
        final DeploymentStatus before =
                plane.deployments().status("staging", "iris").orElseThrow();
        ProcessHandle.of(before.replicas().get(0).pid()).orElseThrow().destroyForcibly();
        await(
                "the replica restarted",
                () -> plane.deployments().status("staging", "iris").orElseThrow().replicas().stream()
                        .anyMatch(r -> r.restarts() >= 1 && r.state() == ReplicaState.READY));
        awaitApp("staging", "iris", "Synced", "Healthy");

        final Cli.Run refused = Cli.run("delete", "deployment", "iris", "-n", "staging", "--server", api());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err())
                .contains("managed by GitOps")
                .contains("environment 'staging'")
                .contains(gitops.toString())
                .contains("--force");
        assertThat(plane.deployments().status("staging", "iris"))
                .as("nothing deleted")
                .isPresent();
        final Cli.Run redeploy = Cli.run("deploy", "-f", manifest.toString(), "-n", "staging", "--server", api());
        assertThat(redeploy.code()).isEqualTo(1);
        assertThat(redeploy.err()).contains("managed by GitOps");

        final Cli.Run delete = Cli.run("delete", "deployment", "iris", "-n", "staging", "--force", "--server", api());
        assertThat(delete.code()).as(delete.err()).isZero();
        awaitApp("staging", "iris", "OutOfSync", "Missing");
        final JsonNode env = get("/api/v1/environments/staging");
        assertThat(env.at("/conditions/0/message").asText()).contains("iris (OutOfSync Missing)");
        assertThat(env.path("events").toString()).contains("deleted outside GitOps");
        awaitApp("staging", "iris", "Synced", "Healthy");
        assertThat(get("/api/v1/environments/staging").path("events").toString())
                .contains("self-heal");
        await("iris restored by the sync controller", () -> predict("staging").isPresent());
    }

    @Test
    void update_thenRollback_oneApplication_dryRunFirst_servesThePreviousModel() throws Exception {
        final String probabilities = stagingServes("predict_proba");
        stagingServes("predict");
        final String rev = probabilities.substring(0, 10);

        final Cli.Run everything =
                Cli.run("env", "rollback", "staging", "--to", rev, "--as", "dave", "--gitops", gitops.toString());
        assertThat(everything.code()).isEqualTo(2);
        assertThat(everything.err())
                .contains("would remove")
                .contains("change iris")
                .contains("--all");

        final Cli.Run dry = Cli.run(
                "env", "rollback", "staging", "iris", "--to", rev, "--dry-run", "--as", "dave", "--server", api());
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out())
                .contains("--- a/staging/iris.yaml")
                .contains("+        value: predict_proba")
                .contains("nothing committed");
        assertThat(predict("staging").map(GitOpsFlowTest::probabilities))
                .as("the dry run changed nothing")
                .contains(false);

        final Cli.Run rollback = Cli.run(
                "env",
                "rollback",
                "staging",
                "iris",
                "--to",
                rev,
                "--reason",
                "labels broke the dashboard",
                "--as",
                "dave",
                "--server",
                api());
        assertThat(rollback.code()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("rolled iris in staging back to " + probabilities.substring(0, 7));
        await(
                "staging serves probabilities again",
                () -> predict("staging").map(GitOpsFlowTest::probabilities).orElse(false));
        final JsonNode history = get("/api/v1/environments/staging/history?application=iris");
        assertThat(history.get(0).path("action").asText()).isEqualTo("Rollback");
        assertThat(history.get(0).path("author").asText()).isEqualTo("dave");
        assertThat(history.get(0).path("message").asText()).contains("labels broke the dashboard");
        final Cli.Run appHistory = Cli.run("env", "history", "staging", "iris", "--server", api());
        assertThat(appHistory.out()).contains("Rollback").contains("Roll back iris in staging to");

        final Cli.Run sync = Cli.run("env", "sync", "staging", "iris", "--server", api());
        assertThat(sync.code()).as(sync.err()).isZero();
        assertThat(sync.out()).startsWith("synced staging at ").containsPattern("iris\\s+Synced");
        final Cli.Run status = Cli.run("env", "status", "staging", "iris", "--server", api());
        assertThat(status.out()).contains("iris in staging").contains("sync:").contains("Ready=");
        final Cli.Run unknown = Cli.run("env", "sync", "staging", "nope", "--server", api());
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("no application 'nope' in staging");
    }

    @Test
    void invalidManifestPushedWithGit_degradesOnlyItself_andDeletedManifestIsPruned() throws Exception {
        stagingServes("predict_proba");
        productionServes();
        final Path clone = Files.createTempDirectory(dir, "clone").resolve("gitops");
        git(dir, "clone", "-q", gitops.toString(), clone.toString());
        Files.writeString(
                clone.resolve("staging/broken.yaml"),
                Files.readString(clone.resolve("staging/iris.yaml"))
                        .replace("name: iris", "name: broken")
                        .replace("type: MODEL", "type: MODLE"));
        git(clone, "add", ".");
        git(clone, "commit", "-q", "-m", "a broken manifest");
        git(clone, "push", "-q", "origin", "main");
        await("broken is degraded", () -> {
            try {
                return app("staging", "broken").path("health").asText().equals("Degraded");
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(app("staging", "broken").at("/conditions/0/message").asText())
                .contains("spec.predictors[0].graph.type");
        assertThat(app("staging", "broken").at("/conditions/0/reason").asText()).isEqualTo("ParseFailed");
        awaitApp("staging", "iris", "Synced", "Healthy");
        assertThat(app("staging", "broken").path("health").asText()).isEqualTo("Degraded");
        assertThat(predict("staging")).isPresent();

        git(clone, "rm", "-q", "staging/iris.yaml", "staging/broken.yaml");
        git(clone, "commit", "-q", "-m", "remove iris from staging");
        git(clone, "push", "-q", "origin", "main");
        await(
                "iris pruned from staging",
                () -> plane.deployments().status("staging", "iris").isEmpty());
        assertThat(predict("production")).as("production untouched").isPresent();
    }

    @Test
    void restart_convergesToTheSameState_andAnswersStatusBeforeTheFirstPass() throws Exception {
        productionServes();
        awaitApp("production", "iris", "Synced", "Healthy");
        plane.close();
        plane = InProcessPlanes.start(dir.resolve("data"), gitops);
        assertThat(get("/api/v1/environments").findValuesAsText("name")).contains("staging", "production");
        await(
                "production serves iris after the restart",
                () -> predict("production").isPresent());
        awaitApp("production", "iris", "Synced", "Healthy");
    }
}
