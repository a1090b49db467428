package dev.slipway.cli.command;

import dev.slipway.api.ServerRegistration;
import dev.slipway.api.ServerReport;
import dev.slipway.cli.backend.GitOpsBackend;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
    static final class Register extends GitOpsCommand.OnRepository {
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

        @Mixin
        AuthorOptions author = new AuthorOptions();

        @Override
        void run(GitOpsBackend backend, PrintWriter out) {
            out.println(backend.register(new ServerRegistration(name, image, modelClass, author.name(), author.email()))
                    .message());
        }
    }

    /** {@code slipway servers list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Registered servers and who uses them.")
    static final class ListServers extends GitOpsCommand.OnRepository {
        @Mixin
        OutputFormat output = new OutputFormat();

        @Override
        void run(GitOpsBackend backend, PrintWriter out) {
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
            Output.print(out, output, all, o -> t.print(o, output.wide()));
        }
    }

    /** {@code slipway servers show}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "One server: versions and users.")
    static final class Show extends GitOpsCommand.OnRepository {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Mixin
        OutputFormat output = new OutputFormat();

        @Override
        void run(GitOpsBackend backend, PrintWriter out) {
            final ServerReport r = backend.server(name);
            Output.print(out, output, r, o -> text(o, r));
        }

        private static void text(PrintWriter out, ServerReport r) {
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
