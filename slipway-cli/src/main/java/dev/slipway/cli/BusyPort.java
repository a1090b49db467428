package dev.slipway.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one place a failure to bind a port becomes advice naming the flag to change: every command's port options
 * ({@code --port}, {@code --api-port}, {@code --gateway-port}, {@code --grpc-port}, …) are found on the command
 * itself, and the ones whose port is taken now are named ({@code port 8080 is already in use: choose another with
 * --api-port PORT (0: any free one)}).
 */
final class BusyPort {

    private BusyPort() {}

    /**
     * The CLI's handler of a command's failure: prints {@code error: …} (the busy port's advice, else the message)
     * and exits with {@code exitCode}'s answer.
     */
    static picocli.CommandLine.IExecutionExceptionHandler printing(
            java.util.function.ToIntFunction<Exception> exitCode) {
        return (e, cmd, parsed) -> {
            final String busy = explain(e, cmd.getCommandSpec()).orElse(null);
            cmd.getErr()
                    .println(
                            "error: " + (busy != null ? busy : e.getMessage() == null ? e.toString() : e.getMessage()));
            return exitCode.applyAsInt(e);
        };
    }

    /** The advice for {@code failure} when it is a busy port, for the command that failed. */
    static Optional<String> explain(Throwable failure, CommandSpec command) {
        if (!isBindFailure(failure)) {
            return Optional.empty();
        }
        final List<OptionSpec> ports = portOptions(command);
        if (ports.isEmpty()) {
            return Optional.empty();
        }
        final String host = command.optionsMap().containsKey("--host")
                        && command.findOption("--host").getValue() != null
                ? command.findOption("--host").getValue().toString()
                : "127.0.0.1";
        final List<String> busy = new ArrayList<>();
        for (final OptionSpec o : ports) {
            final Object value = o.getValue();
            if (value instanceof Integer port && port > 0 && !free(host, port)) {
                busy.add("port " + port + " is already in use: choose another with " + o.longestName() + " PORT");
            }
        }
        if (busy.isEmpty()) {
            final List<String> names = ports.stream()
                    .map(o -> o.longestName() + " " + o.getValue())
                    .toList();
            return Optional.of("a port is already in use (" + failure.getMessage() + "): choose others with "
                    + String.join(", ", names) + " (0: any free one)");
        }
        return Optional.of(String.join("; ", busy) + " (0: any free one)");
    }

    /** True when {@code failure} or a cause is a bind failure ({@link BindException}, "Address already in use"). */
    static boolean isBindFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    /** The command's options whose name ends in {@code port} and whose value is a number. */
    static List<OptionSpec> portOptions(CommandSpec command) {
        return command.options().stream()
                .filter(o -> o.longestName().endsWith("port"))
                .filter(o -> o.type() == int.class || o.type() == Integer.class)
                .toList();
    }

    private static boolean free(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
