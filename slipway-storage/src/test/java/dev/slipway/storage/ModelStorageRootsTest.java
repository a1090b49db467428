package dev.slipway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13, finding 15: a replica the control plane starts loads local models only from its allowed roots, whatever
 * the spelling of the URI ({@code ..}, links, {@code file:///etc/passwd}, percent-encoding), and a refusal names the
 * URI, never the file's contents or whether it exists.
 */
class ModelStorageRootsTest {

    @TempDir
    Path tmp;

    private ModelStorage storage(Path root) {
        return new ModelStorage(tmp.resolve("cache"), Map.of(), StorageOptions.DEFAULTS, List.of(), List.of(root));
    }

    private Path setUp() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("gitops/artifacts/abc"));
        Files.writeString(root.resolve("model.joblib"), "MODEL");
        Files.writeString(tmp.resolve("secret.txt"), "TOP-SECRET-BYTES");
        Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(tmp.resolve("outside/model.joblib"), "OTHER-TEAM");
        Files.createSymbolicLink(root.resolve("link-to-secret"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("link-dir"), tmp.resolve("outside"));
        return tmp.resolve("gitops");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "file:///etc/passwd",
                "/etc/passwd",
                "file:/etc/passwd",
                "FILE:///etc/passwd",
                "file://localhost/etc/passwd",
                "ROOT/../secret.txt",
                "file:ROOT/../secret.txt",
                "file://ROOT/%2e%2e/%2e%2e/secret.txt",
                "file://ROOT/artifacts/abc/%2E%2E/%2E%2E/../secret.txt",
                "ROOT/artifacts/abc/link-to-secret",
                "file://ROOT/artifacts/abc/link-dir/model.joblib",
                "ROOT/artifacts/abc/link-dir",
                "ROOT/../no-such-file",
                "ROOT/./../outside",
                "ROOT/artifacts/abc/link-dir/"
            })
    void localUriOutsideTheRoots_isRefused_namingOnlyTheUri(String spelling) throws Exception {
        Path root = setUp();
        String uri = spelling.replace("ROOT", root.toString());
        try (ModelStorage storage = storage(root)) {
            assertThatThrownBy(() -> storage.fetch(uri))
                    .isInstanceOfSatisfying(
                            StorageException.class,
                            e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.REFUSED))
                    .hasMessageContaining("'" + uri + "'")
                    .hasMessageNotContaining("TOP-SECRET")
                    .hasMessageNotContaining("OTHER-TEAM")
                    .hasMessageNotContaining("does not exist")
                    .hasMessageNotContaining(tmp.resolve("secret.txt").toString())
                    .satisfiesAnyOf(
                            e -> assertThat(e)
                                    .hasMessageContaining("outside the folders this server loads models from"),
                            e -> assertThat(e).hasMessageContaining("is not a valid file URI"));
        }
    }

    @Test
    void localUriInsideTheRoots_loads_andARootGivenThroughALinkCounts() throws Exception {
        Path root = setUp();
        Path linkedRoot = Files.createSymbolicLink(tmp.resolve("linked-root"), root);
        try (ModelStorage storage = storage(linkedRoot)) {
            assertThat(storage.fetch(root.resolve("artifacts/abc").toUri().toString()))
                    .isEqualTo(root.resolve("artifacts/abc").toRealPath());
            assertThat(storage.fetch(linkedRoot + "/artifacts/abc/model.joblib"))
                    .hasContent("MODEL");
            assertThatThrownBy(() -> storage.fetch(root + "/artifacts/none")).hasMessageContaining("does not exist");
        }
    }

    @Test
    void withoutRoots_anyLocalPath_loads() throws Exception {
        setUp();
        try (ModelStorage storage = new ModelStorage(tmp.resolve("cache"), Map.of())) {
            assertThat(storage.fetch(tmp.resolve("outside").toString())).isDirectory();
        }
    }
}
