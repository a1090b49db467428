package dev.slipway.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds tar, tar.gz and zip archives in memory, including hostile entries, for tests. */
final class TestArchives {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;
    private final OutputStream gzip;

    private TestArchives(boolean gzipped) throws IOException {
        gzip = gzipped ? new GZIPOutputStream(bytes) : bytes;
        tar = new TarArchiveOutputStream(gzip);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    static TestArchives tarGz() throws IOException {
        return new TestArchives(true);
    }

    static TestArchives tar() throws IOException {
        return new TestArchives(false);
    }

    TestArchives file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    TestArchives file(String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
        return this;
    }

    TestArchives symlink(String name, String target) throws IOException {
        return link(name, TarConstants.LF_SYMLINK, target);
    }

    TestArchives hardlink(String name, String target) throws IOException {
        return link(name, TarConstants.LF_LINK, target);
    }

    private TestArchives link(String name, byte type, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        return this;
    }

    byte[] build() throws IOException {
        tar.finish();
        tar.close();
        return bytes.toByteArray();
    }

    /** A zip of name → content pairs; a value starting with {@code "->"} is a unix symlink to the rest. */
    static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                ZipArchiveEntry e = new ZipArchiveEntry(namesAndContents[i]);
                String content = namesAndContents[i + 1];
                if (content.startsWith("->")) {
                    e.setUnixMode(0120777);
                    content = content.substring(2);
                }
                zip.putArchiveEntry(e);
                zip.write(content.getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }
}
