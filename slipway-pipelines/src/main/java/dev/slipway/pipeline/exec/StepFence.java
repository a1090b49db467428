package dev.slipway.pipeline.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a step may see of the file system when it runs as the control plane's own OS user (no root, so no separate
 * step user): Debian's {@code bwrap} (bubblewrap) in an unprivileged user namespace mounts an empty tmpfs over each
 * hidden folder (the data folder: tokens, credentials, GitOps mirrors, other runs; the operator's HOME), then binds
 * back only what the step needs — its own run folder (read-write), the tools on its PATH, the {@code slipway}
 * launcher and its class path (read-only), the shared Maven repository (read-write) — gives it its own PID namespace
 * and {@code /proc} (so no process of the operator, {@code up} included, is visible, nor its environment), and dies
 * with its parent. The step cannot unmount the tmpfs: it has no capability outside the namespace bwrap made.
 *
 * @param bwrap the bubblewrap executable
 * @param hidden folders replaced by an empty tmpfs (none is {@code /})
 * @param readOnly paths bound back read-only (files or folders)
 * @param writable paths bound back read-write
 */
public record StepFence(String bwrap, List<Path> hidden, List<Path> readOnly, List<Path> writable) {

    /** Where Debian installs bubblewrap. */
    public static final String BWRAP = "/usr/bin/bwrap";

    public StepFence {
        hidden = outermost(hidden);
        readOnly = outermost(readOnly);
        writable = outermost(writable);
    }

    /**
     * A fence hiding {@code hidden}, with {@code readOnly} and {@code writable} bound back where they lie under a
     * hidden folder, or null when bubblewrap is missing or cannot make a user namespace here (the caller warns).
     */
    public static StepFence detect(List<Path> hidden, List<Path> readOnly, List<Path> writable) {
        if (!Files.isExecutable(Path.of(BWRAP)) || !works(BWRAP)) {
            return null;
        }
        return new StepFence(BWRAP, hidden, readOnly, writable);
    }

    /**
     * The fence {@code slipway up} puts around steps that run as its own user, or null when this machine has none:
     * hides {@code data} and the operator's HOME ({@code env}'s, else {@code user.home}); binds back read-only the
     * launcher folder, this JVM's class path, the folders on {@code env}'s PATH and {@code JAVA_HOME}, and read-write
     * the shared Maven repository {@code HOME/.m2/repository} (run HOMEs link {@code .m2} there; the operator's
     * {@code settings.xml}, which may hold passwords, stays hidden).
     */
    public static StepFence forOperator(Path data, java.util.Map<String, String> env, Path launcherDir) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        List<Path> hidden = new ArrayList<>(List.of(data));
        List<Path> writable = new ArrayList<>();
        if (home != null && !home.isBlank()) {
            hidden.add(Path.of(home));
            writable.add(Path.of(home, ".m2", "repository"));
        }
        List<Path> readOnly = new ArrayList<>(List.of(launcherDir));
        for (Path entry : Launcher.classPath()) {
            readOnly.add(Files.isDirectory(entry) || entry.getParent() == null ? entry : entry.getParent());
        }
        for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (dir.startsWith("/")) {
                readOnly.add(Path.of(dir));
            }
        }
        String javaHome = env.get("JAVA_HOME");
        if (javaHome != null && javaHome.startsWith("/")) {
            readOnly.add(Path.of(javaHome));
        }
        ProcessHandle.current()
                .info()
                .command()
                .map(Path::of)
                .map(Path::getParent)
                .map(Path::getParent)
                .ifPresent(readOnly::add); // the JVM the launcher starts
        return detect(hidden, readOnly, writable);
    }

    /** Why {@link #detect} found nothing, for the warning at start. */
    public static String unavailableReason() {
        if (!Files.isExecutable(Path.of(BWRAP))) {
            return BWRAP + " is missing (Debian package bubblewrap)";
        }
        return "bwrap cannot make an unprivileged user namespace here (see /proc/sys/user/max_user_namespaces"
                + " and kernel.apparmor_restrict_unprivileged_userns)";
    }

    /** The command line that runs {@code argv} inside the fence, with {@code runDir} (the run's folder) writable. */
    public List<String> wrap(List<String> argv, Path runDir, Path cwd) {
        List<String> out = new ArrayList<>(List.of(bwrap, "--dev-bind", "/", "/"));
        for (Path h : hidden) {
            out.addAll(List.of("--tmpfs", h.toString()));
        }
        for (Path p : readOnly) {
            if (underHidden(p) && Files.exists(p)) {
                out.addAll(List.of("--ro-bind", p.toString(), p.toString()));
            }
        }
        List<Path> rw = new ArrayList<>(writable);
        if (runDir != null) {
            rw.add(runDir.toAbsolutePath().normalize());
        }
        for (Path p : outermost(rw)) {
            if (underHidden(p) && Files.exists(p)) {
                out.addAll(List.of("--bind", p.toString(), p.toString()));
            }
        }
        out.addAll(List.of("--unshare-pid", "--proc", "/proc", "--die-with-parent", "--chdir", cwd.toString(), "--"));
        out.addAll(argv);
        return out;
    }

    private boolean underHidden(Path p) {
        return hidden.stream().anyMatch(p::startsWith);
    }

    /** Absolute, normalized, without {@code /}, and without paths that lie under another of the list. */
    private static List<Path> outermost(List<Path> paths) {
        List<Path> norm = paths.stream()
                .map(p -> p.toAbsolutePath().normalize())
                .filter(p -> p.getNameCount() > 0)
                .distinct()
                .sorted()
                .toList();
        List<Path> out = new ArrayList<>();
        for (Path p : norm) {
            if (out.stream().noneMatch(p::startsWith)) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    private static boolean works(String bwrap) {
        return StepIsolation.works(
                bwrap,
                "--dev-bind",
                "/",
                "/",
                "--tmpfs",
                System.getProperty("java.io.tmpdir"),
                "--unshare-pid",
                "--proc",
                "/proc",
                "--die-with-parent",
                "--",
                "true");
    }
}
