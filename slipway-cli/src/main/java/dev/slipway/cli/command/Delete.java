package dev.slipway.cli.command;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slipway delete deployment NAME}: drains and stops a deployment on a running control plane. */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Delete a deployment: its route goes first, then its replicas are drained and stopped.")
public final class Delete implements Callable<Integer> {

    private static final Set<String> KINDS =
            Set.of("deployment", "deployments", "seldondeployment", "seldondeployments", "sdep");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "deployment")
    String kind;

    @Parameters(index = "1", paramLabel = "NAME", description = "The deployment's name.")
    String name;

    @Mixin
    NamespaceOption namespace = new NamespaceOption();

    @Option(
            names = "--force",
            description = "Also delete a deployment that a GitOps environment manages (it shows "
                    + "OutOfSync/Missing until self-heal recreates it).")
    boolean force;

    @Mixin
    ServerOption server = new ServerOption();

    static void requireDeploymentKind(String kind) {
        if (!KINDS.contains(kind.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("unknown kind '" + kind + "' (expected: deployment)");
        }
    }

    @Override
    public Integer call() throws Exception {
        requireDeploymentKind(kind);
        final String ns = namespace.orDefault();
        server.client().delete(ns, name, Duration.ofMinutes(5), force);
        spec.commandLine().getOut().println("seldondeployment " + ns + "/" + name + " deleted");
        return 0;
    }
}
