package dev.slipway.cli.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Cli;
import dev.slipway.testing.LocalRegistry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop against {@code kind: kubernetes} environments (mode native) for servers that are not prepackaged:
 * {@code slipway up} (the packaged jar) syncs into a Kubernetes API <em>mock</em> (see {@link MockClusterFixture});
 * images of Slipway's artifact store are built on the environment's server image and pushed to a <em>real</em>
 * registry (Debian's docker-registry on a loopback port), and the cluster's objects reference them by digest.
 * <ul>
 *   <li>a registered custom server ({@code --template custom-server}, SCORER) and a model repository using it;</li>
 *   <li>a server with its model embedded ({@code --template embedded-model}).</li>
 * </ul>
 * Each goes push → pipeline → staging objects → approved production objects.
 */
class KubernetesCustomServersLoopIT {

    private static final Duration BUILD_RUN = Duration.ofMinutes(8);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path tmp;

    static LocalRegistry registry;
    static MockClusterFixture fixture;
    static LoopPlane plane;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(LocalRegistry.available(), "docker-registry is not installed (.ci/run installs it)");
        registry = LocalRegistry.start(tmp.resolve("registry"));
        // the environment's server image, the base of pushed custom-server images (a stand-in distribution: the mock
        // cluster runs nothing)
        final Path dist = Files.createDirectories(tmp.resolve("dist/lib"));
        Files.writeString(dist.resolve("dep-1.0.jar"), "not really a jar, but bytes all the same");
        Files.write(
                dist.getParent().resolve("slipway.jar"),
                new byte[] {0x50, 0x4b, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        final String serverImage = registry.host() + "/ml/slipway-server:test";
        final Cli.Run base = Cli.run(
                "image",
                "build",
                "--base",
                "scratch",
                "--distribution",
                dist.getParent().toString(),
                "--push",
                serverImage);
        assertThat(base.code()).as(base.err()).isZero();
        fixture = MockClusterFixture.start(tmp, Map.of("SLIPWAY_SERVER_IMAGE", serverImage));
        final String target =
                "{kind: kubernetes, mode: native, context: mock, artifacts: s3://models/slipway, registry: "
                        + registry.host() + "/ml}";
        plane = LoopPlane.start(
                tmp, false, fixture.env, MockClusterFixture.environments(tmp, """
        environments:
        - name: staging
          promotion: auto
          target: %s
        - name: production
          promotion: approval
          approvers: [manager]
          target: %s
        """.formatted(target, target)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (plane != null) {
            plane.close();
        }
        if (fixture != null) {
            fixture.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    /** The image of {@code name}'s container, once the Deployment is there; checks the registry serves that digest. */
    static String pushedImage(String ns, String name, String repository) throws Exception {
        final Deployment d = MockClusterFixture.await(ns + "/" + name + " applied", () -> fixture.deployment(ns, name));
        final String image =
                d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        assertThat(image)
                .matches(java.util.regex.Pattern.quote(registry.host() + "/ml/" + repository) + "@sha256:[0-9a-f]{64}");
        final String digest = image.substring(image.indexOf('@') + 1);
        final HttpResponse<Void> manifest = HTTP.send(
                HttpRequest.newBuilder(URI.create(registry.url() + "/v2/ml/" + repository + "/manifests/" + digest))
                        .header("Accept", "application/vnd.oci.image.manifest.v1+json")
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(manifest.statusCode()).as("the registry serves " + image).isEqualTo(200);
        return image;
    }

    /** The staging objects, then the approved production objects of {@code deployment}; both run {@code image}. */
    static void approveAndAwaitProduction(String deployment, String objectName, String image) throws Exception {
        MockClusterFixture.await(
                "staging Synced and Healthy", () -> MockClusterFixture.healthy(plane, "staging", deployment));
        assertThat(fixture.deployment("production", objectName))
                .as("not before approval")
                .isNull();
        final JsonNode request = plane.openProductionRequest(deployment);
        assertThat(request.path("diff").asText()).contains("+  name: \"" + objectName + "\"");
        assertThat(plane.approve(request.get("id").asText(), LoopPlane.APPROVER).statusCode())
                .isEqualTo(200);
        final Deployment production =
                MockClusterFixture.await("production applied", () -> fixture.deployment("production", objectName));
        assertThat(production
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .as("production runs the image staging runs")
                .isEqualTo(image);
        MockClusterFixture.await(
                "production Synced and Healthy", () -> MockClusterFixture.healthy(plane, "production", deployment));
    }

    @Test
    void loop_registeredCustomServer_pushedByDigest_stagingThenApprovedProduction() throws Exception {
        final String serverCommit = plane.createAndPush(tmp.resolve("work"), "scorer", "--template", "custom-server");
        final JsonNode serverRun = plane.awaitRun(serverCommit, BUILD_RUN);
        assertThat(serverRun.at("/condition/reason").asText())
                .as(plane.log(serverRun))
                .isEqualTo("Succeeded");
        final String modelCommit = plane.createAndPush(
                tmp.resolve("work"), "scored", "--template", "custom-server-model", "--server", "SCORER");
        final JsonNode modelRun = plane.awaitRun(modelCommit, BUILD_RUN);
        assertThat(modelRun.at("/condition/reason").asText())
                .as(plane.log(modelRun))
                .isEqualTo("Succeeded");

        final String image = pushedImage("staging", "scored-default-scorer", "scorer");
        final List<String> args = fixture.deployment("staging", "scored-default-scorer")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getArgs();
        assertThat(String.join(" ", args))
                .as("the model published to the environment's store")
                .containsPattern("--model-uri s3://models/slipway/artifacts/[0-9a-f]{64}");
        approveAndAwaitProduction("scored", "scored-default-scorer", image);
    }

    @Test
    void loop_embeddedModelServer_pushedByDigest_stagingThenApprovedProduction() throws Exception {
        final String commit = plane.createThenPush(
                tmp.resolve("work"), "fraud-score", "--template", "embedded-model", "--author", "Data Scientist");
        final JsonNode run = plane.awaitRun(commit, BUILD_RUN);
        assertThat(run.at("/condition/reason").asText()).as(plane.log(run)).isEqualTo("Succeeded");

        final String image = pushedImage("staging", "fraud-score-default-classifier", "fraud-score");
        approveAndAwaitProduction("fraud-score", "fraud-score-default-classifier", image);
    }
}
