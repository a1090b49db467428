package dev.slipway.controlplane.deploy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests for {@link ModelRoots} (issue 13, finding 15): the API's check compares real paths, as the replica's own check
 * does, so a link inside an allowed root that points out of it, and {@code ..} spellings, are outside.
 */
class ModelRootsTest {

    @TempDir
    Path tmp;

    private Path root;

    private Path setUp() throws Exception {
        root = Files.createDirectories(tmp.resolve("gitops/artifacts/abc"));
        Files.writeString(root.resolve("model.joblib"), "MODEL");
        Files.writeString(tmp.resolve("secret.txt"), "TOP-SECRET-BYTES");
        Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(tmp.resolve("outside/model.joblib"), "OTHER-TEAM");
        Files.createSymbolicLink(root.resolve("link-to-secret"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("link-dir"), tmp.resolve("outside"));
        return tmp.resolve("gitops");
    }

    private static Manifest manifest(String uri) {
        return new SpecParser().parse("""
                {"apiVersion": "machinelearning.seldon.io/v1", "kind": "SeldonDeployment", "metadata": {"name": "iris"},
                 "spec": {"predictors": [{"name": "p", "graph": {"name": "m", "type": "MODEL",
                 "implementation": "SKLEARN_SERVER", "modelUri": "%s"}}]}}""".formatted(uri), "test.json", Path.of("."));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ROOT/artifacts/abc/link-to-secret",
                "file://ROOT/artifacts/abc/link-dir/model.joblib",
                "ROOT/artifacts/abc/link-dir",
                "ROOT/artifacts/abc/link-dir/",
                "file:ROOT/artifacts/abc/link-dir/model.joblib",
                "ROOT/../secret.txt",
                "ROOT/./../outside",
                "file://ROOT/%2e%2e/%2e%2e/secret.txt",
                "file://ROOT/artifacts/abc/%2E%2E/%2E%2E/../secret.txt",
                "ROOT/../no-such-file",
                "file:///etc/passwd",
                "/etc/passwd"
            })
    void localUriOutsideTheRoots_isRefused_namingOnlyTheUri(String spelling) throws Exception {
        final Path gitops = setUp();
        final String uri = spelling.replace("ROOT", gitops.toString());
        assertThatThrownBy(() -> new ModelRoots(List.of(gitops)).check(manifest(uri)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + uri + "'")
                .hasMessageContaining("outside what this control plane serves models from")
                .hasMessageNotContaining("TOP-SECRET")
                .hasMessageNotContaining(tmp.resolve("secret.txt").toString());
    }

    @Test
    void localUriInsideTheRoots_passes_alsoWhenTheRootIsGivenThroughALink() throws Exception {
        final Path gitops = setUp();
        final Path linkToRoot = Files.createSymbolicLink(tmp.resolve("gitops-link"), gitops);
        for (Path allowed : List.of(gitops, linkToRoot)) {
            final ModelRoots roots = new ModelRoots(List.of(allowed));
            assertThatCode(() ->
                            roots.check(manifest(root.resolve("model.joblib").toString())))
                    .doesNotThrowAnyException();
            assertThatCode(() -> roots.check(manifest(root.toUri().toString()))).doesNotThrowAnyException();
            assertThatCode(() -> roots.check(
                            manifest(linkToRoot.resolve("artifacts/abc").toString())))
                    .doesNotThrowAnyException();
            assertThatCode(() -> roots.check(manifest("s3://bucket/model"))).doesNotThrowAnyException();
        }
    }
}
