package dev.slipway.pipeline.exec;

import dev.slipway.support.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The folder that holds a {@code slipway} launcher for steps to call: the distribution's own (system
 * property {@code slipway.home}, set by the {@code ./slipway} script) or, when this JVM was started some
 * other way, a small script written to {@code DATA/bin/slipway} that starts this same Java with this same
 * class path.
 */
public final class Launcher {

    /** The CLI's main class. */
    public static final String SLIPWAY_MAIN = "dev.slipway.cli.Slipway";

    private Launcher() {}

    /** The launcher's folder for steps' PATH (see the class comment); {@code mainClass} is the CLI's main class. */
    public static Path dir(Path dataDir, String mainClass) {
        String home = System.getProperty("slipway.home");
        if (home != null && Files.isExecutable(Path.of(home, "slipway"))) {
            return Path.of(home).toAbsolutePath();
        }
        Path bin = dataDir.resolve("bin");
        String javaCmd = ProcessHandle.current().info().command().orElse("java");
        String script = "#!/bin/sh\n# written by slipway: the CLI for pipeline steps\nexec " + quote(javaCmd)
                + " -XX:+UseSerialGC -cp " + quote(System.getProperty("java.class.path")) + " " + mainClass
                + " \"$@\"\n";
        try {
            Files.createDirectories(bin);
            writeIfChanged(bin.resolve("slipway"), script, "rwxr-xr-x");
            return bin;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the slipway launcher in " + bin, e);
        }
    }

    /**
     * The launcher's folder for steps that run as another OS user: a script in {@code root/bin} (never the
     * distribution's {@code ./slipway}, which may rebuild), whose class path is this JVM's — each entry used in place
     * when every user can read it, else copied (hard-linked when possible) under {@code root/dist}, since a
     * distribution under a private home (0700) is out of the step user's reach.
     */
    public static Path forOtherUser(Path root, String mainClass) {
        List<String> cp = new ArrayList<>();
        Path dist = root.resolve("dist");
        try {
            int i = 0;
            for (Path entry : classPath()) {
                if (!Files.exists(entry)) {
                    continue;
                }
                if (everyoneCanRead(entry)) {
                    cp.add(entry.toString());
                } else {
                    Path copy = dist.resolve((i++) + "-" + entry.getFileName());
                    copyTree(entry, copy);
                    cp.add(copy.toString());
                }
            }
            Path bin = root.resolve("bin");
            Files.createDirectories(bin);
            Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
            String javaCmd = ProcessHandle.current().info().command().orElse("java");
            // the class path goes in an argument file: a long command line crashes ONNX Runtime (it reads
            // /proc/self/cmdline)
            Path args = bin.resolve("slipway.args");
            String argText = "-cp\n\""
                    + String.join(java.io.File.pathSeparator, cp)
                            .replace("\\", "\\\\")
                            .replace("\"", "\\\"") + "\"\n";
            writeIfChanged(args, argText, "rw-r--r--");
            String script = "#!/bin/sh\n# written by slipway: the CLI for pipeline steps run as another user\nexec "
                    + quote(javaCmd) + " -XX:+UseSerialGC " + quote("@" + args) + " " + mainClass + " \"$@\"\n";
            writeIfChanged(bin.resolve("slipway"), script, "rwxr-xr-x");
            return bin;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the slipway launcher for steps in " + root, e);
        }
    }

    /** This JVM's class path with the {@code Class-Path} of its jars' manifests spelled out (absolute, normalized). */
    static List<Path> classPath() {
        List<Path> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (e.isBlank()) {
                continue;
            }
            Path p = Path.of(e).toAbsolutePath().normalize();
            out.add(p);
            if (Files.isRegularFile(p) && p.toString().endsWith(".jar")) {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(p.toFile())) {
                    java.util.jar.Manifest m = jar.getManifest();
                    String more = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                    if (more != null) {
                        for (String rel : more.trim().split("\\s+")) {
                            out.add(p.getParent().resolve(rel).normalize());
                        }
                    }
                } catch (IOException ignored) {
                    // not a readable jar: the JVM will say so when it loads it
                }
            }
        }
        return out;
    }

    /** Whether any user can read {@code p}: others may search every folder above it and read it. */
    static boolean everyoneCanRead(Path p) {
        try {
            for (Path d = p.getParent(); d != null; d = d.getParent()) {
                if (!Files.getPosixFilePermissions(d)
                        .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)
                    && (!Files.isDirectory(p)
                            || Files.getPosixFilePermissions(p)
                                    .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        if (Files.isRegularFile(from)) {
            if (!Files.exists(to) || Files.size(to) != Files.size(from)) {
                Files.deleteIfExists(to);
                Files.copy(from, to);
            }
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(from)) {
            for (Path f : walk.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                    Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else if (!Files.exists(t) || Files.size(t) != Files.size(f)) {
                    Files.copy(f, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
        Files.setPosixFilePermissions(to.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Writes {@code text} to {@code file} with {@code permissions} unless it already holds exactly that. */
    private static void writeIfChanged(Path file, String text, String permissions) throws IOException {
        if (!Files.exists(file) || !Files.readString(file).equals(text)) {
            AtomicFiles.write(
                    file, text.getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString(permissions));
        }
    }
}
