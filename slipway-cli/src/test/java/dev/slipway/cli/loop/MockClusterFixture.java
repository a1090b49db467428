package dev.slipway.cli.loop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.kubernetes.target.MockCluster;
import dev.slipway.kubernetes.target.StatusSimulator;
import dev.slipway.pipeline.exec.Git;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the loop tests on {@code kind: kubernetes} environments share: a Kubernetes API <em>mock</em> (fabric8's
 * kubernetes-server-mock in CRUD mode, reached through a kubeconfig context {@code mock}) whose controllers a
 * {@link StatusSimulator} plays, a real S3 server (s3proxy, bucket {@code models}) for published models, and the
 * environment {@code slipway up} needs to reach both. {@link #close} stops all of it.
 */
final class MockClusterFixture implements AutoCloseable {

    static final String KEY = "loop-key";
    static final String SECRET = "loop-secret";

    final MockCluster cluster;
    final KubernetesClient client;
    final StatusSimulator simulator;
    final S3Proxy s3;
    final S3Client s3Client;
    final Map<String, String> env;

    private MockClusterFixture(
            MockCluster cluster,
            KubernetesClient client,
            StatusSimulator simulator,
            S3Proxy s3,
            S3Client s3Client,
            Map<String, String> env) {
        this.cluster = cluster;
        this.client = client;
        this.simulator = simulator;
        this.s3 = s3;
        this.s3Client = s3Client;
        this.env = env;
    }

    /** Starts the mock, the simulator and s3proxy; {@code extraEnv} is added to {@code slipway up}'s environment. */
    static MockClusterFixture start(Path tmp, Map<String, String> extraEnv) throws Exception {
        final MockCluster cluster = new MockCluster();
        final KubernetesClient client = cluster.client();
        final StatusSimulator simulator = new StatusSimulator(client).start(200);
        final S3Proxy s3 = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, SECRET)
                .build();
        s3.start();
        while (!s3.getState().equals("STARTED")) {
            Thread.sleep(20); // s3proxy starts its Jetty asynchronously
        }
        final S3Client s3Client = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + s3.getPort()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                .build();
        s3Client.createBucket(b -> b.bucket("models"));
        final Map<String, String> env = new HashMap<>(Map.of(
                "KUBECONFIG",
                cluster.kubeconfig(tmp, "mock").toString(),
                "S3_ENDPOINT",
                "http://127.0.0.1:" + s3.getPort(),
                "AWS_ACCESS_KEY_ID",
                KEY,
                "AWS_SECRET_ACCESS_KEY",
                SECRET,
                "AWS_REGION",
                "us-east-1"));
        env.putAll(extraEnv);
        return new MockClusterFixture(cluster, client, simulator, s3, s3Client, Map.copyOf(env));
    }

    /** A {@link LoopPlane.Prepare} that commits {@code environments} as the GitOps repository's environments.yaml. */
    static LoopPlane.Prepare environments(Path tmp, String environments) {
        return gitops -> {
            final Git git = new Git();
            final Path work = tmp.resolve("gitops-work");
            git.run(tmp, "clone", "--quiet", gitops.toString(), work.toString());
            Files.writeString(work.resolve("environments.yaml"), environments);
            git.run(
                    work,
                    "-c",
                    "user.name=Platform",
                    "-c",
                    "user.email=platform@example.com",
                    "commit",
                    "--quiet",
                    "-am",
                    "environments on a cluster");
            git.run(work, "push", "--quiet", "origin", "main");
        };
    }

    /** The value {@code probe} gives once it is non-null and not false, polling for up to 90 s. */
    static <T> T await(String what, Callable<T> probe) throws Exception {
        return dev.slipway.testing.Poll.until(what, Duration.ofSeconds(90), probe, () -> "");
    }

    Deployment deployment(String ns, String name) {
        return client.apps().deployments().inNamespace(ns).withName(name).get();
    }

    static boolean healthy(LoopPlane plane, String env, String app) throws Exception {
        for (final JsonNode a : plane.get("/api/v1/environments/" + env).path("applications")) {
            if (a.path("name").asText().equals(app)) {
                return a.path("sync").asText().equalsIgnoreCase("synced")
                        && a.path("health").asText().equalsIgnoreCase("healthy");
            }
        }
        return false;
    }

    @Override
    public void close() throws Exception {
        s3Client.close();
        s3.stop();
        simulator.close();
        client.close();
        cluster.close();
    }
}
