package dev.slipway.cli.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.pipeline.exec.Git;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop against {@code kind: kubernetes} environments: {@code slipway up} (the packaged jar) syncs staging and
 * production into a Kubernetes API <em>mock</em> (fabric8's kubernetes-server-mock in CRUD mode, reached through a
 * kubeconfig context) whose controllers a {@code StatusSimulator} plays; pinned models are published to a real S3
 * server (s3proxy). Push → pipeline → staging objects → approved production objects, health from object status; a
 * managed object deleted by hand comes back; a foreign object is untouched; the production request's diff shows the
 * rendered objects that then run; an environment removed from environments.yaml while {@code slipway up} is down is
 * pruned in its own namespace after the restart.
 */
class KubernetesLoopIT {

    static final String ENVIRONMENTS = """
      environments:
      - name: staging
        promotion: auto
        target: {kind: kubernetes, mode: native, context: mock, artifacts: s3://models/slipway}
      - name: production
        promotion: approval
        approvers: [manager]
        target: {kind: kubernetes, mode: native, context: mock, artifacts: s3://models/slipway}
      """;

    @TempDir
    static Path tmp;

    static MockClusterFixture fixture;
    static KubernetesClient client;
    static LoopPlane plane;

    @BeforeAll
    static void start() throws Exception {
        fixture = MockClusterFixture.start(tmp, Map.of());
        client = fixture.client;
        plane = LoopPlane.start(tmp, false, fixture.env, MockClusterFixture.environments(tmp, ENVIRONMENTS));
    }

    @AfterAll
    static void stop() throws Exception {
        if (plane != null) {
            plane.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    static <T> T await(String what, Callable<T> probe) throws Exception {
        return MockClusterFixture.await(what, probe);
    }

    static Deployment deployment(String ns, String name) {
        return fixture.deployment(ns, name);
    }

    static boolean healthy(String env, String app) throws Exception {
        return MockClusterFixture.healthy(plane, env, app);
    }

    @Test
    void loop_prepackagedServer_stagingThenApprovedProduction_onTheCluster() throws Exception {
        client.resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("theirs")
                        .withNamespace("production")
                        .endMetadata()
                        .addToData("owner", "another team")
                        .build())
                .create();
        final String commit = plane.push(NewsRepositoryFiles.write(tmp.resolve("work/news"), "news"), "news");
        final JsonNode run = plane.awaitRun(commit, Duration.ofMinutes(3));
        assertThat(run.at("/condition/reason").asText()).as(plane.log(run)).isEqualTo("Succeeded");

        final Deployment staging =
                await("staging's model server applied", () -> deployment("staging", "news-default-classifier"));
        final List<String> args =
                staging.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertThat(args).contains("--implementation", "SKLEARN_SERVER");
        final String modelUri = args.get(args.indexOf("--model-uri") + 1);
        assertThat(modelUri).matches("s3://models/slipway/artifacts/[0-9a-f]{64}");
        assertThat(fixture.s3Client
                        .listObjectsV2(b -> b.bucket("models").prefix(modelUri.substring("s3://models/".length())))
                        .contents())
                .as("the pinned model published to the environment's store")
                .isNotEmpty();
        assertThat(deployment("staging", "slipway-gateway"))
                .as("the environment's gateway")
                .isNotNull();
        assertThat(client.configMaps()
                        .inNamespace("staging")
                        .withName("slipway-route-news")
                        .get())
                .isNotNull();
        await("staging Synced and Healthy", () -> healthy("staging", "news"));
        assertThat(deployment("production", "news-default-classifier"))
                .as("not before approval")
                .isNull();

        final JsonNode request = plane.openProductionRequest("news");
        final String diff = request.path("diff").asText();
        assertThat(diff)
                .as("the request shows the manifest and the objects it becomes")
                .contains(
                        "kind: SeldonDeployment",
                        "# The Kubernetes objects environment 'production' applies (mode native, namespace production)",
                        "+kind: \"Deployment\"",
                        "+  name: \"news-default-classifier\"",
                        "+  name: \"slipway-gateway\"",
                        "- \"" + modelUri + "\"");
        assertThat(plane.approve(request.get("id").asText(), LoopPlane.APPROVER).statusCode())
                .isEqualTo(200);
        final Deployment production =
                await("production's model server applied", () -> deployment("production", "news-default-classifier"));
        assertThat(production
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getArgs())
                .as("what was approved is what runs")
                .contains(modelUri);
        await("production Synced and Healthy", () -> healthy("production", "news"));

        client.apps()
                .deployments()
                .inNamespace("production")
                .withName("news-default-classifier")
                .delete();
        plane.post(plane.api() + "/api/v1/gitops/refresh", "{}");
        await("a managed object deleted by hand recreated", () -> deployment("production", "news-default-classifier"));
        assertThat(client.configMaps()
                        .inNamespace("production")
                        .withName("theirs")
                        .get()
                        .getData())
                .containsEntry("owner", "another team");

        // production leaves environments.yaml while slipway up is down: after the restart, its inventory is pruned in
        // its own namespace (staging's objects of the same names stay, and so does the foreign object)
        plane.close();
        final Git git = new Git();
        final Path work = tmp.resolve("gitops-work");
        git.run(work, "pull", "--quiet", "--ff-only", "origin", "main");
        Files.writeString(
                work.resolve("environments.yaml"),
                ENVIRONMENTS.substring(0, ENVIRONMENTS.indexOf("- name: production")));
        git.run(
                work,
                "-c",
                "user.name=Platform",
                "-c",
                "user.email=platform@example.com",
                "commit",
                "--quiet",
                "-am",
                "production leaves the cluster");
        git.run(work, "push", "--quiet", "origin", "main");
        plane = LoopPlane.restart(tmp, fixture.env);
        await(
                "production's objects pruned after the restart",
                () -> deployment("production", "news-default-classifier") == null
                        && deployment("production", "slipway-gateway") == null
                        && client.configMaps()
                                        .inNamespace("production")
                                        .withName("slipway-route-news")
                                        .get()
                                == null);
        assertThat(client.services()
                        .inNamespace("production")
                        .withName("news-default-classifier")
                        .get())
                .isNull();
        assertThat(deployment("staging", "news-default-classifier"))
                .as("staging untouched")
                .isNotNull();
        assertThat(deployment("staging", "slipway-gateway")).isNotNull();
        assertThat(client.configMaps()
                        .inNamespace("production")
                        .withName("theirs")
                        .get())
                .as("foreign object kept")
                .isNotNull();
    }
}
