package dev.slipway.controlplane.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link DirectoryJar}. */
class DirectoryJarTest {

    @TempDir
    Path tmp;

    private Path classes() throws Exception {
        final Path dir = tmp.resolve("classes");
        Files.createDirectories(dir.resolve("dev/slipway/model"));
        Files.createDirectories(dir.resolve("META-INF/services"));
        Files.write(dir.resolve("dev/slipway/model/Model.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
        Files.write(dir.resolve("dev/slipway/model/A.class"), new byte[] {1});
        Files.writeString(dir.resolve("META-INF/services/x.Y"), "x.Z\n");
        Files.writeString(dir.resolve("META-INF/MANIFEST.MF"), "Manifest-Version: 1.0\r\nBogus: yes\r\n\r\n");
        return dir;
    }

    @Test
    void build_manifestFirstThenEveryEntryInNameOrder() throws Exception {
        final List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(new DirectoryJar(classes()).build()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
                assertThat(e.getTimeLocal()).isEqualTo(DirectoryJar.ENTRY_TIME);
                if (e.getName().equals("META-INF/MANIFEST.MF")) {
                    assertThat(new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                            .doesNotContain("Bogus");
                }
            }
        }
        assertThat(names)
                .containsExactly(
                        "META-INF/",
                        "META-INF/MANIFEST.MF",
                        "META-INF/services/",
                        "META-INF/services/x.Y",
                        "dev/",
                        "dev/slipway/",
                        "dev/slipway/model/",
                        "dev/slipway/model/A.class",
                        "dev/slipway/model/Model.class");
    }

    @Test
    void build_sameFilesOtherTimes_sameBytes() throws Exception {
        final Path dir = classes();
        final byte[] first = new DirectoryJar(dir).build();
        Files.setLastModifiedTime(dir.resolve("dev/slipway/model/Model.class"), FileTime.fromMillis(86_400_000L));
        assertThat(new DirectoryJar(dir).build()).isEqualTo(first);
    }
}
