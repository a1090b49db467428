package dev.slipway.cli.command;

import dev.slipway.console.SignInLinks;
import dev.slipway.controlplane.auth.Role;
import dev.slipway.controlplane.auth.Tokens;
import dev.slipway.support.Durations;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code slipway token create|list}: API tokens of a {@code slipway up --auth} data folder. */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description =
                "Tokens for a 'slipway up --auth' (API: Authorization: Bearer TOKEN or SLIPWAY_TOKEN; git: http://USER:TOKEN@HOST/git/NAME.git).",
        subcommands = {Token.Create.class, Token.ListTokens.class})
public final class Token {

    static Tokens store(DataDir dataDir) {
        return new Tokens(dataDir.path().resolve("auth").resolve("tokens.json"));
    }

    /** {@code token create}. */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a token and print it (it is shown only once).")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataDir dataDir = new DataDir();

        @Option(
                names = "--user",
                required = true,
                description = "The user the token acts as (approvals are made as this user).")
        String user;

        @Option(names = "--role", description = "developer (default), approver or admin.")
        String role = "developer";

        @Option(
                names = "--web",
                description = "Print a one-time sign-in link to the web console instead of the token"
                        + " (it works once, until --expires; the token behind it stays on the server).")
        boolean web;

        @Option(
                names = "--expires",
                paramLabel = "DURATION",
                description = "How long the --web link works (default 10m," + " at most 24h; " + Durations.FORMS + ").")
        String expires;

        @Option(
                names = "--url",
                paramLabel = "URL",
                description =
                        "The console's address for --web. Default: $SLIPWAY_URL," + " else http://127.0.0.1:8080.")
        String url;

        @Override
        public Integer call() {
            if (!web && (expires != null || url != null)) {
                throw new ParameterException(spec.commandLine(), "--expires and --url go with --web");
            }
            final Role parsed = Role.parse(role);
            final Tokens tokens = store(dataDir);
            final String token = tokens.create(user, parsed);
            if (!web) {
                spec.commandLine().getOut().println(token);
                return 0;
            }
            final Duration ttl = expires == null ? SignInLinks.DEFAULT_TTL : Durations.parsePositive(expires);
            final Path data = tokens.file().getParent().getParent(); // DATA/auth/tokens.json
            final String secret = SignInLinks.in(data, Clock.systemUTC())
                    .create(token, user, parsed.name().toLowerCase(Locale.ROOT), ttl);
            final String base = dev.slipway.cli.backend.Settings.fromEnvironment()
                    .server(url)
                    .replaceAll("/+$", "");
            spec.commandLine()
                    .getErr()
                    .println("A sign-in link for " + user + " (" + parsed.name().toLowerCase(Locale.ROOT)
                            + "): it works once, for " + Durations.format(ttl) + ".");
            spec.commandLine().getOut().println(base + "/signin#link=" + secret);
            return 0;
        }
    }

    /** {@code token list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users and roles that have tokens.")
    static final class ListTokens implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataDir dataDir = new DataDir();

        @Override
        public Integer call() {
            store(dataDir)
                    .list()
                    .forEach(e -> spec.commandLine()
                            .getOut()
                            .println(e.user() + "\t" + e.role().name().toLowerCase(java.util.Locale.ROOT)));
            return 0;
        }
    }
}
