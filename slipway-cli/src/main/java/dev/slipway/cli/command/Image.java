package dev.slipway.cli.command;

import dev.slipway.artifact.ArtifactRef;
import dev.slipway.artifact.ServerImageBuilder;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slipway image build}: OCI images without Docker (Jib). */
@Command(
        name = "image",
        mixinStandardHelpOptions = true,
        description = "Container images without Docker.",
        subcommands = Image.Build.class)
public final class Image {

    /** The image every Slipway server image is built on unless {@code --base} says otherwise. */
    public static final String DEFAULT_BASE = "eclipse-temurin:17-jre";

    /**
     * {@code slipway image build [--push REF] [-o DIR] [--base IMAGE]}: Slipway's model-server image (the distribution
     * under /app/lib; entrypoint {@code java -cp /app/lib/* dev.slipway.cli.Slipway}), or with {@code --jar} and
     * {@code --model-class} a custom server's image. Reproducible: the same jars on the same base give the same digest.
     */
    @Command(
            name = "build",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Build Slipway's model-server image (model server, gateway, slipway up) or a custom server's"
                        + " image, reproducibly, with Jib: no Docker needed. Prints the digest.",
                "Push it to a registry (--push REF, by digest: REF@sha256:…) or write an OCI image layout (-o DIR)."
            })
    static final class Build extends CliCommand {
        @Option(
                names = "--push",
                paramLabel = "REF",
                description =
                        "Push to HOST[:PORT]/REPOSITORY[:TAG] (credentials:"
                                + " env SLIPWAY_REGISTRY_USER, SLIPWAY_REGISTRY_PASSWORD; plain HTTP only for a registry on this machine).")
        String push;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "DIR",
                description = "Write an OCI image layout to DIR.")
        Path output;

        @Option(
                names = "--base",
                paramLabel = "IMAGE",
                description =
                        "Base image with Java 17 (a registry reference, or 'scratch'). Default: ${DEFAULT-VALUE}.")
        String base = DEFAULT_BASE;

        @Option(
                names = "--distribution",
                paramLabel = "DIR",
                description =
                        "Folder of the distribution's jars. Default: the running slipway.jar and its lib/ folder.")
        Path distribution;

        @Option(
                names = "--jar",
                paramLabel = "JAR",
                description = "A custom server's jar (repeatable); with --model-class.")
        List<Path> jars = new ArrayList<>();

        @Option(
                names = "--model-class",
                paramLabel = "FQCN",
                description = "The custom server's dev.slipway.model.Model.")
        String modelClass;

        @Override
        public Integer call() throws IOException {
            if ((push == null) == (output == null)) {
                throw new IllegalArgumentException("give exactly one of --push REF and -o DIR");
            }
            if (jars.isEmpty() != (modelClass == null)) {
                throw new IllegalArgumentException("--jar and --model-class go together (a custom server's image)");
            }
            final String name = push != null ? push : "slipway-server";
            final ServerImageBuilder.Destination to = push != null
                    ? ServerImageBuilder.Destination.registry(
                            push, System.getenv("SLIPWAY_REGISTRY_USER"), System.getenv("SLIPWAY_REGISTRY_PASSWORD"))
                    : ServerImageBuilder.Destination.layout(output, name);
            final ServerImageBuilder builder = new ServerImageBuilder();
            final String digest = modelClass != null
                    ? builder.build(
                            new ServerImageBuilder.Request(
                                    ArtifactRef.parse("custom-server:image"), jars, modelClass, null),
                            base,
                            to)
                    : builder.buildDistribution(distributionJars(), base, to);
            final String where = push != null
                    ? pinned(push, digest)
                    : output.toAbsolutePath().normalize().toString();
            out().println(digest + "  " + where);
            out().flush();
            return 0;
        }

        private List<Path> distributionJars() throws IOException {
            Path dir = distribution;
            final List<Path> jarsFound = new ArrayList<>();
            if (dir == null) {
                final Path self;
                try {
                    self = Path.of(Image.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI());
                } catch (URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
                if (!Files.isRegularFile(self)) {
                    throw new IllegalArgumentException(
                            "not running from slipway.jar: give --distribution DIR (the folder of"
                                    + " slipway.jar and its lib/)");
                }
                jarsFound.add(self);
                dir = self.getParent().resolve("lib");
            } else if (Files.isRegularFile(dir.resolve("slipway.jar"))) {
                jarsFound.add(dir.resolve("slipway.jar"));
                dir = dir.resolve("lib");
            }
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("--distribution: " + dir + " is not a folder of jars");
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                        .sorted()
                        .forEach(jarsFound::add);
            }
            if (jarsFound.isEmpty()) {
                throw new IllegalArgumentException("--distribution: no jar in " + dir);
            }
            return jarsFound;
        }

        /** {@code REF} without its tag, pinned by digest. */
        static String pinned(String ref, String digest) {
            final int slash = ref.lastIndexOf('/');
            final int colon = ref.lastIndexOf(':');
            final String repo = colon > slash ? ref.substring(0, colon) : ref;
            return repo + "@" + digest;
        }
    }
}
