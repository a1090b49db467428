package dev.slipway.storage;

import static dev.slipway.storage.FetchFailures.assertFetchFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link S3Storage}, through {@link ModelStorage}, against a real in-process S3 server. */
class S3StorageTest {

    private static LocalS3 s3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        s3 = new LocalS3();
        s3.createBucket("models");
        s3.put("models", "iris/MLmodel", "flavors: {}".getBytes(StandardCharsets.UTF_8));
        s3.put("models", "iris/model/model.json", "{}".getBytes(StandardCharsets.UTF_8));
        s3.put("models", "iris2/other.txt", "not part of iris".getBytes(StandardCharsets.UTF_8));
        s3.put("models", "single/model.onnx", "ONNX".getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    private ModelStorage storage(Map<String, String> env) {
        return new ModelStorage(
                tmp.resolve("cache"),
                env,
                StorageOptions.DEFAULTS
                        .withConnectTimeout(Duration.ofSeconds(2))
                        .withReadTimeout(Duration.ofSeconds(5)));
    }

    @Test
    void fetch_prefix_copiesEverythingBelowItOnly() throws Exception {
        try (ModelStorage storage = storage(s3.environment())) {
            Path dir = storage.fetch("s3://models/iris");
            assertThat(dir.resolve("MLmodel")).hasContent("flavors: {}");
            assertThat(dir.resolve("model/model.json")).hasContent("{}");
            assertThat(dir.resolve("other.txt")).doesNotExist();
            assertThat(dir.getParent().getParent())
                    .isEqualTo(tmp.resolve("cache").toAbsolutePath().normalize());
        }
    }

    @Test
    void fetch_singleObject_keptUnderItsFileName() throws Exception {
        try (ModelStorage storage = storage(s3.environment())) {
            Path dir = storage.fetch("s3://models/single/model.onnx");
            assertThat(dir.resolve("model.onnx")).hasContent("ONNX");
        }
    }

    @Test
    void fetch_secondTimeUnchanged_listsButDownloadsNothing() throws Exception {
        try (ModelStorage storage = storage(s3.environment())) {
            Path first = storage.fetch("s3://models/iris/");
            int downloads = s3.downloads.get();
            int listings = s3.listings.get();
            Path second = storage.fetch("s3://models/iris/");
            assertThat(second).isEqualTo(first);
            assertThat(s3.downloads.get()).isEqualTo(downloads);
            assertThat(s3.listings.get()).isEqualTo(listings + 1);
        }
    }

    @Test
    void fetch_afterObjectChanged_downloadsTheNewVersion() throws Exception {
        s3.put("models", "changing/model.json", "v1".getBytes(StandardCharsets.UTF_8));
        try (ModelStorage storage = storage(s3.environment())) {
            Path first = storage.fetch("s3://models/changing");
            assertThat(first.resolve("model.json")).hasContent("v1");
            s3.put("models", "changing/model.json", "v2".getBytes(StandardCharsets.UTF_8));
            Path second = storage.fetch("s3://models/changing");
            assertThat(second).isNotEqualTo(first);
            assertThat(second.resolve("model.json")).hasContent("v2");
        }
    }

    @Test
    void fetch_archiveObject_isUnpacked() throws Exception {
        s3.put(
                "models",
                "packed/model.tar.gz",
                TestArchives.tarGz().file("model.onnx", "X").build());
        try (ModelStorage storage = storage(s3.environment())) {
            assertThat(storage.fetch("s3://models/packed/model.tar.gz").resolve("model.onnx"))
                    .hasContent("X");
        }
    }

    @Test
    void fetch_missingPrefix_namesUriAndBucket() {
        try (ModelStorage storage = storage(s3.environment())) {
            assertFetchFails(
                    storage,
                    "s3://models/nothing-here",
                    StorageException.Reason.NOT_FOUND,
                    "s3://models/nothing-here",
                    "no object found in bucket 'models'");
        }
    }

    @Test
    void fetch_missingBucket_isNotFound() {
        try (ModelStorage storage = storage(s3.environment())) {
            assertFetchFails(
                    storage,
                    "s3://no-such-bucket/iris",
                    StorageException.Reason.NOT_FOUND,
                    "s3://no-such-bucket/iris",
                    "not found");
        }
    }

    @Test
    void fetch_wrongSecret_isDenied() {
        Map<String, String> env = new HashMap<>(s3.environment());
        env.put("AWS_SECRET_ACCESS_KEY", "wrong");
        try (ModelStorage storage = storage(env)) {
            assertFetchFails(storage, "s3://models/iris", StorageException.Reason.DENIED, "s3://models/iris", "denied");
        }
    }

    @Test
    void fetch_unreachableEndpoint_saysUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(s3.environment());
        env.put("S3_ENDPOINT", "127.0.0.1:" + port);
        env.put("S3_USE_HTTPS", "0");
        try (ModelStorage storage = storage(env)) {
            assertFetchFails(
                    storage,
                    "s3://models/iris",
                    StorageException.Reason.UNREACHABLE,
                    "s3://models/iris",
                    "unreachable");
        }
    }

    @Test
    void fetch_overFileLimit_isRefusedBeforeDownloading() throws Exception {
        int before = s3.downloads.get();
        try (ModelStorage storage =
                new ModelStorage(tmp.resolve("c"), s3.environment(), StorageOptions.DEFAULTS.withMaxFiles(1))) {
            assertThatThrownBy(() -> storage.fetch("s3://models/iris")).hasMessageContaining("too many files");
        }
        assertThat(s3.downloads.get()).isEqualTo(before);
    }
}
