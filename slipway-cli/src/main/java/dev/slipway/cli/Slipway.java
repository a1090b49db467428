package dev.slipway.cli;

import dev.slipway.cli.build.BuildInfo;
import dev.slipway.cli.command.CdsTraining;
import dev.slipway.cli.command.CredentialsCommand;
import dev.slipway.cli.command.Delete;
import dev.slipway.cli.command.Demo;
import dev.slipway.cli.command.Deploy;
import dev.slipway.cli.command.E2e;
import dev.slipway.cli.command.Get;
import dev.slipway.cli.command.JenkinsfileCommand;
import dev.slipway.cli.command.PipelineCommand;
import dev.slipway.cli.command.Predict;
import dev.slipway.cli.command.Serve;
import dev.slipway.cli.command.TestModel;
import dev.slipway.cli.command.Up;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code slipway} command: continuous delivery of machine-learning models, Seldon-compatible. */
@Command(
        name = "slipway",
        mixinStandardHelpOptions = true,
        versionProvider = Slipway.Version.class,
        description = "Continuous delivery of machine-learning models on the JVM, compatible with Seldon Core.",
        subcommands = {
            dev.slipway.cli.command.QuickstartCommand.class,
            Demo.class,
            dev.slipway.cli.command.Token.class,
            Serve.class,
            Predict.class,
            CdsTraining.class,
            Up.class,
            dev.slipway.cli.command.Down.class,
            dev.slipway.cli.command.Logs.class,
            Deploy.class,
            Get.class,
            Delete.class,
            E2e.class,
            dev.slipway.cli.command.Gitops.class,
            dev.slipway.cli.command.Promote.class,
            dev.slipway.cli.command.Promotions.class,
            dev.slipway.cli.command.Env.class,
            dev.slipway.cli.command.Artifact.class,
            dev.slipway.cli.command.Servers.class,
            dev.slipway.cli.command.RepoCommand.class,
            PipelineCommand.class,
            CredentialsCommand.class,
            JenkinsfileCommand.class,
            TestModel.class,
            dev.slipway.cli.command.Render.class,
            dev.slipway.cli.command.Install.class,
            dev.slipway.cli.command.Image.class,
            dev.slipway.cli.command.Completion.class,
            dev.slipway.cli.command.InstallCli.class,
            dev.slipway.cli.command.GatewayCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Slipway {

    @CommandLine.Option(
            names = Logging.OPTION,
            paramLabel = "LEVEL",
            scope = CommandLine.ScopeType.INHERIT,
            converter = Logging.LevelConverter.class,
            description = "Log level of Slipway's own messages on stderr: error, warn, info, debug, trace (env"
                    + " SLIPWAY_LOG_LEVEL). Default: info for up, serve and gateway, warn otherwise.")
    @org.jspecify.annotations.Nullable
    String logLevel;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests and embedding). */
    public static int run(String... args) {
        return run(null, null, args);
    }

    /** Runs the command line with its output and errors sent to the given writers (null: standard streams). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        Logging.configure(args, System.getenv());
        CommandLine cl = new CommandLine(new Slipway());
        if (out != null) {
            cl.setOut(out);
        }
        if (err != null) {
            cl.setErr(err);
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(BusyPort.printing(Slipway::exitCode));
        return cl.execute(args);
    }

    /**
     * A bad flag value, or input the server or the repository refused as invalid, is a usage error (2); anything else a
     * failure (1).
     */
    static int exitCode(Exception e) {
        if (e instanceof dev.slipway.client.SlipwayException s) {
            return s.badRequest() ? 2 : 1;
        }
        if (e instanceof dev.slipway.gitops.promote.PromotionException p) {
            return p.kind() == dev.slipway.gitops.promote.PromotionException.Kind.INVALID ? 2 : 1;
        }
        return e instanceof IllegalArgumentException ? 2 : 1;
    }

    /** The version printed by {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {BuildInfo.load().line()};
        }
    }
}
