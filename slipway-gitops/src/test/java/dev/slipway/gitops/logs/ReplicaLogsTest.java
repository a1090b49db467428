package dev.slipway.gitops.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link ReplicaLogs}. */
class ReplicaLogsTest {

    @TempDir
    Path data;

    private ReplicaLogs logs;

    @BeforeEach
    void files() throws Exception {
        final Path iris = Files.createDirectories(data.resolve("logs/default/iris"));
        Files.writeString(
                iris.resolve("main-classifier-0.log"),
                "--- default/iris/main/classifier#0 start #1 at " + "2026-12-05T10:00:00Z (revision r)\nzero\n");
        Files.writeString(
                iris.resolve("main-classifier-2.log"),
                "--- default/iris/main/classifier#2 start #1 at " + "2026-12-05T10:00:01Z (revision r)\ntwo\n");
        Files.writeString(iris.resolve("main-classifier-0.hs_err_pid77.log"), "crash report\n");
        Files.writeString(iris.resolve("main-classifier-0.args"), "-cp x\n");
        Files.createDirectories(data.resolve("logs/other/secret"));
        Files.writeString(data.resolve("logs/other/secret/main-m-0.log"), "other namespace\n");
        Files.createDirectories(data.resolve("auth"));
        Files.writeString(data.resolve("auth/tokens.json"), "[]");
        Files.createSymbolicLink(iris.resolve("main-evil-9.log"), data.resolve("auth/tokens.json"));
    }

    @Test
    void sources_oneFilePerReplica_prefixedByNodeAndReplica_noCrashReportsOrLinks() {
        assertThat(logs().sources("default", "iris", null, null))
                .extracting(LogTail.Source::prefix)
                .containsExactly("[classifier/replica-0]", "[classifier/replica-2]");
    }

    @Test
    void sources_filteredByNodeAndReplica() {
        assertThat(logs().sources("default", "iris", "classifier", "2"))
                .extracting(s -> s.file().getFileName().toString())
                .containsExactly("main-classifier-2.log");
        assertThat(logs().sources("default", "iris", "router", null)).isEmpty();
    }

    @Test
    void sources_severalPredictors_namedInThePrefix() throws Exception {
        Files.writeString(
                data.resolve("logs/default/iris/canary-classifier-3.log"),
                "--- default/iris/canary/classifier#3 start #1 at 2026-12-05T10:00:00Z (revision r)\n");
        assertThat(logs().sources("default", "iris", null, "3"))
                .extracting(LogTail.Source::prefix)
                .containsExactly("[canary/classifier/replica-3]");
    }

    @Test
    void replicas_withoutHeader_fallBackToTheFileName() throws Exception {
        Files.writeString(data.resolve("logs/default/iris/main-classifier-5.log"), "no header\n");
        assertThat(logs().replicas("default", "iris"))
                .extracting(ReplicaLogs.Replica::node)
                .contains("main-classifier");
    }

    /** The attacker names a deployment so as to reach another file: refused before any path is built. */
    @ParameterizedTest
    @CsvSource({
        "default, ..",
        "default, ../other",
        "..%2fauth, x",
        "default, a/b",
        "Default, iris",
        "default, -iris",
        "'', iris",
        "default, iris/../../auth"
    })
    void folder_notDnsLabels_refused(String namespace, String name) {
        assertThatThrownBy(() -> logs().sources(namespace, name, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DNS label");
    }

    @Test
    void exists_onlyForADeploymentsOwnFolder() {
        assertThat(logs().exists("default", "iris")).isTrue();
        assertThat(logs().exists("default", "secret")).isFalse();
        assertThat(logs().sources("default", "secret", null, null)).isEmpty();
    }

    private ReplicaLogs logs() {
        if (logs == null) {
            logs = new ReplicaLogs(data);
        }
        return logs;
    }
}
