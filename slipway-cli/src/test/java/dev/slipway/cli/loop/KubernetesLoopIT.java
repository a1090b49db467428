package dev.slipway.cli.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.kubernetes.target.MockCluster;
import dev.slipway.kubernetes.target.StatusSimulator;
import dev.slipway.pipeline.exec.Git;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The loop against {@code kind: kubernetes} environments: {@code slipway up} (the packaged jar) syncs staging and
 * production into a Kubernetes API <em>mock</em> (fabric8's kubernetes-server-mock in CRUD mode, reached through a
 * kubeconfig context) whose controllers a {@link StatusSimulator} plays; pinned models are published to a real S3
 * server (s3proxy). Push → pipeline → staging objects → approved production objects, health from object status; a
 * managed object deleted by hand comes back; a foreign object is untouched.
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
  static final String KEY = "loop-key";
  static final String SECRET = "loop-secret";

  @TempDir static Path tmp;
  static MockCluster cluster;
  static KubernetesClient client;
  static StatusSimulator simulator;
  static S3Proxy s3;
  static S3Client s3Client;
  static LoopPlane plane;

  @BeforeAll
  static void start() throws Exception {
    cluster = new MockCluster();
    client = cluster.client();
    simulator = new StatusSimulator(client).start(200);
    s3 = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, SECRET).build();
    s3.start();
    while (!s3.getState().equals("STARTED")) {
      Thread.sleep(20); // s3proxy starts its Jetty asynchronously
    }
    s3Client = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + s3.getPort()))
        .forcePathStyle(true).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET))).build();
    s3Client.createBucket(b -> b.bucket("models"));
    final Path kubeconfig = cluster.kubeconfig(tmp, "mock");
    final Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString(),
        "S3_ENDPOINT", "http://127.0.0.1:" + s3.getPort(), "AWS_ACCESS_KEY_ID", KEY, "AWS_SECRET_ACCESS_KEY", SECRET,
        "AWS_REGION", "us-east-1");
    plane = LoopPlane.start(tmp, false, env, gitops -> {
      final Git git = new Git();
      final Path work = tmp.resolve("gitops-work");
      git.run(tmp, "clone", "--quiet", gitops.toString(), work.toString());
      Files.writeString(work.resolve("environments.yaml"), ENVIRONMENTS);
      git.run(work, "-c", "user.name=Platform", "-c", "user.email=platform@example.com", "commit", "--quiet", "-am",
          "staging and production on a cluster");
      git.run(work, "push", "--quiet", "origin", "main");
    });
  }

  @AfterAll
  static void stop() throws Exception {
    if (plane != null) {
      plane.close();
    }
    if (s3Client != null) {
      s3Client.close();
    }
    if (s3 != null) {
      s3.stop();
    }
    if (simulator != null) {
      simulator.close();
    }
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  static <T> T await(String what, Callable<T> probe) throws Exception {
    final long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        final T value = probe.call();
        if (value != null && !Boolean.FALSE.equals(value)) {
          return value;
        }
      } catch (Exception | AssertionError e) {
        last = e instanceof Exception ex ? ex : new Exception(e);
      }
      Thread.sleep(250); // the sync controller works in the background; bounded by the deadline
    }
    throw new AssertionError(what + " within 90 s", last);
  }

  static Deployment deployment(String ns, String name) {
    return client.apps().deployments().inNamespace(ns).withName(name).get();
  }

  static boolean healthy(String env, String app) throws Exception {
    for (final JsonNode a : plane.get("/api/v1/environments/" + env).path("applications")) {
      if (a.path("name").asText().equals(app)) {
        return a.path("sync").asText().equalsIgnoreCase("synced") && a.path("health").asText()
            .equalsIgnoreCase("healthy");
      }
    }
    return false;
  }

  @Test
  void loop_prepackagedServer_stagingThenApprovedProduction_onTheCluster() throws Exception {
    client.resource(new ConfigMapBuilder().withNewMetadata().withName("theirs").withNamespace("production")
        .endMetadata().addToData("owner", "another team").build()).create();
    final String commit = plane.push(NewsRepositoryFiles.write(tmp.resolve("work/news"), "news"), "news");
    final JsonNode run = plane.awaitRun(commit, Duration.ofMinutes(3));
    assertThat(run.at("/condition/reason").asText()).as(plane.log(run)).isEqualTo("Succeeded");

    final Deployment staging = await("staging's model server applied", () -> deployment("staging",
        "news-default-classifier"));
    final List<String> args = staging.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    assertThat(args).contains("--implementation", "SKLEARN_SERVER");
    final String modelUri = args.get(args.indexOf("--model-uri") + 1);
    assertThat(modelUri).matches("s3://models/slipway/artifacts/[0-9a-f]{64}");
    assertThat(s3Client.listObjectsV2(b -> b.bucket("models").prefix(modelUri.substring("s3://models/".length())))
        .contents()).as("the pinned model published to the environment's store").isNotEmpty();
    assertThat(deployment("staging", "slipway-gateway")).as("the environment's gateway").isNotNull();
    assertThat(client.configMaps().inNamespace("staging").withName("slipway-route-news").get()).isNotNull();
    await("staging Synced and Healthy", () -> healthy("staging", "news"));
    assertThat(deployment("production", "news-default-classifier")).as("not before approval").isNull();

    final JsonNode request = plane.openProductionRequest("news");
    assertThat(plane.approve(request.get("id").asText(), LoopPlane.APPROVER).statusCode()).isEqualTo(200);
    await("production's model server applied", () -> deployment("production", "news-default-classifier"));
    await("production Synced and Healthy", () -> healthy("production", "news"));

    client.apps().deployments().inNamespace("production").withName("news-default-classifier").delete();
    plane.post(plane.api() + "/api/v1/gitops/refresh", "{}");
    await("a managed object deleted by hand recreated", () -> deployment("production", "news-default-classifier"));
    assertThat(client.configMaps().inNamespace("production").withName("theirs").get().getData())
        .containsEntry("owner", "another team");
  }
}
