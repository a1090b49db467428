package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Tests for {@link BusyPort}: a bind failure names the flag of the port that is taken. */
class BusyPortTest {

    @Command(name = "fake")
    static final class TwoPorts {
        @Option(names = "--gateway-port")
        int gatewayPort = 0;

        @Option(names = "--api-port")
        int apiPort = 0;

        @Option(names = "--host")
        String host = "127.0.0.1";

        @Option(names = "--timeout")
        int timeout = 5;
    }

    private static CommandLine.Model.CommandSpec parsed(String... args) {
        final CommandLine cl = new CommandLine(new TwoPorts());
        cl.parseArgs(args);
        return cl.getCommandSpec();
    }

    @Test
    void explain_busyApiPort_namesApiPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            final int port = taken.getLocalPort();
            final String advice = BusyPort.explain(
                            new IllegalStateException("cannot start", new BindException("Address already in use")),
                            parsed("--api-port", String.valueOf(port)))
                    .orElseThrow();
            assertThat(advice)
                    .isEqualTo("port " + port + " is already in use: choose another with --api-port PORT"
                            + " (0: any free one)");
        }
    }

    @Test
    void explain_portFreedMeanwhile_listsEveryPortFlag() {
        final String advice = BusyPort.explain(new BindException("Address already in use"), parsed())
                .orElseThrow();
        assertThat(advice).contains("--gateway-port 0", "--api-port 0").doesNotContain("--timeout");
    }

    @Test
    void explain_otherFailures_areLeftAlone() {
        assertThat(BusyPort.explain(new IllegalStateException("model not found"), parsed()))
                .isEmpty();
    }

    @Test
    void serve_onABusyPort_namesPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            final int port = taken.getLocalPort();
            final Path iris =
                    Path.of("../examples/models/iris").toAbsolutePath().normalize();
            final Cli.Run run = Cli.run(
                    "serve",
                    "--implementation",
                    "SKLEARN_SERVER",
                    "--model-uri",
                    iris.toUri().toString(),
                    "--port",
                    String.valueOf(port),
                    "--grpc-port",
                    "-1");
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.err()).contains("port " + port + " is already in use: choose another with --port PORT");
        }
    }
}
