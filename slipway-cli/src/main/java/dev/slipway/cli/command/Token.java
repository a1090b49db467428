package dev.slipway.cli.command;

import dev.slipway.controlplane.auth.Role;
import dev.slipway.controlplane.auth.Tokens;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slipway token create|list}: API tokens of a {@code slipway up --auth} data folder. */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Tokens for a 'slipway up --auth' (API: Authorization: Bearer TOKEN or SLIPWAY_TOKEN; git: http://USER:TOKEN@HOST/git/NAME.git).",
    subcommands = {Token.Create.class, Token.ListTokens.class})
public final class Token {

  static Tokens store(Path dataDir) {
    Path data = dev.slipway.cli.backend.Settings.fromEnvironment().dataDir(dataDir, "data");
    return new Tokens(data.resolve("auth").resolve("tokens.json"));
  }

  /** {@code token create}. */
  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token and print it (it is shown only once).")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The data folder of slipway up. Default: $SLIPWAY_DATA_DIR, else $HOME/.slipway/data.")
    Path dataDir;

    @Option(names = "--user", required = true, description = "The user the token acts as (approvals are made as this user).")
    String user;

    @Option(names = "--role", description = "developer (default), approver or admin.")
    String role = "developer";

    @Override
    public Integer call() {
      spec.commandLine().getOut().println(store(dataDir).create(user, Role.parse(role)));
      return 0;
    }
  }

  /** {@code token list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users and roles that have tokens.")
  static final class ListTokens implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The data folder of slipway up. Default: $SLIPWAY_DATA_DIR, else $HOME/.slipway/data.")
    Path dataDir;

    @Override
    public Integer call() {
      store(dataDir).list().forEach(e -> spec.commandLine().getOut().println(e.user() + "\t" + e.role().name().toLowerCase(java.util.Locale.ROOT)));
      return 0;
    }
  }
}
