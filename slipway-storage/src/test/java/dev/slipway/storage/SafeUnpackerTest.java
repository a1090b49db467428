package dev.slipway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link SafeUnpacker}. */
class SafeUnpackerTest {

    @TempDir
    Path tmp;

    private final SafeUnpacker unpacker = new SafeUnpacker();

    private Path unpack(String name, byte[] archive, StorageOptions options) throws Exception {
        Path file = tmp.resolve(name);
        Files.write(file, archive);
        Path target = Files.createDirectories(tmp.resolve("out"));
        unpacker.unpack(file, target, Budget.of("http://h/" + name, options));
        return target;
    }

    private Path unpack(String name, byte[] archive) throws Exception {
        return unpack(name, archive, StorageOptions.DEFAULTS);
    }

    @Test
    void unpack_tarGzWithFoldersAndInsideLinks_writesAll() throws Exception {
        byte[] tgz = TestArchives.tarGz()
                .file("model/model.onnx", "onnx")
                .file("model/sub/extra.txt", "x")
                .symlink("model/alias.onnx", "model.onnx")
                .hardlink("model/copy.onnx", "model/model.onnx")
                .build();
        Path out = unpack("m.tgz", tgz);
        assertThat(out.resolve("model/model.onnx")).hasContent("onnx");
        assertThat(out.resolve("model/sub/extra.txt")).hasContent("x");
        assertThat(out.resolve("model/alias.onnx")).isSymbolicLink().hasContent("onnx");
        assertThat(out.resolve("model/copy.onnx")).isRegularFile().hasContent("onnx");
    }

    @Test
    void unpack_plainTarAndZip_writeFiles() throws Exception {
        Path out = unpack("m.tar", TestArchives.tar().file("a.txt", "A").build());
        assertThat(out.resolve("a.txt")).hasContent("A");
        Files.delete(out.resolve("a.txt"));
        unpack("m.zip", TestArchives.zip("dir/b.txt", "B", "c.txt", "C"));
        assertThat(out.resolve("dir/b.txt")).hasContent("B");
        assertThat(out.resolve("c.txt")).hasContent("C");
    }

    @Test
    void unpack_dotDotEntry_isRefusedAndNothingEscapes() throws Exception {
        byte[] tgz = TestArchives.tarGz()
                .file("ok.txt", "ok")
                .file("../evil.txt", "evil")
                .build();
        assertThatThrownBy(() -> unpack("m.tar.gz", tgz))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("http://h/m.tar.gz")
                .hasMessageContaining("'../evil.txt'")
                .hasMessageContaining("'..'");
        assertThat(tmp.resolve("evil.txt")).doesNotExist();
    }

    @Test
    void unpack_absoluteEntry_isRefused() throws Exception {
        byte[] tgz = TestArchives.tarGz().file("/tmp/slipway-evil.txt", "evil").build();
        assertThatThrownBy(() -> unpack("m.tgz", tgz)).hasMessageContaining("absolute");
        byte[] zip = TestArchives.zip("/abs.txt", "evil");
        assertThatThrownBy(() -> unpack("m.zip", zip)).hasMessageContaining("absolute");
    }

    @Test
    void unpack_zipDotDot_isRefused() throws Exception {
        byte[] zip = TestArchives.zip("a/../../evil.txt", "evil");
        assertThatThrownBy(() -> unpack("m.zip", zip)).hasMessageContaining("'..'");
        assertThat(tmp.resolve("evil.txt")).doesNotExist();
    }

    @Test
    void unpack_symlinkLeavingFolder_isRefused() throws Exception {
        byte[] up = TestArchives.tarGz().symlink("link", "../../etc").build();
        assertThatThrownBy(() -> unpack("a.tgz", up)).hasMessageContaining("outside the model folder");
        Files.walk(tmp.resolve("out"))
                .sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
        byte[] abs = TestArchives.tarGz().symlink("passwd", "/etc/passwd").build();
        assertThatThrownBy(() -> unpack("b.tgz", abs)).hasMessageContaining("absolute path '/etc/passwd'");
        Files.walk(tmp.resolve("out"))
                .sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
        byte[] zip = TestArchives.zip("link", "->../outside");
        assertThatThrownBy(() -> unpack("c.zip", zip)).hasMessageContaining("outside the model folder");
    }

    @Test
    void unpack_writeThroughLinkToRootParent_isRefused() throws Exception {
        // "up" -> "sub/.." looks inside textually; "up/../x" is refused by its '..'; a link to "." is
        // inside, and writing "self/f" through it stays inside.
        byte[] tgz = TestArchives.tarGz()
                .symlink("self", ".")
                .file("self/f.txt", "f")
                .build();
        Path out = unpack("a.tgz", tgz);
        assertThat(out.resolve("f.txt")).hasContent("f");
    }

    @Test
    void unpack_hardlinkOutside_isRefused() throws Exception {
        byte[] tgz = TestArchives.tarGz().hardlink("h", "../../etc/passwd").build();
        assertThatThrownBy(() -> unpack("a.tgz", tgz)).hasMessageContaining("'..'");
    }

    @Test
    void unpack_overByteLimit_isRefusedNamingTheLimit() throws Exception {
        byte[] tgz = TestArchives.tarGz().file("big.bin", new byte[10_000]).build();
        assertThatThrownBy(() -> unpack("a.tgz", tgz, StorageOptions.DEFAULTS.withMaxBytes(1000)))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("too large")
                .hasMessageContaining("limit of 1000 bytes");
    }

    @Test
    void unpack_overFileLimit_isRefused() throws Exception {
        byte[] tgz = TestArchives.tarGz()
                .file("a", "1")
                .file("b", "2")
                .file("c", "3")
                .build();
        assertThatThrownBy(() -> unpack("a.tgz", tgz, StorageOptions.DEFAULTS.withMaxFiles(2)))
                .hasMessageContaining("too many files");
    }

    @Test
    void unpack_corruptArchive_failsClearly() throws Exception {
        assertThatThrownBy(() -> unpack("a.tgz", new byte[] {1, 2, 3, 4}))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("cannot unpack a.tgz");
    }

    @ParameterizedTest
    @CsvSource({"m.tar.gz, true", "m.TGZ, true", "m.zip, true", "m.tar, true", "model.onnx, false"})
    void isArchive_knowsTheExtensions(String name, boolean archive) {
        assertThat(SafeUnpacker.isArchive(name)).isEqualTo(archive);
    }
}
