package dev.slipway.storage;

import static dev.slipway.storage.FetchFailures.assertFetchFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link GcsStorage} and {@link GcsCredentials}, against a local Cloud Storage JSON API. */
class GcsStorageTest {

    @TempDir
    Path tmp;

    private KeyPair keys;
    private FakeGcs gcs;

    @BeforeEach
    void start() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        keys = gen.generateKeyPair();
        gcs = new FakeGcs(keys.getPublic(), 2);
        byte[] a = "flavors: {}".getBytes(StandardCharsets.UTF_8);
        gcs.put("public-models", "iris/MLmodel", a, true);
        gcs.put("public-models", "iris/model/model.json", "{}".getBytes(StandardCharsets.UTF_8), true);
        gcs.put("public-models", "iris/model/extra.bin", new byte[] {1, 2, 3}, true);
        gcs.put("public-models", "iris/model/weights.bin", new byte[] {4, 5}, true);
        gcs.put("public-models", "iris-other/x", new byte[] {9}, true);
        gcs.put("public-models", "one/model.bst", new byte[] {7, 7}, true);
        gcs.put("private-models", "iris/model.onnx", "ONNX".getBytes(StandardCharsets.UTF_8), false);
    }

    @AfterEach
    void stop() {
        gcs.close();
    }

    private Path keyFile() throws Exception {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        var key = new ObjectMapper()
                .createObjectNode()
                .put("type", "service_account")
                .put("project_id", "test")
                .put("private_key_id", "k1")
                .put("private_key", pem)
                .put("client_email", "slipway@test.iam.gserviceaccount.com")
                .put("token_uri", gcs.server.url("/token"));
        Path file = tmp.resolve("key.json");
        Files.writeString(file, key.toString());
        return file;
    }

    @Test
    void fetch_publicBucketAcrossPages_copiesThePrefixAnonymously() throws Exception {
        try (ModelStorage storage =
                new ModelStorage(tmp.resolve("cache"), Map.of("STORAGE_EMULATOR_HOST", gcs.host()))) {
            Path dir = storage.fetch("gs://public-models/iris");
            assertThat(dir.resolve("MLmodel")).hasContent("flavors: {}");
            assertThat(dir.resolve("model/model.json")).hasContent("{}");
            assertThat(dir.resolve("model/extra.bin")).hasBinaryContent(new byte[] {1, 2, 3});
            assertThat(dir.resolve("model/weights.bin")).hasBinaryContent(new byte[] {4, 5});
            assertThat(dir.resolve("x")).doesNotExist();
            assertThat(gcs.tokens.get()).isZero();
        }
    }

    @Test
    void fetch_singleObject_keptUnderItsName() throws Exception {
        try (ModelStorage storage =
                new ModelStorage(tmp.resolve("cache"), Map.of("STORAGE_EMULATOR_HOST", "http://" + gcs.host()))) {
            assertThat(storage.fetch("gs://public-models/one/model.bst").resolve("model.bst"))
                    .hasBinaryContent(new byte[] {7, 7});
        }
    }

    @Test
    void fetch_secondTimeUnchanged_downloadsNothing() throws Exception {
        try (ModelStorage storage =
                new ModelStorage(tmp.resolve("cache"), Map.of("STORAGE_EMULATOR_HOST", gcs.host()))) {
            Path first = storage.fetch("gs://public-models/iris");
            int media = gcs.media.get();
            assertThat(storage.fetch("gs://public-models/iris")).isEqualTo(first);
            assertThat(gcs.media.get()).isEqualTo(media);
        }
    }

    @Test
    void fetch_privateBucketWithServiceAccount_exchangesASignedJwt() throws Exception {
        Map<String, String> env = Map.of(
                "STORAGE_EMULATOR_HOST",
                gcs.host(),
                "GOOGLE_APPLICATION_CREDENTIALS",
                keyFile().toString());
        try (ModelStorage storage = new ModelStorage(tmp.resolve("cache"), env)) {
            assertThat(storage.fetch("gs://private-models/iris").resolve("model.onnx"))
                    .hasContent("ONNX");
            storage.fetch("gs://private-models/iris");
            assertThat(gcs.tokens.get()).isEqualTo(1); // the token is cached
        }
    }

    @Test
    void fetch_privateBucketAnonymously_isDenied() {
        try (ModelStorage storage =
                new ModelStorage(tmp.resolve("cache"), Map.of("STORAGE_EMULATOR_HOST", gcs.host()))) {
            assertFetchFails(
                    storage,
                    "gs://private-models/iris",
                    StorageException.Reason.DENIED,
                    "gs://private-models/iris",
                    "denied (HTTP 401");
        }
    }

    @Test
    void fetch_keySignedByAnotherKey_isDeniedAtTheTokenEndpoint() throws Exception {
        keyFile();
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        keys = gen.generateKeyPair(); // the server still trusts the first key
        Path other = keyFile();
        Map<String, String> env =
                Map.of("STORAGE_EMULATOR_HOST", gcs.host(), "GOOGLE_APPLICATION_CREDENTIALS", other.toString());
        try (ModelStorage storage = new ModelStorage(tmp.resolve("cache"), env)) {
            assertFetchFails(storage, "gs://private-models/iris", StorageException.Reason.DENIED, "token endpoint");
        }
    }

    @Test
    void fetch_missingBucketOrPrefix_isNotFound() {
        try (ModelStorage storage =
                new ModelStorage(tmp.resolve("cache"), Map.of("STORAGE_EMULATOR_HOST", gcs.host()))) {
            assertThatThrownBy(() -> storage.fetch("gs://nope/iris"))
                    .hasMessageContaining("gs://nope/iris")
                    .hasMessageContaining("not found (HTTP 404)");
            assertThatThrownBy(() -> storage.fetch("gs://public-models/absent"))
                    .hasMessageContaining("no object found in bucket 'public-models' under 'absent'");
        }
    }

    @Test
    void fetch_objectNameWithDotDot_isRefused() {
        gcs.put("public-models", "evil/../../escape.txt", new byte[] {1}, true);
        try (ModelStorage storage =
                new ModelStorage(tmp.resolve("cache"), Map.of("STORAGE_EMULATOR_HOST", gcs.host()))) {
            assertThatThrownBy(() -> storage.fetch("gs://public-models/evil"))
                    .hasMessageContaining("refused entry '../../escape.txt'");
        }
    }

    @Test
    void fetch_badKeyFile_namesTheVariable() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"type\":\"authorized_user\"}");
        Map<String, String> env =
                Map.of("STORAGE_EMULATOR_HOST", gcs.host(), "GOOGLE_APPLICATION_CREDENTIALS", bad.toString());
        try (ModelStorage storage = new ModelStorage(tmp.resolve("cache"), env)) {
            assertThatThrownBy(() -> storage.fetch("gs://private-models/iris"))
                    .hasMessageContaining("GOOGLE_APPLICATION_CREDENTIALS")
                    .hasMessageContaining("only service_account keys are supported");
        }
    }
}
