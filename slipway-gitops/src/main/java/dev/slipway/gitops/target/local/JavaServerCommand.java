package dev.slipway.gitops.target.local;

import dev.slipway.support.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Starts {@code java [jvmOptions] -cp CLASSPATH MAIN serve --implementation … --port 0 --host HOST} (the
 * Slipway CLI's {@code serve} command, or any main with the same arguments).
 *
 * @param javaBinary the {@code java} executable
 * @param classpath the runtime classpath holding {@code mainClass}
 * @param mainClass the main class
 * @param jvmOptions options before {@code -cp}
 * @param modelRoots the only folders a replica may load a local model from ({@code serve --model-root}); empty: any
 * @param replicaClasspath chooses a smaller class path (and its main class) per replica; null: {@code classpath}
 * @param cds the CDS archives of the chosen class paths; null: none (the JVM options' archive, if any)
 */
public record JavaServerCommand(
        String javaBinary,
        String classpath,
        String mainClass,
        List<String> jvmOptions,
        List<Path> modelRoots,
        @Nullable ReplicaClasspath replicaClasspath,
        @Nullable CdsArchives cds)
        implements ServerCommand {

    public JavaServerCommand(String javaBinary, String classpath, String mainClass, List<String> jvmOptions) {
        this(javaBinary, classpath, mainClass, jvmOptions, List.of(), null, null);
    }

    /** A copy whose replicas load local models only from under {@code roots}. */
    public JavaServerCommand withModelRoots(List<Path> roots) {
        return new JavaServerCommand(javaBinary, classpath, mainClass, jvmOptions, roots, replicaClasspath, cds);
    }

    /**
     * A copy whose replicas start on the class path {@code chooser} picks for them (when it picks one), with that
     * class path's archive from {@code archives} (null: no archive) instead of this JVM's.
     */
    public JavaServerCommand withReplicaClasspath(ReplicaClasspath chooser, @Nullable CdsArchives archives) {
        return new JavaServerCommand(javaBinary, classpath, mainClass, jvmOptions, modelRoots, chooser, archives);
    }

    /** The main class of the Slipway CLI. */
    public static final String SLIPWAY_MAIN = "dev.slipway.cli.Slipway";

    /**
     * Small JVMs: a model server per replica must not take the machine. The launcher's footprint flags (see {@code
     * ./slipway}): serial GC on a heap that starts at 16 MB and grows only with the model (without {@code -Xms} the
     * JVM starts with 1/64 of the machine's memory, and a loaded server touches all of its young generation), a bounded
     * code cache and metaspace, and the JIT's native peaks handed back to the OS. Both compilers stay: C1 alone saves
     * ~12 MB of resident memory but served 42% fewer requests/s on an idle machine (bench/README.md, "Replica JVMs");
     * {@code SLIPWAY_JAVA_OPTS=-XX:TieredStopAtLevel=1} chooses it for one deployment.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC",
            "-Xms16m",
            "-XX:ReservedCodeCacheSize=48m",
            "-XX:MaxMetaspaceSize=256m",
            "-XX:+UnlockExperimentalVMOptions",
            "-XX:+IgnoreUnrecognizedVMOptions",
            "-XX:TrimNativeHeapInterval=2000",
            "-XX:+ExitOnOutOfMemoryError",
            "-Xshare:auto");

    public JavaServerCommand {
        Objects.requireNonNull(javaBinary, "javaBinary");
        Objects.requireNonNull(classpath, "classpath");
        Objects.requireNonNull(mainClass, "mainClass");
        jvmOptions = List.copyOf(jvmOptions);
        modelRoots = List.copyOf(modelRoots);
    }

    /**
     * The running JVM's {@code java} and classpath, with {@code mainClass}; its class-data-sharing archive and
     * {@code -Dvertx.*} settings are passed on (they make a server start faster).
     */
    public static JavaServerCommand fromCurrentJvm(String mainClass) {
        final String java =
                ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        final List<String> options = new ArrayList<>(DEFAULT_JVM_OPTIONS);
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-XX:SharedArchiveFile=")
                    || arg.startsWith("-Dvertx.")
                    || arg.startsWith("-Dslipway.transport=")) {
                options.add(arg);
            }
        }
        return new JavaServerCommand(java, System.getProperty("java.class.path"), mainClass, options);
    }

    @Override
    public List<String> command(LaunchSpec spec, String host) {
        final ReplicaClasspath.Choice choice = replicaClasspath == null ? null : replicaClasspath.choose(spec);
        final List<String> serve = serveArguments(spec, host);
        final List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary);
        if (choice == null) {
            cmd.addAll(jvmOptions);
            cmd.addAll(heap(spec, jvmOptions));
            cmd.addAll(List.of("-cp", classpath, mainClass));
        } else {
            // this JVM's archive was recorded for its own class path: the chosen one has its own
            final List<String> options = jvmOptions.stream()
                    .filter(o -> !o.startsWith("-XX:SharedArchiveFile="))
                    .toList();
            final List<String> mainAndArgs = new ArrayList<>();
            mainAndArgs.add(choice.mainClass());
            mainAndArgs.addAll(serve);
            cmd.addAll(options);
            // a training run answers requests with the model: only a built-in runtime's, never a user's own class
            // (its code would run once more, with made-up inputs, outside the replica's environment)
            if (cds != null && spec.implementation() != null) {
                cmd.addAll(cds.options(javaBinary, options, choice.classpath(), mainAndArgs));
            }
            cmd.addAll(heap(spec, options));
            cmd.addAll(List.of("-cp", choice.classpath(), choice.mainClass()));
        }
        cmd.addAll(serve);
        return cmd;
    }

    /** Stops the CDS training runs still recording (their archives are recorded by a later start). */
    @Override
    public void stopHelpers() {
        if (cds != null) {
            cds.stopTraining();
        }
    }

    /** The {@code serve …} arguments of {@code spec}'s replica. */
    private List<String> serveArguments(LaunchSpec spec, String host) {
        final List<String> cmd = new ArrayList<>();
        cmd.add("serve");
        if (LaunchSpec.PACKED_RUNTIME.equals(spec.implementation())) {
            // a shared server for many models: it loads them from under the roots only (any local path when none)
            cmd.add("--packed");
            if (modelRoots.isEmpty()) {
                cmd.addAll(List.of("--model-root", "/"));
            }
        } else if (spec.implementation() != null) {
            cmd.add("--implementation");
            cmd.add(spec.implementation());
        }
        if (spec.modelUri() != null) {
            cmd.add("--model-uri");
            cmd.add(spec.modelUri());
        }
        for (final Path root : modelRoots) {
            cmd.add("--model-root");
            cmd.add(root.toString());
        }
        for (final String parameter : spec.parameters()) {
            cmd.add("--param");
            cmd.add(parameter);
        }
        if (spec.modelClass() != null) {
            cmd.add("--class");
            cmd.add(spec.modelClass());
            if (spec.classpath() != null) {
                cmd.add("--classpath");
                cmd.add(spec.classpath());
            }
        }
        cmd.addAll(List.of("--name", spec.nodeName(), "--port", "0", "--host", host));
        cmd.addAll(List.of("--grpc-port", "-1")); // replicas serve gRPC on their one port (no fixed 5000 to clash on)
        // the server stops when this supervisor is gone, even after a kill -9: a crash leaves no orphan
        cmd.addAll(
                List.of("--watch-parent", Long.toString(ProcessHandle.current().pid())));
        return cmd;
    }

    /** The container env variable whose JVM options (space-separated) a replica gets after the defaults, so they win. */
    public static final String JAVA_OPTS_ENV = "SLIPWAY_JAVA_OPTS";

    /**
     * A replica's heap limit, so that one overloaded replica cannot take the machine (it stops with
     * {@code ExitOnOutOfMemoryError} and is restarted): {@code SLIPWAY_JAVA_OPTS} from the container's env when set (its
     * options come last, so an {@code -Xmx} there wins); else {@code -Xmx} of 256 MiB plus four times the model's size
     * on disk (a local {@code modelUri}), at most 8 GiB; 1 GiB when the size is unknown (a remote model) — unless this
     * command's own JVM options set one.
     */
    static List<String> heap(LaunchSpec spec, List<String> jvmOptions) {
        final String opts = spec.env().get(JAVA_OPTS_ENV);
        final List<String> out = new ArrayList<>();
        if (jvmOptions.stream().noneMatch(o -> o.startsWith("-Xmx") || o.startsWith("-XX:MaxRAM"))) {
            final long mib = 1024L * 1024;
            final long size = LaunchSpec.PACKED_RUNTIME.equals(spec.implementation())
                    ? -1 // many models, loaded later: the size of no one model
                    : modelBytes(spec.modelUri());
            final long heap = size < 0 ? 1024 * mib : Math.min(8192 * mib, 256 * mib + 4 * size);
            out.add("-Xmx" + (heap / mib) + "m");
        }
        if (opts != null && !opts.isBlank()) {
            out.addAll(List.of(opts.trim().split("\\s+")));
        }
        return out;
    }

    /** The bytes of a local model ({@code file:} URI or plain path; a folder counts all its files), or -1. */
    static long modelBytes(String modelUri) {
        if (modelUri == null || modelUri.isBlank()) {
            return 0;
        }
        try {
            final String u = modelUri.trim();
            final Path p = u.startsWith("file:")
                    ? Path.of(java.net.URI.create(u.startsWith("file://") ? u : "file://" + u.substring(5)))
                    : u.contains("://") ? null : Path.of(u);
            if (p == null || !Files.exists(p)) {
                return -1;
            }
            if (Files.isRegularFile(p)) {
                return Files.size(p);
            }
            try (java.util.stream.Stream<Path> walk = Files.walk(p)) {
                return walk.filter(Files::isRegularFile)
                        .mapToLong(f -> f.toFile().length())
                        .sum();
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The command for a replica logging to {@code logFile}: {@code java @LOG-NAME.args}, every argument of
     * {@link #command(LaunchSpec, String)} (plus {@code -XX:ErrorFile=LOG-NAME.hs_err_pid%p.log}, so that a JVM crash
     * leaves its report beside the log) written to that argument file beside the log (atomically; the file stays, so
     * the replica can be started by hand exactly as the runtime did).
     *
     * <p>The process's own command line ({@code /proc/PID/cmdline}) stays short whatever the length of the
     * classpaths: native libraries read it (ONNX Runtime's does at load, and overflows the thread's stack, killing the
     * JVM with SIGSEGV and no report, once it exceeds a few KiB — a test classpath or an image with many jars).
     */
    @Override
    public List<String> command(LaunchSpec spec, String host, Path logFile) {
        if (logFile == null) {
            return command(spec, host);
        }
        final List<String> args = new ArrayList<>(command(spec, host));
        args.remove(0);
        if (jvmOptions.stream().noneMatch(o -> o.startsWith("-XX:ErrorFile="))) {
            args.add(args.indexOf("-cp"), "-XX:ErrorFile=" + errorFilePrefix(logFile) + "%p.log");
        }
        final Path socket = socketFile(logFile);
        if (socket != null) {
            args.addAll(List.of("--socket", socket.toString()));
        }
        final Path argFile = argFile(logFile);
        final StringBuilder text = new StringBuilder();
        for (final String arg : args) {
            text.append(argFileQuoted(arg)).append('\n');
        }
        try {
            AtomicFiles.writeString(argFile, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the argument file " + argFile, e);
        }
        return List.of(javaBinary, "@" + argFile);
    }

    /** The longest Unix domain socket path (sun_path holds 108 bytes with its terminating NUL). */
    static final int MAX_SOCKET_PATH = 107;

    /**
     * The Unix domain socket of the replica logging to {@code logFile} ({@code LOG-NAME.sock} beside it, in the data
     * folder), or null when that path is too long for a socket (the replica then serves on its port only).
     */
    static Path socketFile(Path logFile) {
        final Path socket = logFile.toAbsolutePath().resolveSibling(baseName(logFile) + ".sock");
        return socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH
                ? socket
                : null;
    }

    /** The argument file of the replica logging to {@code logFile}: {@code LOG-NAME.args} beside it. */
    public static Path argFile(Path logFile) {
        return logFile.toAbsolutePath().resolveSibling(baseName(logFile) + ".args");
    }

    /**
     * One argument as a line of a {@code java @argfile}: double-quoted (the launcher then keeps spaces, {@code #} and
     * quotes), with backslash, quote and line breaks escaped.
     */
    static String argFileQuoted(String arg) {
        final StringBuilder out = new StringBuilder("\"");
        for (final char c : arg.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    @Override
    public Path crashReport(Path logFile, long pid) {
        return Path.of(errorFilePrefix(logFile) + pid + ".log");
    }

    private static String errorFilePrefix(Path logFile) {
        return logFile.toAbsolutePath()
                .resolveSibling(baseName(logFile) + ".hs_err_pid")
                .toString();
    }

    private static String baseName(Path logFile) {
        final String name = logFile.getFileName().toString();
        return name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
    }
}
