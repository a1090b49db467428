package dev.slipway.gitops.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.gitops.target.RuntimeListener;
import dev.slipway.gitops.target.RuntimeTarget;
import dev.slipway.gitops.target.local.JavaServerCommand;
import dev.slipway.gitops.target.local.LocalRuntime;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import dev.slipway.gitops.testing.FakeModelServer;
import dev.slipway.testing.SeldonManifests;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link Sandbox} with a real local runtime (its gateway address is a placeholder here). */
class SandboxTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> events = new ArrayList<>();
    private final List<Path> workDirs = new ArrayList<>();
    private final List<LocalRuntime> runtimes = new ArrayList<>();

    private final SandboxEnvironmentFactory factory = new SandboxEnvironmentFactory() {
        @Override
        public void check(Manifest manifest, String namespace) {
            LocalRuntime.checkManifest(manifest);
        }

        @Override
        public SandboxEnvironment start(Path workDir) {
            events.add("start");
            workDirs.add(workDir);
            final JavaServerCommand command = new JavaServerCommand(
                    ProcessHandle.current().info().command().orElseThrow(),
                    System.getProperty("java.class.path"),
                    FakeModelServer.class.getName(),
                    JavaServerCommand.DEFAULT_JVM_OPTIONS);
            final LocalRuntime runtime = new LocalRuntime(
                    LocalRuntimeConfig.defaults(workDir, command).withReadyTimeout(Duration.ofSeconds(30)),
                    RuntimeListener.none());
            runtimes.add(runtime);
            return new SandboxEnvironment() {
                @Override
                public RuntimeTarget target() {
                    return runtime;
                }

                @Override
                public String gatewayAddress() {
                    return "127.0.0.1:9";
                }

                @Override
                public void close() {
                    events.add("close");
                    runtime.close();
                }
            };
        }
    };

    private Sandbox sandbox() {
        return new Sandbox(
                factory,
                new SpecParser(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path manifest(String name, String extraParam) throws Exception {
        final Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, SeldonManifests.deployment("%s", """
        - name: p
          graph:
            name: m
            implementation: SKLEARN_SERVER
            modelUri: ./model
            parameters: [%s]
        """).formatted(name, extraParam));
        return file;
    }

    @Test
    void run_badManifest_failsFastWithFieldPathAndStartsNothing() throws Exception {
        final Path file = manifest("bad", "{name: n, type: INT, value: abc}");
        final int status = sandbox().run(new SandboxOptions(file, null, null, Duration.ofMinutes(1), List.of("true")));
        assertThat(status).isEqualTo(Sandbox.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("spec.predictors[0].graph.parameters[0].value: 'abc' is not an INT");
        assertThat(events).isEmpty();
    }

    @Test
    void run_setImageMatchingNoContainer_failsFastNamingItAndStartsNothing() throws Exception {
        final Path file = manifest("plain", "");
        final Sandbox sandbox = new Sandbox(
                factory,
                new SpecParser()
                        .withImages(dev.slipway.gitops.spec.ImageOverrides.parse(
                                List.of("my-server=my-server:abc"), "--set-image")),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        final int status = sandbox.run(new SandboxOptions(file, null, null, Duration.ofMinutes(1), List.of("true")));
        assertThat(status).isEqualTo(Sandbox.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--set-image my-server: no container in " + file);
        assertThat(events).isEmpty();
    }

    @Test
    void run_command_getsGatewayEnvironmentAndItsExitStatusIsReturned() throws Exception {
        final Path file = manifest("good", "");
        final Path marker = dir.resolve("env.txt");
        final int status = sandbox()
                .run(new SandboxOptions(
                        file,
                        "team",
                        null,
                        Duration.ofMinutes(2),
                        List.of("sh", "-c", "echo \"$SLIPWAY_GATEWAY $API_AMBASSADOR\" > " + marker + "; exit 7")));
        assertThat(status).isEqualTo(7);
        assertThat(Files.readString(marker).trim()).isEqualTo("127.0.0.1:9 127.0.0.1:9");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("deployment team/good is ready");
        assertThat(events).containsExactly("start", "close");
        assertThat(workDirs.get(0)).doesNotExist();
    }

    @Test
    void run_replicaFailsToLoad_reportsReplicaAndLogTailAndTearsDown() throws Exception {
        final Path file = manifest("broken", "{name: fail, type: INT, value: \"4\"}");
        final int status = sandbox().run(new SandboxOptions(file, null, null, Duration.ofMinutes(2), List.of("true")));
        assertThat(status).isEqualTo(Sandbox.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("deployment default/broken did not become ready")
                .contains("replica default/broken/p/m#0")
                .contains("simulated failure");
        assertThat(events).containsExactly("start", "close");
    }

    @Test
    void run_timeoutWhileTheCommandRuns_is124AndKillsTheCommand() throws Exception {
        final Path file = manifest("slow", "");
        final Path pidFile = dir.resolve("pid");
        final int status = sandbox()
                .run(new SandboxOptions(
                        file,
                        null,
                        null,
                        Duration.ofSeconds(20),
                        List.of("sh", "-c", "echo $$ > " + pidFile + "; exec sleep 600")));
        assertThat(status).isEqualTo(Sandbox.TIMED_OUT);
        final long pid = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        assertThat(events).containsExactly("start", "close");
    }
}
