package dev.slipway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link AtomicFiles}. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void write_missingFolder_createsFolderAndFile() throws IOException {
        final Path target = dir.resolve("a/b/state.json");
        AtomicFiles.write(target, "{}".getBytes());
        assertThat(target).hasContent("{}");
    }

    @Test
    void write_existingFile_replacesWholeContentAndLeavesNoTemporaryFile() throws IOException {
        final Path target = dir.resolve("state.json");
        Files.writeString(target, "old content that is longer than the new one");
        AtomicFiles.writeString(target, "new");
        assertThat(target).hasContent("new");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void write_contentFails_keepsOldFileAndRemovesTemporary() throws IOException {
        final Path target = dir.resolve("state.json");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(
                        target,
                        out -> {
                            out.write("half".getBytes());
                            throw new IOException("disk full");
                        },
                        null))
                .hasMessage("disk full");
        assertThat(target).hasContent("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void write_privatePermissions_fileIsOwnerOnly() throws IOException {
        Assumptions.assumeTrue(
                FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        final Path target = dir.resolve("tokens.json");
        AtomicFiles.write(target, "secret".getBytes(), AtomicFiles.PRIVATE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo("rw-------");
    }

    @Test
    void move_folder_renamesWholeFolder() throws IOException {
        final Path staging = Files.createDirectory(dir.resolve("staging"));
        Files.writeString(staging.resolve("model.bin"), "weights");
        final Path finalDir = dir.resolve("v-1");
        AtomicFiles.move(staging, finalDir);
        assertThat(finalDir.resolve("model.bin")).hasContent("weights");
        assertThat(staging).doesNotExist();
    }

    @Test
    void fsyncDirectory_missingFolder_doesNotThrow() {
        AtomicFiles.fsyncDirectory(dir.resolve("missing"));
    }
}
