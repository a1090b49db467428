package dev.slipway.cli.command;

import dev.slipway.api.LoggedRequest;
import dev.slipway.client.SlipwayClient;
import dev.slipway.support.DnsLabel;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code slipway logs requests DEPLOYMENT [--env ENV | -n NS] [--since 10m] [-o json]}: the predictions the built-in
 * request-log sink of {@code slipway up --request-log} kept, joined with their feedback (reward, truth).
 */
@Command(
        name = "requests",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "The last predictions of a deployment as its request log holds them (slipway up --request-log), with"
                        + " the feedback sent for them. Newest first.")
public final class LogsRequests implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "The deployment's name.")
    String deployment;

    @Option(names = "--env", paramLabel = "ENV", description = "The GitOps environment it runs in (its namespace).")
    String env;

    @Mixin
    NamespaceOption namespace = new NamespaceOption();

    @Option(
            names = "--since",
            paramLabel = "DURATION|TIME",
            description = "Only predictions made since (10m, 1h, or an" + " RFC 3339 time).")
    String since;

    @Option(names = "--limit", paramLabel = "N", description = "At most N (1-1000). Default: ${DEFAULT-VALUE}.")
    int limit = 100;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "table or json. Default: ${DEFAULT-VALUE}.")
    String output = "table";

    @Mixin
    ServerOption server = new ServerOption();

    @Override
    public Integer call() {
        DnsLabel.require("DEPLOYMENT", deployment);
        if (env != null && namespace.namespace != null) {
            throw new IllegalArgumentException("give --env or --namespace, not both");
        }
        if (!output.equals("table") && !output.equals("json")) {
            throw new IllegalArgumentException("-o " + output + ": table or json");
        }
        final SlipwayClient api = server.client();
        final String ns =
                env != null ? api.environment(DnsLabel.require("--env", env)).namespace() : namespace.orDefault();
        final List<LoggedRequest> all = api.requests(ns, deployment, since, limit);
        final PrintWriter out = spec.commandLine().getOut();
        if (output.equals("json")) {
            Output.json(out, all);
            return 0;
        }
        out.printf("%-24s %-36s %-12s %-8s %-40s %s%n", "TIME", "PUID", "PREDICTOR", "REWARD", "REQUEST", "RESPONSE");
        for (final LoggedRequest r : all) {
            out.printf(
                    "%-24s %-36s %-12s %-8s %-40s %s%n",
                    r.time(),
                    r.puid(),
                    r.predictor(),
                    r.feedback() == null || r.feedback().reward() == null
                            ? ""
                            : r.feedback().reward(),
                    shortJson(r.request(), r.truncated()),
                    shortJson(r.response(), r.truncated()));
        }
        out.flush();
        return 0;
    }

    private static String shortJson(Object value, boolean truncated) {
        if (value == null) {
            return truncated ? "(too large)" : "-";
        }
        final String text;
        try {
            text = SlipwayClient.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(value);
        }
        return text.length() > 60 ? text.substring(0, 59) + "…" : text;
    }
}
