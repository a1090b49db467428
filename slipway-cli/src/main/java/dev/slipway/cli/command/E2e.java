package dev.slipway.cli.command;

import dev.slipway.controlplane.ControlPlaneSandbox;
import dev.slipway.gitops.sandbox.Sandbox;
import dev.slipway.gitops.sandbox.SandboxOptions;
import dev.slipway.gitops.spec.ImageOverrides;
import dev.slipway.gitops.spec.ServerRegistry;
import dev.slipway.gitops.target.local.JavaServerCommand;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slipway e2e}: the throw-away environment of end-to-end tests (KIND's role), seconds instead of minutes. */
@Command(
        name = "e2e",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Start a private runtime and gateway on free ports, deploy the manifests, wait until ready, run the cases"
                    + " and/or the test command (with SLIPWAY_GATEWAY and API_AMBASSADOR set to the gateway's host:port),"
                    + " and always tear everything down. Exit status: the tests' (2: invalid input, 124: timeout).",
            "Example: slipway e2e -f deploy/ --cases cases.yaml -- python -m pytest tests/e2e"
        })
public final class E2e implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(E2e.class);

    @Spec
    CommandSpec spec;

    @Mixin
    ManifestFiles files = new ManifestFiles();

    @Option(names = "--cases", paramLabel = "FILE", description = "Declarative cases (YAML list).")
    Path cases;

    @Option(
            names = "--timeout",
            defaultValue = "10m",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Limit for the whole run. Default: ${DEFAULT-VALUE}.")
    java.time.Duration timeout = java.time.Duration.ofMinutes(10);

    @Mixin
    CustomServerOptions servers = new CustomServerOptions();

    @Mixin
    ImageAndStrictOptions manifests = new ImageAndStrictOptions();

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The test command, after '--'.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
        final JavaServerCommand server = dev.slipway.cli.replica.ReplicaJvm.command();
        final ServerRegistry registry = servers.registry();
        final Sandbox sandbox = new Sandbox(
                new ControlPlaneSandbox(
                        dir -> LocalRuntimeConfig.defaults(dir, server).withImages(servers.images(dir))),
                manifests
                        .parser()
                        .withServers(registry)
                        .withImages(ImageOverrides.parse(manifests.images, "--set-image")),
                stream(spec.commandLine().getOut()),
                stream(spec.commandLine().getErr()),
                new GrpcCases());
        return sandbox.run(new SandboxOptions(files.path, files.namespace(), cases, timeout, command));
    }

    private static PrintStream stream(PrintWriter writer) {
        return new PrintStream(
                new java.io.OutputStream() {
                    private final Writer w = writer;

                    @Override
                    public void write(int b) {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        try {
                            w.write(new String(b, off, len, StandardCharsets.UTF_8));
                            w.flush();
                        } catch (java.io.IOException e) {
                            // the terminal went away
                            LOG.debug("the terminal went away", e);
                        }
                    }
                },
                true,
                StandardCharsets.UTF_8);
    }
}
