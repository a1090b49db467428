package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C on {@code slipway e2e}: a real CLI process gets SIGINT while its test command runs. */
class E2eInterruptTest {

    @TempDir
    Path repo;

    @Test
    void sigint_whileTheCommandRuns_tearsEverythingDown() throws Exception {
        ExampleModels.linearScorerRepository(repo, 2);
        final List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.slipway.cli.Slipway",
                "e2e",
                "-f",
                repo.resolve("deploy").toString(),
                "--",
                "sleep",
                "600"));
        final Process e2e = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        final CompletableFuture<Integer> gateway = new CompletableFuture<>();
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final StringBuffer output = new StringBuffer();
        final Thread reader = new Thread(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(e2e.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.append(line).append('\n');
                    final Matcher m =
                            Pattern.compile("gateway on 127\\.0\\.0\\.1:(\\d+)").matcher(line);
                    if (m.find()) {
                        gateway.complete(Integer.parseInt(m.group(1)));
                    }
                    if (line.contains("is ready")) {
                        ready.complete(null);
                    }
                }
            } catch (Exception e) {
                ready.completeExceptionally(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(120, TimeUnit.SECONDS);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (e2e.descendants()
                            .noneMatch(p -> p.info().command().orElse("").endsWith("sleep"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            final List<ProcessHandle> descendants = e2e.descendants().toList();
            assertThat(descendants).as(output.toString()).hasSizeGreaterThanOrEqualTo(3); // 2 servers + the command
            new ProcessBuilder("kill", "-INT", String.valueOf(e2e.pid()))
                    .start()
                    .waitFor();
            assertThat(e2e.waitFor(60, TimeUnit.SECONDS)).as(output.toString()).isTrue();
            for (final ProcessHandle p : descendants) {
                assertThat(p.isAlive())
                        .as("%s %s", p.pid(), p.info().command().orElse(""))
                        .isFalse();
            }
            final int port = gateway.get();
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        } finally {
            e2e.descendants().forEach(ProcessHandle::destroyForcibly);
            e2e.destroyForcibly();
        }
    }
}
