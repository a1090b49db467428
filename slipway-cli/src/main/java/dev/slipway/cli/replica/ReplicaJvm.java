package dev.slipway.cli.replica;

import dev.slipway.gitops.target.local.CdsArchives;
import dev.slipway.gitops.target.local.JavaServerCommand;
import dev.slipway.gitops.target.local.LaunchSpec;
import dev.slipway.gitops.target.local.ReplicaClasspath;
import dev.slipway.model.ModelFactory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarFile;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How this distribution starts a replica: {@code dev.slipway.cli.ServeMain} on the smallest class path that serves the replica's
 * implementation — the CLI's classes (for {@code serve}; {@link #replicaJar}), picocli, the logging binding, the model server with its
 * dependencies, and that one runtime with its dependencies (MLFLOW_SERVER and a custom class: every runtime — MLflow
 * delegates by flavor, and a custom class may serve its model through a built-in runtime found by name, as the
 * image-classifier example's does with ONNX_SERVER) — with the class-data-sharing archive of that class path ({@link CdsArchives}, in the
 * distribution's {@code cds/} folder). Each module lists its runtime class path in its jar ({@code
 * META-INF/slipway/classpath}, written by the build); entries resolve against the distribution jar's manifest, by
 * file name, else by artifact (the distribution may have mediated another version). When anything does not resolve
 * — an unknown implementation, a class path of folders (tests), a missing jar — the replica starts on the whole
 * distribution as before. {@code SLIPWAY_REPLICA_CLASSPATH=full} forces that.
 */
