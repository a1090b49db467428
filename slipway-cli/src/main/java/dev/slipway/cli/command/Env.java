package dev.slipway.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.env.Environments;
import dev.slipway.gitops.promote.PromotionException;
import dev.slipway.gitops.promote.Rollback;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.status.HistoryReader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slipway env status|history|rollback}: environments of the GitOps repository. */
@Command(name = "env", mixinStandardHelpOptions = true,
    description = "Environments: sync and health status (from slipway up), history, rollback.",
    subcommands = {Env.Status.class, Env.History.class, Env.RollbackCmd.class})
public final class Env {

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Applications with sync status, health and conditions (needs --server: the sync controller).")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--server", paramLabel = "URL", description = "Control plane API; env SLIPWAY_URL. Default: ${DEFAULT-VALUE}.")
    String server = ApiClient.defaultServer();
    @Parameters(arity = "0..1", paramLabel = "ENV") String env;
    @Option(names = {"-o", "--output"}, description = "table or json") String output = "table";

    @Override
    public Integer call() throws Exception {
      final ApiClient.Answer a = new ApiClient(server).get("/api/v1/environments"
          + (env == null ? "" : "/" + ApiClient.enc(env)));
      if (a.status() != 200) {
        spec.commandLine().getErr().println("error: " + a.error());
        return 1;
      }
      if ("json".equals(output)) {
        spec.commandLine().getOut().println(a.body().toPrettyString());
        return 0;
      }
      final var out = spec.commandLine().getOut();
      final List<JsonNode> envs = a.body().isArray() ? toList((ArrayNode) a.body()) : List.of(a.body());
      for (final JsonNode e : envs) {
        out.println(e.path("name").asText() + " (namespace " + e.path("namespace").asText() + ", "
            + e.path("promotion").asText() + ") at " + shortRev(e.path("revision").asText()) + ": "
            + e.at("/conditions/0/message").asText());
        out.printf("  %-24s %-10s %-12s %-9s %s%n", "APPLICATION", "SYNC", "HEALTH", "REVISION", "MESSAGE");
        for (final JsonNode app : e.path("applications")) {
          out.printf("  %-24s %-10s %-12s %-9s %s%n", app.path("name").asText(),
              camel(app.path("sync").asText()), camel(app.path("health").asText()),
              shortRev(app.path("appliedRevision").asText()), app.at("/conditions/0/message").asText());
        }
      }
      return 0;
    }
  }

  @Command(name = "history", mixinStandardHelpOptions = true,
      description = "Changes of an environment on main: revision, time, action, message, author, approver, synced.")
  static final class History implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GitOpsOptions where;
    @Parameters(paramLabel = "ENV") String env;
    @Option(names = {"-o", "--output"}, description = "table or json") String output = "table";

    @Override
    public Integer call() throws Exception {
      final JsonNode entries;
      if (where.direct()) {
        try (GitOpsRepository repo = where.open()) {
          final Environment e = Environments.parse(repo.trees().read(repo.main(), Environments.FILE).orElseThrow(),
              Environments.FILE).require(env);
          entries = GitOpsOptions.JSON.valueToTree(new HistoryReader(repo).history(e, 100, List.of()));
        }
      } else {
        final ApiClient.Answer a = where.api().get("/api/v1/environments/" + ApiClient.enc(env) + "/history");
        if (a.status() != 200) {
          spec.commandLine().getErr().println("error: " + a.error());
          return 1;
        }
        entries = a.body();
      }
      if ("json".equals(output)) {
        spec.commandLine().getOut().println(entries.toPrettyString());
        return 0;
      }
      final var out = spec.commandLine().getOut();
      out.printf("%-9s %-21s %-20s %-10s %-10s %-21s %s%n", "REVISION", "TIME", "ACTION", "AUTHOR", "APPROVED",
          "SYNCED", "MESSAGE");
      for (final JsonNode h : entries) {
        out.printf("%-9s %-21s %-20s %-10s %-10s %-21s %s%n", shortRev(h.path("revision").asText()),
            h.path("time").asText(), h.path("action").asText(), h.path("author").asText(),
            h.path("approvedBy").asText(), h.path("syncedAt").isNull() ? "" : h.path("syncedAt").asText(),
            h.path("message").asText());
      }
      return 0;
    }
  }

  @Command(name = "rollback", mixinStandardHelpOptions = true,
      description = "Restore an environment's folder to a revision with a new commit on main.")
  static final class RollbackCmd implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GitOpsOptions where;
    @Parameters(paramLabel = "ENV") String env;
    @Option(names = "--to", required = true, paramLabel = "REV") String to;
    @Option(names = "--as", paramLabel = "USER", description = "Default: $USER.") String user = System.getenv("USER");

    @Override
    public Integer call() throws Exception {
      if (where.direct()) {
        try (GitOpsRepository repo = where.open()) {
          spec.commandLine().getOut().println(new Rollback(repo, Clock.systemUTC()).rollback(env, to, user).summary());
          return 0;
        } catch (PromotionException e) {
          spec.commandLine().getErr().println("error: " + e.getMessage());
          return e.kind() == PromotionException.Kind.INVALID ? 2 : 1;
        }
      }
      final ApiClient.Answer a = where.api().post("/api/v1/environments/" + ApiClient.enc(env) + "/rollback",
          GitOpsOptions.JSON.createObjectNode().put("to", to).put("user", user == null ? "" : user).toString(),
          Duration.ofMinutes(1));
      if (a.status() != 200) {
        spec.commandLine().getErr().println("error: " + a.error());
        return a.status() == 400 ? 2 : 1;
      }
      spec.commandLine().getOut().println(a.body().path("summary").asText());
      return 0;
    }
  }

  static List<JsonNode> toList(ArrayNode a) {
    final List<JsonNode> l = new java.util.ArrayList<>();
    a.forEach(l::add);
    return l;
  }

  static String shortRev(String rev) {
    return rev.length() > 7 ? rev.substring(0, 7) : rev;
  }

  static String camel(String constant) {
    if (!constant.equals(constant.toUpperCase(Locale.ROOT))) {
      return constant; // already spelled the API's way (OutOfSync)
    }
    final StringBuilder sb = new StringBuilder();
    for (final String part : constant.split("_")) {
      if (!part.isEmpty()) {
        sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    return sb.toString();
  }
}
