package dev.slipway.cli.command;

import dev.slipway.api.ArtifactInfo;
import dev.slipway.api.ArtifactPublished;
import dev.slipway.artifact.ArtifactRef;
import dev.slipway.artifact.ServerImageBuilder;
import dev.slipway.client.SlipwayClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slipway artifact push|list|show}: custom servers in the artifact store of {@code slipway up}. */
@Command(
        name = "artifact",
        mixinStandardHelpOptions = true,
        description = "Publish custom servers (jars as OCI images) to the artifact store of slipway up, and list them.",
        subcommands = {Artifact.Push.class, Artifact.ListArtifacts.class, Artifact.Show.class})
public final class Artifact {

    /** {@code slipway artifact push}. */
    @Command(
            name = "push",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Build an OCI image of the jars, or of a Python model server's folder (--python DIR), with Jib "
                        + "(offline) and publish it as NAME:VERSION.",
                "A published NAME:VERSION never changes: the same image again is a no-op, another one is refused.",
                "Example: slipway artifact push --server http://127.0.0.1:8080 image-classifier:1.0.0 "
                        + "target/image-classifier.jar --model-class com.example.ImageClassifier"
            })
    static final class Push implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ServerOption server = new ServerOption();

        @Parameters(index = "0", paramLabel = "NAME:VERSION", description = "The artifact reference.")
        String reference;

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "JAR", description = "The server's jars.")
        List<Path> jars = List.of();

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        Entry entry;

        @Option(
                names = "--python",
                paramLabel = "DIR",
                description = "Or: the folder of a Seldon Python model server "
                        + "(its modules, s2i environment file, requirements; served by the PYTHON runtime).")
        Path python;

        @Option(
                names = "--python-class",
                paramLabel = "NAME",
                description = "The Python class (default: MODEL_NAME of "
                        + "the folder's s2i environment file, else its only class, found when it starts).")
        String pythonClass;

        static final class Entry {
            @Option(names = "--model-class", paramLabel = "FQCN", description = "The dev.slipway.model.Model class.")
            String modelClass;

            @Option(names = "--main-class", paramLabel = "FQCN", description = "Or: a main class of its own.")
            String mainClass;
        }

        @Option(names = "--output", paramLabel = "FILE", description = "Also keep the OCI archive in FILE.")
        Path output;

        @Override
        public Integer call() throws IOException {
            final ArtifactRef ref = parse(reference);
            final SlipwayClient remote = server.client();
            final Path tmp = Files.createTempDirectory("slipway-push");
            try {
                final Path archive = output != null ? output : tmp.resolve("image.tar");
                final String digest;
                if (python != null) {
                    if (!jars.isEmpty() || entry != null) {
                        throw new IllegalArgumentException(
                                "--python DIR publishes a Python server: give no jars, --model-class or --main-class");
                    }
                    digest = new ServerImageBuilder().buildPython(ref, python, pythonClass, archive);
                } else {
                    if (jars.isEmpty() || entry == null || pythonClass != null) {
                        throw new IllegalArgumentException(
                                "give the server's jars and --model-class or --main-class (or --python DIR)");
                    }
                    digest = new ServerImageBuilder()
                            .build(
                                    new ServerImageBuilder.Request(ref, jars, entry.modelClass, entry.mainClass),
                                    archive);
                }
                final ArtifactPublished answer = remote.publishArtifact(ref.name(), ref.version(), archive);
                spec.commandLine()
                        .getOut()
                        .println(ref + " " + digest + " "
                                + ("unchanged".equals(answer.outcome())
                                        ? "(already published, unchanged)"
                                        : "published"));
                return 0;
            } finally {
                try (var walk = Files.walk(tmp)) {
                    walk.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** {@code slipway artifact list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the published artifacts.")
    static final class ListArtifacts implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ServerOption server = new ServerOption();

        @Mixin
        OutputFormat output = new OutputFormat();

        @Override
        public Integer call() {
            final List<ArtifactInfo> all = server.client().artifacts();
            final Table t = Table.of("NAME", "VERSION", "DIGEST", "CLASS").wide();
            for (final ArtifactInfo a : all) {
                final java.util.Map<String, String> labels = a.labels();
                t.row(
                        a.name(),
                        a.version(),
                        output.wide()
                                ? a.digest()
                                : a.digest()
                                        .substring(0, Math.min(19, a.digest().length())),
                        labels.containsKey(ServerImageBuilder.PYTHON_CLASS_LABEL)
                                ? "python:" + labels.get(ServerImageBuilder.PYTHON_CLASS_LABEL)
                                : labels.getOrDefault(
                                        ServerImageBuilder.MODEL_CLASS_LABEL,
                                        labels.getOrDefault(ServerImageBuilder.MAIN_CLASS_LABEL, "")));
            }
            Output.print(spec.commandLine().getOut(), output, all, o -> t.print(o, output.wide()));
            return 0;
        }
    }

    /** {@code slipway artifact show}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one artifact (JSON, or -o yaml).")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ServerOption server = new ServerOption();

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FORMAT",
                description = "json (default) or yaml.")
        OutputFormat.Format output = OutputFormat.Format.JSON;

        @Parameters(index = "0", paramLabel = "NAME:VERSION")
        String reference;

        @Override
        public Integer call() {
            final ArtifactRef ref = parse(reference);
            final Object artifact = server.client().artifact(ref.name(), ref.version());
            if (output == OutputFormat.Format.YAML) {
                Output.yaml(spec.commandLine().getOut(), artifact);
            } else {
                Output.json(spec.commandLine().getOut(), artifact);
            }
            return 0;
        }
    }

    static ArtifactRef parse(String reference) {
        try {
            return ArtifactRef.parse(reference);
        } catch (dev.slipway.artifact.ArtifactException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
