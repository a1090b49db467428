package dev.slipway.kubernetes.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.gitops.env.ClusterTarget;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.SpecParser;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Tests for {@link ClusterPublisher}'s model publishing against a real S3-compatible server (s3proxy, in-process on
 * a loopback port): {@code s3://} with the AWS variables, and {@code gs://} through Cloud Storage's S3-compatible XML
 * API with an HMAC key ({@code GCS_S3_ENDPOINT} pointed at s3proxy, as it would be at storage.googleapis.com).
 */
class ClusterPublisherIT {

    static final String HMAC_ID = "GOOG1EXAMPLEHMACID";
    static final String HMAC_SECRET = "hmac-secret";

    @TempDir
    Path tmp;

    S3Proxy s3;
    S3Client reader;

    @BeforeEach
    void start() throws Exception {
        s3 = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, HMAC_ID, HMAC_SECRET)
                .build();
        s3.start();
        while (!s3.getState().equals("STARTED")) {
            Thread.sleep(20); // s3proxy starts its Jetty asynchronously
        }
        reader = S3Client.builder()
                .endpointOverride(URI.create(endpoint()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(HMAC_ID, HMAC_SECRET)))
                .build();
        reader.createBucket(b -> b.bucket("team-models"));
    }

    @AfterEach
    void stop() throws Exception {
        if (reader != null) {
            reader.close();
        }
        if (s3 != null) {
            s3.stop();
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + s3.getPort();
    }

    static Manifest pinned(Path model) {
        return new SpecParser().parse("""
        {"apiVersion": "machinelearning.seldon.io/v1", "kind": "SeldonDeployment", "metadata": {"name": "iris"},
         "spec": {"predictors": [{"name": "default", "graph": {"name": "classifier",
           "implementation": "SKLEARN_SERVER", "modelUri": "%s"}}]}}
        """.formatted(model.toUri()), "iris.json", null);
    }

    Path model() throws Exception {
        final Path dir = Files.createDirectories(tmp.resolve("artifacts/abc"));
        Files.writeString(dir.resolve("model.joblib"), "model bytes");
        return dir;
    }

    @Test
    void publish_gsArtifacts_uploadsThroughTheXmlApiWithTheHmacKey() throws Exception {
        final ClusterPublisher publisher = new ClusterPublisher(
                new ClusterTarget("native", "", null, "gs://team-models/prod"),
                null,
                "slipway/server:0.1.0",
                Map.of(
                        "GCS_S3_ENDPOINT",
                        endpoint(),
                        "GCS_HMAC_ACCESS_KEY_ID",
                        HMAC_ID,
                        "GCS_HMAC_SECRET",
                        HMAC_SECRET,
                        "AWS_ACCESS_KEY_ID",
                        "not-for-gcs",
                        "AWS_SECRET_ACCESS_KEY",
                        "not-for-gcs"));

        final Manifest published = publisher.publish(pinned(model()), "production");

        final String uri = published.deployment().predictors().get(0).graph().modelUri();
        assertThat(uri).matches("gs://team-models/prod/artifacts/[0-9a-f]{64}");
        final String key = uri.substring("gs://team-models/".length()) + "/model.joblib";
        assertThat(reader.getObjectAsBytes(b -> b.bucket("team-models").key(key))
                        .asUtf8String())
                .isEqualTo("model bytes");
    }

    @Test
    void publish_gsWithAWrongHmacSecret_failsNamingTheFieldAndTheStore() throws Exception {
        final ClusterPublisher publisher = new ClusterPublisher(
                new ClusterTarget("native", "", null, "gs://team-models/prod"),
                null,
                "slipway/server:0.1.0",
                Map.of("GCS_S3_ENDPOINT", endpoint(), "GCS_HMAC_ACCESS_KEY_ID", HMAC_ID, "GCS_HMAC_SECRET", "wrong"));

        assertThatThrownBy(() -> publisher.publish(pinned(model()), "production"))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("spec.predictors[0].graph.modelUri")
                .hasMessageContaining("gs://team-models/prod");
    }

    @Test
    void publish_s3Artifacts_uploadsWithTheAwsVariables() throws Exception {
        final ClusterPublisher publisher = new ClusterPublisher(
                new ClusterTarget("native", "", null, "s3://team-models/staging"),
                null,
                "slipway/server:0.1.0",
                Map.of("S3_ENDPOINT", endpoint(), "AWS_ACCESS_KEY_ID", HMAC_ID, "AWS_SECRET_ACCESS_KEY", HMAC_SECRET));

        final String uri = publisher
                .publish(pinned(model()), "staging")
                .deployment()
                .predictors()
                .get(0)
                .graph()
                .modelUri();

        assertThat(uri).matches("s3://team-models/staging/artifacts/[0-9a-f]{64}");
    }
}
