package dev.slipway.pipeline.exec;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh, clean checkout of one commit for one run: {@code git clone --no-local --no-checkout} of the
 * repository (a local folder or any URL git can fetch), then a detached checkout of the commit. Nothing
 * of the source repository's working tree (uncommitted changes, ignored files) is in it. Closing deletes
 * it.
 *
 * @param dir the checkout
 * @param commit the full commit id checked out
 */
public record Workspace(Path dir, String commit) implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);

    /**
     * Checks out {@code revision} (a commit id, branch, tag or {@code HEAD}) of {@code repository} into
     * {@code dir}, which must not exist yet.
     */
    public static Workspace checkout(Git git, String repository, String revision, Path dir) {
        try {
            Files.createDirectories(dir.getParent());
        } catch (IOException e) {
            throw new Git.GitException("cannot create " + dir.getParent() + ": " + e.getMessage());
        }
        git.run(null, "clone", "--quiet", "--no-local", "--no-checkout", "--", repository, dir.toString());
        String commit;
        try {
            commit = git.run(dir, "rev-parse", "--verify", "--quiet", revision + "^{commit}");
        } catch (Git.GitException e) {
            try {
                // a branch of the source is a remote-tracking branch in the clone
                commit = git.run(dir, "rev-parse", "--verify", "--quiet", "origin/" + revision + "^{commit}");
            } catch (Git.GitException e2) {
                delete(dir);
                throw new Git.GitException(
                        "revision '" + revision + "' is not a commit, branch or tag of " + repository);
            }
        }
        git.run(dir, "-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", commit);
        return new Workspace(dir, commit);
    }

    @Override
    public void close() {
        delete(dir);
    }

    /** Deletes a folder tree (best effort; read-only files included). */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    file.toFile().setWritable(true);
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // best effort: a leftover workspace is harmless
            LOG.debug("best effort: a leftover workspace is harmless", ignored);
        }
    }
}
