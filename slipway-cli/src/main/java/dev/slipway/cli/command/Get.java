package dev.slipway.cli.command;

import dev.slipway.api.Condition;
import dev.slipway.api.Deployment;
import dev.slipway.cli.backend.Settings;
import dev.slipway.client.SlipwayClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slipway get deployments [NAME]}: what runs, from a running control plane. */
@Command(name = "get", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Show deployments: 'slipway get deployments' (a table) or 'slipway get deployment NAME -o json'.")
public final class Get implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KIND", description = "deployments (or deployment, sdep)")
  String kind;

  @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "One deployment.")
  String name;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Only this namespace (default for NAME: default).")
  String namespace;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table or json. Default: ${DEFAULT-VALUE}.")
  String output = "table";

  @Option(names = "--server", paramLabel = "URL",
      description = "Control plane API; env SLIPWAY_URL. Default: " + SlipwayClient.DEFAULT_URL + ".")
  String server;

  @Override
  public Integer call() {
    if (namespace != null) {
      dev.slipway.support.DnsLabel.require("--namespace", namespace);
    }
    Delete.requireDeploymentKind(kind);
    final SlipwayClient api = Settings.fromEnvironment().client(server);
    final PrintWriter out = spec.commandLine().getOut();
    if (name != null) {
      final Deployment one = api.deployment(namespace == null ? "default" : namespace, name);
      if (output.equals("json")) {
        Output.json(out, one);
        return 0;
      }
      table(out, List.of(one));
      return 0;
    }
    final List<Deployment> all = api.deployments(namespace);
    if (output.equals("json")) {
      Output.json(out, all);
      return 0;
    }
    table(out, all);
    return 0;
  }

  private static void table(PrintWriter out, List<Deployment> all) {
    out.printf("%-16s %-24s %-6s %-9s %-9s %-10s %s%n", "NAMESPACE", "NAME", "READY", "REPLICAS", "RESTARTS",
        "GENERATION", "CONDITION");
    all.forEach(d -> row(out, d));
  }

  private static void row(PrintWriter out, Deployment d) {
    final long ready = d.replicas().stream().filter(r -> r.state().equals("Ready")).count();
    final int restarts = d.replicas().stream().mapToInt(Deployment.Replica::restarts).sum();
    String condition = "";
    for (final Condition c : d.conditions()) {
      if (!c.type().equals("Ready") || !d.ready()) {
        condition = c.type() + "=" + c.status() + " (" + c.reason() + ")";
        if (!c.type().equals("Ready")) {
          break;
        }
      }
    }
    out.printf("%-16s %-24s %-6s %-9s %-9d %-10d %s%n", d.namespace(), d.name(), d.ready() ? "True" : "False",
        ready + "/" + d.replicas().size(), restarts, d.generation(), condition);
  }
}
