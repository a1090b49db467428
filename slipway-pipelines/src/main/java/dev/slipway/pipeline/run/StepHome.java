package dev.slipway.pipeline.run;

import dev.slipway.pipeline.exec.StepUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A run's private folder: {@code RUN/workspace} (the checkout) and {@code RUN/home} (the steps' HOME, with
 * {@code tmp/}), mode 0700 and, when steps run as another OS user, owned by that user. The Maven cache is
 * shared so builds stay offline-capable: {@code home/.m2} links to the runner's own {@code ~/.m2} when steps
 * run as the same user (who can read it anyway), else to a cache of the step user beside the run folders.
 */
final class StepHome {

    private StepHome() {}

    /**
     * The step user's Maven cache, shared by every control plane whose steps run as that user (one download per
     * machine, not per data folder): {@code TMP/slipway-m2-USER}, owned by the step user, 0700; null (no shared cache)
     * when that path is a link or belongs to someone else.
     */
    private static Path stepUserCache(Path runDir, StepUser user) throws IOException {
        final Path tmp = runDir.getParent().getParent();
        final Path m2 = tmp.resolve("slipway-m2-" + user.name());
        if (!Files.exists(m2, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(m2);
            user.own(m2);
            Files.setPosixFilePermissions(m2, PosixFilePermissions.fromString("rwx------"));
        }
        if (Files.isSymbolicLink(m2)
                || !Integer.valueOf(user.uid())
                        .equals(Files.getAttribute(m2, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS))) {
            return null;
        }
        return m2;
    }

    /** Makes {@code runDir/home} and returns it; {@code runnerHome} is the runner's HOME (or null). */
    static Path prepare(Path runDir, String runnerHome, StepUser user) {
        Path home = runDir.resolve("home");
        try {
            Files.createDirectories(home.resolve("tmp"));
            Path m2;
            if (user == null) {
                m2 = runnerHome == null ? null : Path.of(runnerHome, ".m2");
            } else {
                m2 = stepUserCache(runDir, user);
            }
            if (m2 != null && Files.isDirectory(m2)) {
                Files.createSymbolicLink(home.resolve(".m2"), m2);
            }
            if (user != null) {
                user.own(runDir);
            }
            Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwx------"));
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the step HOME in " + runDir, e);
        }
    }
}
