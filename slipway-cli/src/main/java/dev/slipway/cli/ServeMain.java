package dev.slipway.cli;

import dev.slipway.cli.command.Serve;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The main class of a replica JVM: {@code slipway serve} alone, so that a replica starts on the smallest class path
 * (the model server, its runtime and picocli) without the rest of the CLI. Takes the same arguments as {@code slipway
 * serve …}, the word {@code serve} first or not.
 */
public final class ServeMain {

    private ServeMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs {@code serve} with {@code args} and returns its exit code. */
    static int run(String... args) {
        final String[] serveArgs =
                args.length > 0 && args[0].equals("serve") ? Arrays.copyOfRange(args, 1, args.length) : args;
        Logging.configure(args, System.getenv());
        final CommandLine cl = new CommandLine(new Serve());
        // Slipway.exitCode knows exceptions of modules a replica's class path leaves out
        cl.setExecutionExceptionHandler(BusyPort.printing(e -> e instanceof IllegalArgumentException ? 2 : 1));
        return cl.execute(serveArgs);
    }
}
