package dev.slipway.storage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks {@code .tar.gz}/{@code .tgz}/{@code .tar}/{@code .zip} archives into a folder, refusing
 * absolute names, {@code ..} segments, links that leave the folder, device files and archives over the
 * byte or file budget. Every byte written is counted (headers are not trusted).
 */
public final class SafeUnpacker {

    private static final int BUFFER = 64 * 1024;

    /** True when {@code fileName} has an archive extension this unpacker reads. */
    public static boolean isArchive(String fileName) {
        return kind(fileName) != null;
    }

    private static String kind(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
            return "tgz";
        }
        if (n.endsWith(".tar")) {
            return "tar";
        }
        if (n.endsWith(".zip")) {
            return "zip";
        }
        return null;
    }

    /**
     * Unpacks {@code archive} into {@code target} (an existing folder).
     *
     * @throws StorageException naming the URI and the refused entry, or the broken archive
     */
    public void unpack(Path archive, Path target, Budget budget) throws StorageException {
        String kind = kind(archive.getFileName().toString());
        if (kind == null) {
            throw new StorageException(
                    StorageException.Reason.REFUSED,
                    "model URI '" + budget.uri() + "': " + archive.getFileName() + " is not an archive");
        }
        try {
            Path root = target.toRealPath();
            if (kind.equals("zip")) {
                unzip(archive, root, budget);
            } else {
                try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), BUFFER);
                        InputStream in = kind.equals("tgz") ? new GZIPInputStream(raw, BUFFER) : raw) {
                    untar(in, root, budget);
                }
            }
            checkLinks(root, budget.uri());
        } catch (IOException | RuntimeException e) {
            throw new StorageException(
                    StorageException.Reason.REFUSED,
                    "model URI '" + budget.uri() + "': cannot unpack " + archive.getFileName() + ": " + e.getMessage(),
                    e);
        }
    }

    private void untar(InputStream in, Path root, Budget budget) throws IOException, StorageException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            String name = e.getName();
            if (isRootEntry(name)) {
                continue;
            }
            Path dest = SafePaths.resolveInside(root, name, budget.uri());
            if (e.isDirectory()) {
                mkdirs(root, dest, budget.uri(), name);
            } else if (e.isSymbolicLink()) {
                symlink(root, dest, e.getLinkName(), budget, name);
            } else if (e.isLink()) {
                Path source = SafePaths.resolveInside(root, e.getLinkName(), budget.uri());
                if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                    throw SafePaths.refused(
                            budget.uri(),
                            name,
                            "a hard link to '" + e.getLinkName() + "', which is not a file unpacked before it");
                }
                try (InputStream src = Files.newInputStream(source)) {
                    write(root, dest, src, budget, name);
                }
            } else if (e.isFile()) {
                write(root, dest, tar, budget, name);
            } else {
                throw SafePaths.refused(budget.uri(), name, "a device, fifo or other special file");
            }
        }
    }

    private void unzip(Path archive, Path root, Budget budget) throws IOException, StorageException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry e = entries.nextElement();
                String name = e.getName();
                if (isRootEntry(name)) {
                    continue;
                }
                Path dest = SafePaths.resolveInside(root, name, budget.uri());
                if (e.isDirectory()) {
                    mkdirs(root, dest, budget.uri(), name);
                } else if (e.isUnixSymlink()) {
                    String link;
                    try (InputStream in = zip.getInputStream(e)) {
                        link = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                    }
                    symlink(root, dest, link, budget, name);
                } else {
                    try (InputStream in = zip.getInputStream(e)) {
                        write(root, dest, in, budget, name);
                    }
                }
            }
        }
    }

    private static boolean isRootEntry(String name) {
        return name.equals("./") || name.equals(".") || name.isEmpty();
    }

    private static void mkdirs(Path root, Path dir, String uri, String name) throws IOException, StorageException {
        Files.createDirectories(dir);
        if (!dir.toRealPath().startsWith(root)) {
            throw SafePaths.refused(uri, name, "a folder that resolves outside the model folder through a link");
        }
    }

    private static void write(Path root, Path dest, InputStream in, Budget budget, String name)
            throws IOException, StorageException {
        budget.addFile();
        mkdirs(root, dest.getParent(), budget.uri(), name);
        if (Files.isSymbolicLink(dest) || Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
            throw SafePaths.refused(budget.uri(), name, "a file written over an earlier link or folder");
        }
        byte[] buf = new byte[BUFFER];
        try (OutputStream out = Files.newOutputStream(dest)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                budget.addBytes(n);
                out.write(buf, 0, n);
            }
        }
    }

    private static void symlink(Path root, Path dest, String target, Budget budget, String name)
            throws IOException, StorageException {
        budget.addFile();
        String t = target.replace('\\', '/');
        if (t.isEmpty() || t.startsWith("/") || t.matches("^[A-Za-z]:.*")) {
            throw SafePaths.refused(budget.uri(), name, "a link to the absolute path '" + target + "'");
        }
        mkdirs(root, dest.getParent(), budget.uri(), name);
        Path resolved = dest.getParent().resolve(t).normalize();
        if (!resolved.startsWith(root)) {
            throw SafePaths.refused(budget.uri(), name, "a link to '" + target + "', outside the model folder");
        }
        if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            throw SafePaths.refused(budget.uri(), name, "a link over an existing entry");
        }
        Files.createSymbolicLink(dest, dest.getFileSystem().getPath(t));
    }

    /** After unpacking: every link must resolve, really (through other links), inside the folder. */
    private static void checkLinks(Path root, String uri) throws IOException, StorageException {
        StorageException[] failure = new StorageException[1];
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isSymbolicLink()) {
                    String rel = root.relativize(file).toString();
                    try {
                        if (!file.toRealPath().startsWith(root)) {
                            failure[0] = SafePaths.refused(uri, rel, "a link that resolves outside the model folder");
                        }
                    } catch (IOException e) {
                        failure[0] = SafePaths.refused(uri, rel, "a link whose target does not exist");
                    }
                }
                return failure[0] == null ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
