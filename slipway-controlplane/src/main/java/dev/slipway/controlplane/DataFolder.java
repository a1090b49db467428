package dev.slipway.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The control plane's data folder is private (0700: tokens, credentials, GitOps mirrors, runs); pipeline
 * steps that run as another OS user work in a folder outside it.
 */
final class DataFolder {

    private DataFolder() {}

    /** Creates {@code data} if needed and makes it 0700 (where the file system has POSIX modes). */
    static void makePrivate(Path data) {
        try {
            Files.createDirectories(data);
            if (Files.getFileStore(data).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the data folder " + data + " private", e);
        }
    }

    /**
     * Where runs' workspaces and HOMEs go: {@code DATA/workspaces} when steps run as this user; else
     * {@code TMP/slipway-steps-UID-HASH} (0711, owned by this user; refused when it is a link or someone else's),
     * which the step user can traverse but not list.
     */
    static Path stepsRoot(Path data, boolean otherUser) {
        if (!otherUser) {
            return data.resolve("workspaces");
        }
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            Path root = tmp.resolve("slipway-steps-" + uid + "-"
                    + sha256(data.toAbsolutePath().normalize().toString()).substring(0, 12));
            if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.isSymbolicLink(root)
                        || !Files.getAttribute(root, "unix:uid", LinkOption.NOFOLLOW_LINKS)
                                .equals(uid)) {
                    throw new IllegalStateException(root + " exists and is not this user's own folder: remove it");
                }
            } else {
                Files.createDirectory(root);
            }
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the steps folder for " + data, e);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
