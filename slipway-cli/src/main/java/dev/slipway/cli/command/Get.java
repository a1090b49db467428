package dev.slipway.cli.command;

import dev.slipway.api.Condition;
import dev.slipway.api.Deployment;
import dev.slipway.client.SlipwayClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slipway get deployments [NAME]}: what runs, from a running control plane. */
@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Show deployments: 'slipway get deployments' (a table; every namespace unless -n) or 'slipway get"
                    + " deployment NAME -o json'.",
            "READY is ready replicas running the applied spec over the replicas it asks for; SERVING counts every ready"
                    + " replica, old ones still answering during a rollout included."
        })
public final class Get implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "deployments (or deployment, sdep)")
    String kind;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "One deployment.")
    String name;

    @Mixin
    NamespaceOption namespace = new NamespaceOption();

    @Mixin
    OutputFormat output = new OutputFormat();

    @Mixin
    ServerOption server = new ServerOption();

    @Override
    public Integer call() {
        Delete.requireDeploymentKind(kind);
        final SlipwayClient api = server.client();
        final PrintWriter out = spec.commandLine().getOut();
        if (name != null) {
            final Deployment one = api.deployment(namespace.orDefault(), name);
            Output.print(out, output, one, o -> table(List.of(one)).print(o, output.wide()));
            return 0;
        }
        final List<Deployment> all = api.deployments(namespace.given());
        Output.print(out, output, all, o -> table(all).print(o, output.wide()));
        return 0;
    }

    /**
     * READY is ready replicas running the applied spec / replicas it wants; SERVING counts every ready replica, so old
     * replicas still answering during a rollout show there (3/3 with SERVING 4); STATUS says Ready, Progressing or why
     * not, never a bare True/False.
     */
    static Table table(List<Deployment> all) {
        final Table t = Table.of(
                        "NAMESPACE",
                        "NAME",
                        "READY",
                        "SERVING",
                        "STATUS",
                        "RESTARTS",
                        "GENERATION",
                        "REPLICAS",
                        "CONDITION")
                .wide("REPLICAS", "CONDITION");
        for (final Deployment d : all) {
            final int restarts =
                    d.replicas().stream().mapToInt(Deployment.Replica::restarts).sum();
            t.row(
                    d.namespace(),
                    d.name(),
                    d.readyUpToDateOrServing() + "/" + d.wantedOrListed(),
                    d.serving(),
                    status(d),
                    restarts,
                    d.generation(),
                    d.replicas().size(),
                    condition(d));
        }
        return t;
    }

    /** Ready; Progressing (with how many old replicas still serve); else the Ready condition's reason. */
    static String status(Deployment d) {
        final java.util.Optional<Condition> ready =
                d.conditions().stream().filter(c -> c.type().equals("Ready")).findFirst();
        final long old = d.serving() - d.readyUpToDateOrServing();
        final boolean progressing = d.conditions().stream()
                .anyMatch(c -> c.type().equals("Progressing") && c.status().equals("True"));
        if (d.ready() && !progressing) {
            return "Ready";
        }
        if (progressing || (ready.isPresent() && ready.get().reason().equals("Progressing"))) {
            return old > 0 ? "Progressing (" + old + " old serving)" : "Progressing";
        }
        return ready.map(Condition::reason).orElse("Unknown");
    }

    private static String condition(Deployment d) {
        for (final Condition c : d.conditions()) {
            if (!c.type().equals("Ready") || !d.ready()) {
                return c.type() + "=" + c.status() + " (" + c.reason() + ")";
            }
        }
        return "";
    }
}
