package dev.slipway.artifact;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * Builds the OCI image of a custom server with Jib ({@code Jib.fromScratch()}, offline): the jars as one layer
 * under {@link #LIB}, labels naming the Model class ({@link #MODEL_CLASS_LABEL}) or main class
 * ({@link #MAIN_CLASS_LABEL}), and an entrypoint {@code java -cp /app/lib/* dev.slipway.cli.Slipway serve --class
 * FQCN} (or {@code java -cp /app/lib/* MAIN}), written as an OCI archive (a tar of an OCI image layout). Jib builds
 * reproducibly (fixed timestamps), so the same jars and class give the same digest whatever the name and version.
 */
public final class ServerImageBuilder {

    /** Where the jars go in the image. */
    public static final String LIB = "/app/lib";
    /** Label naming the {@code dev.slipway.model.Model} class the server serves. */
    public static final String MODEL_CLASS_LABEL = "dev.slipway.model-class";
    /** Label naming the main class of a server that brings its own. */
    public static final String MAIN_CLASS_LABEL = "dev.slipway.main-class";
    /** Where the modules of a Python model server go in the image. */
    public static final String PYTHON = "/app/python";
    /** Label marking a Python model server; its value names the class ({@code Class} or {@code module.Class}) or is empty. */
    public static final String PYTHON_CLASS_LABEL = "dev.slipway.python-class";
    /** The most files a Python server folder may hold. */
    public static final int MAX_PYTHON_FILES = 10_000;
    /** Folders of a Python server folder that are never part of its image. */
    public static final Set<String> PYTHON_SKIPPED = Set.of(".git", "__pycache__", ".pytest_cache", "target", ".venv");

    /** The main class of the Slipway CLI (its {@code serve} command). */
    public static final String SLIPWAY_MAIN = "dev.slipway.cli.Slipway";

    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    /** What to build: jars plus exactly one of model class and main class. */
    public record Request(
            ArtifactRef ref,
            List<Path> jars,
            @Nullable String modelClass,
            @Nullable String mainClass) {
        public Request {
            Objects.requireNonNull(ref, "ref");
            jars = List.copyOf(jars);
        }
    }

    /**
     * Where an image goes: an OCI archive ({@code tar} written, named {@code name}) or a registry ({@code reference}
     * {@code HOST[:PORT]/REPOSITORY[:TAG]}, credentials from {@code user}/{@code password} when given; plain HTTP is
     * allowed only for a loopback registry).
     */
    public record Destination(
            @Nullable Path tar,
            @Nullable String name,
            @Nullable String reference,
            @Nullable String user,
            @Nullable String password,
            @Nullable Path layout) {
        /** An OCI image layout folder (created; must not exist or be empty). */
        public static Destination layout(Path dir, @Nullable String name) {
            return new Destination(null, name, null, null, null, Objects.requireNonNull(dir, "dir"));
        }

        /** An OCI archive. */
        public static Destination archive(Path tar, @Nullable String name) {
            return new Destination(Objects.requireNonNull(tar, "tar"), name, null, null, null, null);
        }

        /** A registry reference. */
        public static Destination registry(String reference, @Nullable String user, @Nullable String password) {
            return new Destination(null, null, Objects.requireNonNull(reference, "reference"), user, password, null);
        }
    }

    /** The base of an image with no base ({@code --base scratch}). */
    public static final String SCRATCH = "scratch";

    /** Builds {@code request} into the OCI archive {@code out}; returns the image's manifest digest. */
    public String build(Request request, Path out) {
        return build(
                request,
                SCRATCH,
                Destination.archive(
                        out, request.ref().name() + ":" + request.ref().version()));
    }

    /**
     * Builds Slipway's own server image: {@code jars} (the distribution) under {@link #LIB} on {@code base}, entrypoint
     * {@code java -cp /app/lib/* dev.slipway.cli.Slipway} (so {@code serve}, {@code gateway} and {@code up} are its
     * arguments). The same jars on the same base give the same digest (jars sorted, Jib's fixed timestamps).
     */
    public String buildDistribution(List<Path> jars, String base, Destination to) {
        if (jars.isEmpty()) {
            throw new ArtifactException(ArtifactException.Kind.INVALID, "no jar given");
        }
        final List<Path> sorted = new ArrayList<>(jars);
        sorted.sort(java.util.Comparator.comparing(p -> p.getFileName().toString()));
        final JibContainerBuilder builder = from(base);
        builder.addFileEntriesLayer(layer(sorted));
        builder.setEntrypoint(List.of("java", "-cp", LIB + "/*", SLIPWAY_MAIN));
        return containerize(builder, to, "the server image", base);
    }

    /** Builds {@code request} on {@code base} to {@code to}; returns the image's manifest digest. */
    public String build(Request request, String base, Destination to) {
        validate(request);
        final List<String> entrypoint = new ArrayList<>(List.of("java", "-cp", LIB + "/*"));
        final JibContainerBuilder builder = from(base);
        builder.addFileEntriesLayer(layer(request.jars()));
        if (request.modelClass() != null) {
            builder.addLabel(MODEL_CLASS_LABEL, request.modelClass());
            entrypoint.addAll(List.of(SLIPWAY_MAIN, "serve", "--class", request.modelClass()));
        } else {
            builder.addLabel(MAIN_CLASS_LABEL, request.mainClass());
            entrypoint.add(request.mainClass());
        }
        builder.setEntrypoint(entrypoint);
        return containerize(builder, to, "the image of " + request.ref(), base);
    }

    /**
     * Builds the image of a Python model server into the OCI archive {@code out}: the files of {@code dir} (without
     * {@link #PYTHON_SKIPPED} folders) as one layer under {@link #PYTHON}, the label {@link #PYTHON_CLASS_LABEL}
     * ({@code pythonClass}, or empty when the class is found at start: s2i {@code MODEL_NAME}, or the only class),
     * entrypoint {@code slipway serve --python /app/python}. Links and special files are refused.
     */
    public String buildPython(ArtifactRef ref, Path dir, String pythonClass, Path out) {
        Objects.requireNonNull(ref, "ref");
        if (!Files.isDirectory(dir)) {
            throw new ArtifactException(ArtifactException.Kind.INVALID, dir + ": not a folder");
        }
        if (pythonClass != null && !CLASS_NAME.matcher(pythonClass).matches()) {
            throw new ArtifactException(
                    ArtifactException.Kind.INVALID, "'" + pythonClass + "' is not a Python class name");
        }
        final FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("python");
        final Path base = dir.toAbsolutePath().normalize();
        final List<Path> files = new ArrayList<>();
        boolean module = false;
        try (java.util.stream.Stream<Path> walk = Files.walk(base)) {
            for (final Path p : walk.sorted().toList()) {
                final Path rel = base.relativize(p);
                boolean skipped = false;
                for (final Path part : rel) {
                    skipped |= PYTHON_SKIPPED.contains(part.toString());
                }
                if (skipped || p.equals(base) || Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (!Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw new ArtifactException(
                            ArtifactException.Kind.INVALID, p + ": a link or special file (refused)");
                }
                files.add(p);
                module |= rel.getNameCount() == 1 && rel.toString().endsWith(".py");
                if (files.size() > MAX_PYTHON_FILES) {
                    throw new ArtifactException(
                            ArtifactException.Kind.INVALID, dir + " holds more than " + MAX_PYTHON_FILES + " files");
                }
            }
        } catch (IOException e) {
            throw new ArtifactException(ArtifactException.Kind.IO, "cannot read " + dir + ": " + e.getMessage(), e);
        }
        if (!module) {
            throw new ArtifactException(ArtifactException.Kind.INVALID, dir + " holds no Python module (*.py)");
        }
        for (final Path p : files) {
            final StringBuilder inImage = new StringBuilder(PYTHON);
            for (final Path part : base.relativize(p)) {
                inImage.append('/').append(part);
            }
            layer.addEntry(p, AbsoluteUnixPath.get(inImage.toString()));
        }
        final JibContainerBuilder builder = from(SCRATCH)
                .addFileEntriesLayer(layer.build())
                .addLabel(PYTHON_CLASS_LABEL, pythonClass == null ? "" : pythonClass)
                .setEntrypoint(List.of("java", "-cp", LIB + "/*", SLIPWAY_MAIN, "serve", "--python", PYTHON));
        return containerize(
                builder, Destination.archive(out, ref.name() + ":" + ref.version()), "the image of " + ref, SCRATCH);
    }

    private static JibContainerBuilder from(String base) {
        if (base == null || base.equals(SCRATCH)) {
            return Jib.fromScratch().setFormat(ImageFormat.OCI);
        }
        try {
            return Jib.from(RegistryImage.named(ImageReference.parse(base))).setFormat(ImageFormat.OCI);
        } catch (InvalidImageReferenceException e) {
            throw new ArtifactException(
                    ArtifactException.Kind.INVALID, "--base: '" + base + "' is not an image reference");
        }
    }

    private static FileEntriesLayer layer(List<Path> jars) {
        final FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("jars");
        for (final Path jar : jars) {
            layer.addEntry(
                    jar, AbsoluteUnixPath.get(LIB).resolve(jar.getFileName().toString()));
        }
        return layer.build();
    }

    private static String containerize(JibContainerBuilder builder, Destination to, String what, String base) {
        final Path layout = to.layout();
        if (layout != null) {
            return intoLayout(builder, to, layout, what, base);
        }
        Path caches = null;
        try {
            caches = Files.createTempDirectory("slipway-jib");
            final Containerizer containerizer;
            if (to.tar() != null) {
                Files.createDirectories(to.tar().toAbsolutePath().getParent());
                containerizer = Containerizer.to(TarImage.at(to.tar()).named(to.name()));
            } else {
                final ImageReference ref;
                try {
                    ref = ImageReference.parse(to.reference());
                } catch (InvalidImageReferenceException e) {
                    throw new ArtifactException(
                            ArtifactException.Kind.INVALID,
                            "--push: '" + to.reference()
                                    + "' is not an image reference (HOST[:PORT]/REPOSITORY[:TAG])");
                }
                final RegistryImage image = RegistryImage.named(ref);
                if (to.user() != null && to.password() != null) {
                    image.addCredential(to.user(), to.password());
                }
                containerizer = Containerizer.to(image);
            }
            // plain HTTP only when every registry involved is on this machine
            containerizer.setAllowInsecureRegistries((to.reference() == null
                            || loopback(ImageReference.parse(to.reference()).getRegistry()))
                    && (base == null
                            || base.equals(SCRATCH)
                            || loopback(ImageReference.parse(base).getRegistry())));
            containerizer
                    .setAlwaysCacheBaseImage(false)
                    .setBaseImageLayersCache(caches.resolve("base"))
                    .setApplicationLayersCache(caches.resolve("application"))
                    .setOfflineMode(to.tar() != null && (base == null || base.equals(SCRATCH)));
            return builder.containerize(containerizer).getDigest().toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArtifactException(ArtifactException.Kind.IO, "interrupted while building " + what);
        } catch (ArtifactException e) {
            throw e;
        } catch (Exception e) {
            throw new ArtifactException(ArtifactException.Kind.IO, "cannot build " + what + ": " + rootMessage(e), e);
        } finally {
            Files2.deleteTree(caches);
        }
    }

    private static String intoLayout(JibContainerBuilder builder, Destination to, Path dir, String what, String base) {
        try {
            if (Files.exists(dir) && (!Files.isDirectory(dir) || !Files2.isEmptyFolder(dir))) {
                throw new ArtifactException(
                        ArtifactException.Kind.INVALID, "-o " + dir + ": exists and is not an empty folder");
            }
            Files.createDirectories(dir);
            final Path tar = Files.createTempFile("slipway-image", ".tar");
            try {
                final String digest = containerize(builder, Destination.archive(tar, to.name()), what, base);
                try (org.apache.commons.compress.archivers.tar.TarArchiveInputStream in =
                        new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                                Files.newInputStream(tar))) {
                    org.apache.commons.compress.archivers.tar.TarArchiveEntry e;
                    while ((e = in.getNextEntry()) != null) {
                        final String name = e.getName().replaceFirst("^\\./", "");
                        if (e.isDirectory()) {
                            continue;
                        }
                        if (!e.isFile() || !name.matches("oci-layout|index\\.json|blobs/sha256/[0-9a-f]{64}")) {
                            throw new ArtifactException(
                                    ArtifactException.Kind.IO, "unexpected entry '" + name + "' in the archive");
                        }
                        final Path target = dir.resolve(name);
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target);
                    }
                }
                return digest;
            } finally {
                Files.deleteIfExists(tar);
            }
        } catch (IOException e) {
            throw new ArtifactException(ArtifactException.Kind.IO, "cannot write " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Plain HTTP is allowed for registries on this machine only. */
    static boolean loopback(String registry) {
        final String host = registry.startsWith("[")
                ? registry.substring(1, registry.indexOf(']'))
                : registry.contains(":") ? registry.substring(0, registry.lastIndexOf(':')) : registry;
        return host.equals("localhost") || host.equals("::1") || host.matches("127(\\.[0-9]{1,3}){3}");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return (t == e ? "" : e.getMessage() + ": ")
                + t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : " " + t.getMessage());
    }

    private static void validate(Request request) {
        if ((request.modelClass() == null) == (request.mainClass() == null)) {
            throw new ArtifactException(
                    ArtifactException.Kind.INVALID,
                    "name exactly one of --model-class (a dev.slipway.model.Model) and --main-class");
        }
        final String cls = request.modelClass() != null ? request.modelClass() : request.mainClass();
        if (!CLASS_NAME.matcher(cls).matches()) {
            throw new ArtifactException(ArtifactException.Kind.INVALID, "'" + cls + "' is not a Java class name");
        }
        if (request.jars().isEmpty()) {
            throw new ArtifactException(ArtifactException.Kind.INVALID, "no jar given");
        }
        final Set<String> names = new HashSet<>();
        boolean found = false;
        final String entry = cls.replace('.', '/') + ".class";
        for (final Path jar : request.jars()) {
            if (!Files.isRegularFile(jar)) {
                throw new ArtifactException(ArtifactException.Kind.INVALID, jar + ": no such file");
            }
            if (!names.add(jar.getFileName().toString())) {
                throw new ArtifactException(
                        ArtifactException.Kind.INVALID,
                        jar + ": two jars are named " + jar.getFileName() + " (they would overwrite each other in "
                                + LIB + ")");
            }
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                found |= zip.getEntry(entry) != null;
            } catch (IOException e) {
                throw new ArtifactException(
                        ArtifactException.Kind.INVALID, jar + ": not a jar (" + e.getMessage() + ")");
            }
        }
        if (!found) {
            throw new ArtifactException(
                    ArtifactException.Kind.INVALID, "class " + cls + " is in none of the jars " + request.jars());
        }
    }
}
