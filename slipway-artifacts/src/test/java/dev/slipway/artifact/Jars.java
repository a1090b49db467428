package dev.slipway.artifact;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small jars for tests. */
final class Jars {

    private Jars() {}

    /** A jar holding {@code entries} (path → bytes). */
    static Path jar(Path file, Map<String, byte[]> entries) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (final Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    /** A jar with a (fake) class file for {@code className}. */
    static Path withClass(Path file, String className) throws IOException {
        return jar(file, Map.of(className.replace('.', '/') + ".class", new byte[] {(byte) 0xCA, (byte) 0xFE}));
    }
}