public final class ReplicaJvm implements ReplicaClasspath {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaJvm.class);

    /** The main class of a replica on its own class path. */
    public static final String MAIN = "dev.slipway.cli.ServeMain";

    /** The env variable that, set to {@code full}, starts replicas on the whole distribution's class path. */
    public static final String ENV = "SLIPWAY_REPLICA_CLASSPATH";

    private static final String LIST = "META-INF/slipway/classpath";
    private static final String MLFLOW = "MLFLOW_SERVER";
    private static final List<String> CLI_ARTIFACTS = List.of("picocli", "slf4j-simple", "slf4j-jdk-platform-logging");

    private final Path cliJar;
    private final Map<String, Path> byName = new LinkedHashMap<>();
    private final Map<String, Path> byArtifact = new LinkedHashMap<>();
    private final Map<String, Path> runtimes;
    private final Path servingJar;

    ReplicaJvm(Path cliJar, List<String> manifestClassPath, Path servingJar, Map<String, Path> runtimes) {
        this.cliJar = cliJar;
        this.servingJar = servingJar;
        this.runtimes = Map.copyOf(runtimes);
        for (final String entry : manifestClassPath) {
            final Path jar = cliJar.resolveSibling(entry).normalize();
            byName.putIfAbsent(entry, jar);
            byArtifact.putIfAbsent(artifact(jar.getFileName().toString()), jar);
        }
    }

    /**
     * The command replicas of the running distribution start with: {@link JavaServerCommand#fromCurrentJvm} with this
     * class path chooser and its CDS archives, when the running JVM is a distribution ({@code slipway.jar} beside
     * {@code lib/}); else that command as it is.
     */
    public static JavaServerCommand command() {
        final JavaServerCommand base = JavaServerCommand.fromCurrentJvm(JavaServerCommand.SLIPWAY_MAIN);
        if ("full".equals(System.getenv(ENV))) {
            return base;
        }
        return ofCurrentJvm()
                .map(r -> base.withReplicaClasspath(
                        r,
                        Files.isWritable(r.cliJar.getParent())
                                ? new CdsArchives(r.cliJar.resolveSibling("cds"))
                                : null))
                .orElse(base);
    }

    /** The chooser of the running distribution, or empty when this JVM does not run from a distribution jar. */
    static Optional<ReplicaJvm> ofCurrentJvm() {
        try {
            final Path cli = jarOf(ReplicaJvm.class);
            final Path serving = jarOf(dev.slipway.serving.ModelServer.class);
            if (cli == null || serving == null) {
                return Optional.empty();
            }
            final String classPath;
            try (JarFile jar = new JarFile(cli.toFile())) {
                classPath = jar.getManifest() == null
                        ? null
                        : jar.getManifest().getMainAttributes().getValue("Class-Path");
            }
            if (classPath == null) {
                return Optional.empty();
            }
            final Map<String, Path> runtimes = new LinkedHashMap<>();
            for (final ModelFactory f : ServiceLoader.load(ModelFactory.class, ReplicaJvm.class.getClassLoader())) {
                final Path jar = jarOf(f.getClass());
                if (jar != null) {
                    runtimes.putIfAbsent(f.name(), jar);
                }
            }
            return Optional.of(new ReplicaJvm(cli, List.of(classPath.trim().split("\\s+")), serving, runtimes));
        } catch (IOException | RuntimeException e) {
            LOG.info("replicas start on the whole distribution's class path: {}", e.toString());
            return Optional.empty();
        }
    }

    @Override
    public @Nullable Choice choose(LaunchSpec spec) {
        final List<Path> runtimeJars = new ArrayList<>();
        final String implementation = spec.implementation();
        if (implementation == null
                || implementation.equals(MLFLOW)
                || implementation.equals(LaunchSpec.PACKED_RUNTIME)) {
            runtimeJars.addAll(new LinkedHashSet<>(runtimes.values()));
        } else if (runtimes.containsKey(implementation)) {
            runtimeJars.add(runtimes.get(implementation));
        } else {
            return null; // an implementation this distribution does not have: the full server says so
        }
        try {
            final Set<Path> jars = new LinkedHashSet<>();
            jars.add(replicaJar(cliJar));
            for (final String artifact : CLI_ARTIFACTS) {
                jars.add(resolve("lib/" + artifact + ".jar"));
            }
            jars.add(servingJar);
            jars.addAll(listed(servingJar));
            for (final Path jar : runtimeJars) {
                jars.add(jar);
                jars.addAll(listed(jar));
            }
            final StringBuilder cp = new StringBuilder();
            for (final Path jar : jars) {
                cp.append(cp.length() == 0 ? "" : File.pathSeparator).append(jar);
            }
            return new Choice(cp.toString(), MAIN);
        } catch (IOException | IllegalStateException e) {
            LOG.info("replica {} starts on the whole distribution's class path: {}", spec.nodeName(), e.getMessage());
            return null;
        }
    }

    /**
     * The CLI's classes for a replica: {@code NAME-replica.jar} beside {@code NAME.jar} when the build wrote it (the same
     * classes without the manifest's {@code Class-Path}, through which the class loader would reach, open and index
     * every jar of the distribution: 12 MB more resident memory per replica), else the CLI jar itself.
     */
    static Path replicaJar(Path cliJar) {
        final String name = cliJar.getFileName().toString();
        final Path replica = cliJar.resolveSibling(name.replaceFirst("\\.jar$", "") + "-replica.jar");
        return Files.isRegularFile(replica) ? replica : cliJar;
    }

    /** The jars {@code jar}'s module lists as its runtime class path, resolved in this distribution. */
    private List<Path> listed(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            final var entry = file.getJarEntry(LIST);
            if (entry == null) {
                throw new IllegalStateException(jar.getFileName() + " has no " + LIST);
            }
            final String text;
            try (InputStream in = file.getInputStream(entry)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            final List<Path> out = new ArrayList<>();
            for (final String item : text.isEmpty() ? new String[0] : text.split(":")) {
                out.add(resolve(item.trim()));
            }
            return out;
        }
    }

    /** A listed {@code lib/NAME.jar} in this distribution: by file name, else by artifact; fails when absent. */
    private Path resolve(String entry) {
        Path jar = byName.get(entry);
        if (jar == null) {
            jar = byArtifact.get(artifact(entry.substring(entry.lastIndexOf('/') + 1)));
        }
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new IllegalStateException("the distribution has no " + entry);
        }
        return jar;
    }

    /** The artifact of a jar's file name: the part before the version ({@code netty-common-4.2.18.Final.jar}). */
    static String artifact(String fileName) {
        final String name = fileName.endsWith(".jar") ? fileName.substring(0, fileName.length() - 4) : fileName;
        for (int i = 0; i + 1 < name.length(); i++) {
            if (name.charAt(i) == '-' && Character.isDigit(name.charAt(i + 1))) {
                return name.substring(0, i);
            }
        }
        return name;
    }

    /** The jar {@code type} was loaded from, or null (a folder, or unknown). */
    private static @Nullable Path jarOf(Class<?> type) {
        try {
            final var source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            final Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
