package dev.slipway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ModelStorage}. */
class ModelStorageTest {

    @TempDir
    Path tmp;

    @Test
    void fetch_fileUriAndPlainPath_resolveInPlace() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("iris"));
        ModelStorage storage = new ModelStorage(tmp.resolve("cache"), Map.of());
        assertThat(storage.fetch(dir.toString())).isEqualTo(dir);
        assertThat(storage.fetch(dir.toUri().toString())).isEqualTo(dir);
        assertThat(storage.fetch("file:" + dir)).isEqualTo(dir);
    }

    @Test
    void fetch_missing_namesUriAndPath() {
        ModelStorage storage = new ModelStorage(tmp, Map.of());
        assertThatThrownBy(() -> storage.fetch("file:///nope/model"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("file:///nope/model")
                .hasMessageContaining("does not exist");
    }

    @Test
    void fetch_unknownScheme_isRefused() {
        ModelStorage storage = new ModelStorage(tmp, Map.of());
        assertThatThrownBy(() -> storage.fetch("ftp://host/model")).hasMessageContaining("unsupported scheme 'ftp'");
        assertThatThrownBy(() -> storage.fetch("  ")).hasMessageContaining("empty");
    }
}
