package dev.slipway.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.SlipwayProcess;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slipway quickstart --exit-when-done} through the packaged jar, as the README runs it (free ports). */
class QuickstartIT {

    @TempDir
    Path tmp;

    @Test
    void quickstart_exitWhenDone_runsTheWholeLoopAndLeavesNothingRunning() throws Exception {
        Path data = tmp.resolve("quickstart");
        String out;
        try (SlipwayProcess p =
                SlipwayProcess.start(SlipwayProcess.onFreePorts(data, "quickstart", "--exit-when-done"))) {
            int code = p.awaitExit(Duration.ofMinutes(4));
            out = p.out();
            assertThat(code).as(out + p.err()).isZero();
        }
        assertThat(out)
                .contains(
                        "[1/9] GitOps repository",
                        "staging (automatic), production (approval by manager)",
                        "[2/9] Control plane",
                        "[3/9] Model repository",
                        "[4/9] git push",
                        "started the release pipeline",
                        "[5/9] Release pipeline",
                        "[6/9] Staging answers",
                        "[7/9] Production promotion request",
                        "[8/9] Approval",
                        "[9/9] Production answers",
                        "Stopped (--exit-when-done): every step succeeded.");
        // the pipeline, live: one line per step with its state and duration
        assertThat(out)
                .containsPattern("Test / model-tests +Succeeded \\d+\\.\\ds")
                .containsPattern("Test integration / e2e +Succeeded \\d+\\.\\ds")
                .containsPattern("Promote / staging +Succeeded \\d+\\.\\ds")
                .containsPattern("Promote / production +Succeeded \\d+\\.\\ds");
        assertThat(out)
                .contains(
                        "$ ./slipway predict --gateway 127.0.0.1:",
                        "--namespace staging --deployment news-classifier",
                        "--namespace production --deployment news-classifier",
                        "\"ndarray\":[3.0,1.0]",
                        "by Data Scientist, assigned to [manager], state open",
                        "production/news-classifier.yaml",
                        "approved by manager and merged into main",
                        "approved by manager (the author was Data Scientist): state merged",
                        "git clone http://127.0.0.1:");
        // everything it started has stopped: the gateway and the API no longer listen
        Matcher m = Pattern.compile("gateway http://127\\.0\\.0\\.1:(\\d+), API http://127\\.0\\.0\\.1:(\\d+)")
                .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        for (String port : List.of(m.group(1), m.group(2))) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)), 1000);
                throw new AssertionError("port " + port + " still listens after the quickstart exited");
            } catch (java.net.ConnectException expected) {
                // stopped
            }
        }
        assertThat(ProcessHandle.allProcesses()
                        .filter(h -> h.info().commandLine().orElse("").contains(data.toString())))
                .as("processes still running with the quickstart's folder")
                .isEmpty();
    }

    @Test
    void quickstart_keepsRunningUntilSigterm_thenStopsEverything() throws Exception {
        Path data = tmp.resolve("running");
        List<ProcessHandle> started;
        String out;
        try (SlipwayProcess p = SlipwayProcess.start(SlipwayProcess.onFreePorts(data, "quickstart"))) {
            p.awaitOutput(Pattern.compile("Running until Ctrl-C"), Duration.ofMinutes(4));
            started = p.process().descendants().toList();
            assertThat(started).as("model servers of staging and production").isNotEmpty();
            p.process().destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook tears down
            assertThat(p.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
                    .as("stopped within 60 s")
                    .isTrue();
            out = p.out();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (started.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100); // children stop after their parent's hook; bounded
        }
        assertThat(started).as("children left running").noneMatch(ProcessHandle::isAlive);
        Matcher m = Pattern.compile("gateway http://127\\.0\\.0\\.1:(\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1))), 1000);
            throw new AssertionError("the gateway still listens after SIGTERM");
        } catch (java.net.ConnectException expected) {
            // stopped
        }
    }

    @Test
    void quickstart_foreignDataDir_failsNamingTheStep() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(data.resolve("notes.txt"), "not the quickstart's");
        try (SlipwayProcess p =
                SlipwayProcess.start(SlipwayProcess.onFreePorts(data, "quickstart", "--exit-when-done"))) {
            assertThat(p.awaitExit()).as(p.out() + p.err()).isEqualTo(1);
            assertThat(p.err())
                    .contains(
                            "quickstart failed: step 'GitOps repository' failed: --data-dir " + data,
                            "is not empty and was not made by slipway quickstart");
        }
        assertThat(data.resolve("notes.txt")).hasContent("not the quickstart's");
    }
}
