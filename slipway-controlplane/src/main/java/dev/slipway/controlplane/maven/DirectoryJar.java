package dev.slipway.controlplane.maven;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A jar of a class folder, built in memory: the manifest first, then every folder and file in path order, all
 * with one fixed time, so the same classes always give the same bytes (and the same checksums). Links are not
 * followed.
 */
final class DirectoryJar {

    /** The time of every entry: the DOS epoch's first safe day, as reproducible builds use. */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);

    private final Path folder;

    DirectoryJar(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
    }

    /** The jar's bytes. */
    byte[] build() throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            put(zip, "META-INF/", null);
            put(
                    zip,
                    "META-INF/MANIFEST.MF",
                    "Manifest-Version: 1.0\r\nCreated-By: Slipway\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            for (final Path p : entries()) {
                final String name = folder.relativize(p).toString().replace('\\', '/');
                if (name.equals("META-INF") || name.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    put(zip, name + "/", null);
                } else if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    put(zip, name, Files.readAllBytes(p));
                }
            }
        }
        return bytes.toByteArray();
    }

    private List<Path> entries() throws IOException {
        final List<Path> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(folder)) {
            all.filter(p -> !p.equals(folder)).forEach(out::add);
        }
        // by the jar name, so the order never depends on the file system
        out.sort((a, b) -> folder.relativize(a)
                .toString()
                .replace('\\', '/')
                .compareTo(folder.relativize(b).toString().replace('\\', '/')));
        return out;
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        final ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME); // no time zone: the same bytes everywhere
        zip.putNextEntry(entry);
        if (content != null) {
            zip.write(content);
        }
        zip.closeEntry();
    }
}
