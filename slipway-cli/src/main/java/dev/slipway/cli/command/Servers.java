package dev.slipway.cli.command;

import dev.slipway.api.ServerRegistration;
import dev.slipway.api.ServerReport;
import dev.slipway.cli.backend.GitOpsBackend;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slipway servers register|list|show}: the servers registry ({@code servers.yaml}) of a GitOps repository. */
@Command(
        name = "servers",
        mixinStandardHelpOptions = true,
        description = "Reusable custom servers registered under an implementation name in the GitOps repository.",
        subcommands = {Servers.Register.class, Servers.ListServers.class, Servers.Show.class})
public final class Servers {

    /** {@code slipway servers register}. */
    @Command(
            name = "register",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Register (or update) NAME -> {image, modelClass} in servers.yaml by a commit on main.",
                "Example: slipway servers register IMAGE_CLASSIFIER --image image-classifier:1.0.0 "
                        + "--model-class com.example.ImageClassifier --gitops /srv/gitops.git"
            })
    static final class Register implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        GitOpsOptions where;

        @Parameters(index = "0", paramLabel = "NAME", description = "Implementation name, e.g. IMAGE_CLASSIFIER.")
        String name;

        @Option(
                names = "--image",
                required = true,
                paramLabel = "NAME:VERSION",
                description = "The published artifact.")
        String image;

        @Option(names = "--model-class", paramLabel = "FQCN", description = "Default: the image's label.")
        String modelClass;

        // in a pipeline step, GIT_AUTHOR_* name whoever pushed the commit being built (as for slipway promote)
        @Option(names = "--author", paramLabel = "NAME", description = "Default: $GIT_AUTHOR_NAME, else $USER.")
        String author =
                System.getenv().getOrDefault("GIT_AUTHOR_NAME", System.getenv().getOrDefault("USER", "slipway"));

        @Option(names = "--email", paramLabel = "EMAIL", description = "Default: $GIT_AUTHOR_EMAIL.")
        String email = System.getenv().getOrDefault("GIT_AUTHOR_EMAIL", "");

        @Override
        public Integer call() {
            try (GitOpsBackend backend = where.backend()) {
                spec.commandLine()
                        .getOut()
                        .println(backend.register(new ServerRegistration(name, image, modelClass, author, email))
                                .message());
            }
            return 0;
        }
    }

    /** {@code slipway servers list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Registered servers and who uses them.")
    static final class ListServers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        GitOpsOptions where;

        @Mixin
        OutputFormat output = new OutputFormat();

        @Override
        public Integer call() {
            try (GitOpsBackend backend = where.backend()) {
                final List<ServerReport> all = backend.servers();
                final Table t = Table.of("NAME", "IMAGE", "VERSIONS", "USED BY", "MODEL CLASS")
                        .wide("MODEL CLASS");
                for (final ServerReport r : all) {
                    t.row(
                            r.name(),
                            r.image(),
                            r.versions().size(),
                            String.join(
                                    ", ",
                                    r.uses().stream()
                                            .map(u -> u.environment() + "/" + u.deployment())
                                            .distinct()
                                            .toList()),
                            r.modelClass());
                }
                Output.print(spec.commandLine().getOut(), output, all, o -> t.print(o, output.wide()));
            }
            return 0;
        }
    }

    /** {@code slipway servers show}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "One server: versions and users.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        GitOpsOptions where;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Mixin
        OutputFormat output = new OutputFormat();

        @Override
        public Integer call() {
            try (GitOpsBackend backend = where.backend()) {
                final ServerReport r = backend.server(name);
                Output.print(spec.commandLine().getOut(), output, r, out -> text(out, r));
            }
            return 0;
        }

        private static void text(java.io.PrintWriter out, ServerReport r) {
            out.println("name:       " + r.name());
            out.println("image:      " + r.image());
            out.println("modelClass: " + (r.modelClass() == null ? "(image label)" : r.modelClass()));
            out.println("versions:");
            final Table versions =
                    Table.of("IMAGE", "COMMIT", "TIME", "AUTHOR", "ACTION").indent("  ");
            r.versions()
                    .forEach(v ->
                            versions.row(v.image(), Output.shortRev(v.commit()), v.time(), v.author(), v.action()));
            versions.print(out);
            out.println("used by:");
            final Table uses =
                    Table.of("ENV", "DEPLOYMENT", "NODE", "VIA", "FILE").indent("  ");
            r.uses().forEach(u -> uses.row(u.environment(), u.deployment(), u.node(), u.via(), u.file()));
            uses.print(out);
        }
    }
}
