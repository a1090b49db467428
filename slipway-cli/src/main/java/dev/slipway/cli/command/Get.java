package dev.slipway.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
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

  @Option(names = "--server", paramLabel = "URL", description = "Control plane API; env SLIPWAY_URL. Default: ${DEFAULT-VALUE}.")
  String server = ApiClient.defaultServer();

  @Override
  public Integer call() throws Exception {
    if (namespace != null) {
      dev.slipway.support.DnsLabel.require("--namespace", namespace);
    }
    Delete.requireDeploymentKind(kind);
    final ApiClient api = new ApiClient(server);
    final ApiClient.Answer answer;
    if (name != null) {
      answer = api.get(ApiClient.deploymentPath(namespace == null ? "default" : namespace, name));
    } else {
      answer = api.get(namespace == null ? "/api/v1/deployments" : "/api/v1/namespaces/" + namespace + "/deployments");
    }
    if (answer.status() != 200) {
      spec.commandLine().getErr().println("error: " + answer.error());
      return 1;
    }
    final PrintWriter out = spec.commandLine().getOut();
    if (output.equals("json")) {
      out.println(answer.body().toPrettyString());
      return 0;
    }
    out.printf("%-16s %-24s %-6s %-9s %-9s %-10s %s%n", "NAMESPACE", "NAME", "READY", "REPLICAS", "RESTARTS",
        "GENERATION", "CONDITION");
    if (answer.body().isArray()) {
      answer.body().forEach(d -> row(out, d));
    } else {
      row(out, answer.body());
    }
    return 0;
  }

  private static void row(PrintWriter out, JsonNode d) {
    int ready = 0;
    int restarts = 0;
    for (final JsonNode r : d.path("replicas")) {
      ready += r.path("state").asText().equals("Ready") ? 1 : 0;
      restarts += r.path("restarts").asInt();
    }
    String condition = "";
    for (final JsonNode c : d.path("conditions")) {
      if (!c.path("type").asText().equals("Ready") || !d.path("ready").asBoolean()) {
        condition = c.path("type").asText() + "=" + c.path("status").asText() + " (" + c.path("reason").asText() + ")";
        if (!c.path("type").asText().equals("Ready")) {
          break;
        }
      }
    }
    out.printf("%-16s %-24s %-6s %-9s %-9d %-10d %s%n", d.path("namespace").asText(), d.path("name").asText(),
        d.path("ready").asBoolean() ? "True" : "False", ready + "/" + d.path("replicas").size(), restarts,
        d.path("generation").asLong(), condition);
  }
}
