package dev.slipway.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.gitops.promote.PromotionException;
import dev.slipway.gitops.promote.PromotionState;
import dev.slipway.gitops.promote.Reviewer;
import dev.slipway.gitops.repo.GitOpsRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slipway promotions list|show|approve|reject}: review of promotion requests. */
@Command(name = "promotions", mixinStandardHelpOptions = true,
    description = "Promotion requests to approval environments: list, show (with the diff), approve, reject.",
    subcommands = {Promotions.ListCmd.class, Promotions.Show.class, Promotions.Approve.class,
        Promotions.Reject.class})
public final class Promotions {

  /** Runs {@code direct} on the repository or {@code remote} through the API; prints JSON or the error. */
  abstract static class Base implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GitOpsOptions where;

    @Override
    public Integer call() throws Exception {
      final JsonNode result;
      if (where.direct()) {
        try (GitOpsRepository repo = where.open()) {
          result = direct(new Reviewer(repo, Clock.systemUTC()));
        } catch (PromotionException e) {
          spec.commandLine().getErr().println("error: " + e.getMessage());
          return e.kind() == PromotionException.Kind.INVALID ? 2 : 1;
        }
      } else {
        final ApiClient.Answer a = remote(where.api());
        if (a.status() >= 300) {
          spec.commandLine().getErr().println("error: " + a.error());
          return a.status() == 400 ? 2 : 1;
        }
        result = a.body();
      }
      print(result);
      return 0;
    }

    abstract JsonNode direct(Reviewer reviewer);

    abstract ApiClient.Answer remote(ApiClient api) throws Exception;

    void print(JsonNode result) {
      spec.commandLine().getOut().println(result.toPrettyString());
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List promotion requests, newest first.")
  static final class ListCmd extends Base {
    @Option(names = "--env", paramLabel = "ENV") String env;
    @Option(names = "--state", paramLabel = "STATE", description = "open, approved, rejected, merged, superseded")
    String state;
    @Option(names = {"-o", "--output"}, description = "table or json") String output = "table";

    @Override
    JsonNode direct(Reviewer reviewer) {
      return GitOpsOptions.JSON.valueToTree(reviewer.list(env, state == null ? null : parse(state)));
    }

    @Override
    ApiClient.Answer remote(ApiClient api) throws Exception {
      return api.get("/api/v1/promotions?env=" + ApiClient.enc(env == null ? "" : env) + "&state="
          + ApiClient.enc(state == null ? "" : state));
    }

    @Override
    void print(JsonNode result) {
      if ("json".equals(output)) {
        super.print(result);
        return;
      }
      final var out = spec.commandLine().getOut();
      out.printf("%-12s %-12s %-10s %-12s %-24s %s%n", "ID", "ENV", "STATE", "AUTHOR", "DEPLOYMENTS", "ASSIGNEES");
      for (final JsonNode r : result) {
        out.printf("%-12s %-12s %-10s %-12s %-24s %s%n", r.path("id").asText(), r.path("environment").asText(),
            r.path("state").asText().toLowerCase(Locale.ROOT), r.path("author").asText(),
            join(r.path("deployments")), join(r.path("assignees")));
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "A promotion request and its diff.")
  static final class Show extends Base {
    @Parameters(paramLabel = "ID") String id;

    @Override
    JsonNode direct(Reviewer reviewer) {
      final Reviewer.Shown s = reviewer.show(id);
      return GitOpsOptions.JSON.<com.fasterxml.jackson.databind.node.ObjectNode>valueToTree(s.request())
          .put("diff", s.diff());
    }

    @Override
    ApiClient.Answer remote(ApiClient api) throws Exception {
      return api.get("/api/v1/promotions/" + ApiClient.enc(id));
    }

    @Override
    void print(JsonNode r) {
      final var out = spec.commandLine().getOut();
      out.println("id:          " + r.path("id").asText());
      out.println("environment: " + r.path("environment").asText());
      out.println("state:       " + r.path("state").asText().toLowerCase(Locale.ROOT));
      out.println("author:      " + r.path("author").asText() + " " + r.path("email").asText());
      out.println("assignees:   " + join(r.path("assignees")));
      out.println("source:      " + r.path("sourceRepository").asText() + " " + r.path("sourceCommit").asText());
      out.println("branch:      " + r.path("branch").asText() + " at " + r.path("headCommit").asText());
      out.println("files:       " + join(r.path("changedFiles")));
      for (final JsonNode d : r.path("decisions")) {
        out.println("decision:    " + d.path("at").asText() + " " + d.path("user").asText() + " "
            + d.path("verdict").asText().toLowerCase(Locale.ROOT) + ": " + d.path("reason").asText());
      }
      out.println();
      out.print(r.path("diff").asText());
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = "Approve and merge a request (a listed approver who is not its author).")
  static final class Approve extends Base {
    @Parameters(paramLabel = "ID") String id;
    @Option(names = "--as", required = true, paramLabel = "USER") String user;

    @Override
    JsonNode direct(Reviewer reviewer) {
      return GitOpsOptions.JSON.valueToTree(reviewer.approve(id, user));
    }

    @Override
    ApiClient.Answer remote(ApiClient api) throws Exception {
      return api.post("/api/v1/promotions/" + ApiClient.enc(id) + "/approve",
          GitOpsOptions.JSON.createObjectNode().put("user", user).toString(), Duration.ofMinutes(2));
    }

    @Override
    void print(JsonNode r) {
      spec.commandLine().getOut().println("promotion " + r.path("id").asText() + " approved by " + user
          + " and merged into main: " + r.path("mergeCommit").asText());
    }
  }

  @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a request, with a reason.")
  static final class Reject extends Base {
    @Parameters(paramLabel = "ID") String id;
    @Option(names = "--as", required = true, paramLabel = "USER") String user;
    @Option(names = "--reason", required = true, paramLabel = "TEXT") String reason;

    @Override
    JsonNode direct(Reviewer reviewer) {
      return GitOpsOptions.JSON.valueToTree(reviewer.reject(id, user, reason));
    }

    @Override
    ApiClient.Answer remote(ApiClient api) throws Exception {
      return api.post("/api/v1/promotions/" + ApiClient.enc(id) + "/reject", GitOpsOptions.JSON.createObjectNode()
          .put("user", user).put("reason", reason).toString(), Duration.ofMinutes(1));
    }

    @Override
    void print(JsonNode r) {
      spec.commandLine().getOut().println("promotion " + r.path("id").asText() + " rejected by " + user);
    }
  }

  static PromotionState parse(String state) {
    try {
      return PromotionState.valueOf(state.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--state: '" + state + "' is not one of open, approved, rejected, merged,"
          + " superseded");
    }
  }

  static String join(JsonNode array) {
    final java.util.List<String> parts = new java.util.ArrayList<>();
    array.forEach(n -> parts.add(n.asText()));
    return String.join(",", parts);
  }
}
