package dev.slipway.cli.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.slipway.cli.SlipwayProcess;
import dev.slipway.testing.GitCli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 9 of issue 13, played for real: a real {@code slipway up --auth} runs a pushed repository's pipeline whose step
 * starts a child and waits; {@code kill -9} of {@code up}; started again on the same data folder, {@code up} stops
 * what the step left (its whole process tree), marks the run Failed with reason {@code ControlPlaneRestarted},
 * deletes its workspace, and queues the push's run again exactly once, acting for the same pusher — and that run
 * completes.
 */
class UpKilledDuringRunIT {

    private static final Pattern STARTED = Pattern.compile("gateway (http://\\S+), API (http://[^,\\s]+)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** Where the step leaves its marks: outside the data folder, writable by the step's user (root: slipway-step). */
    private Path marks;

    private final List<SlipwayProcess> started = new ArrayList<>();
    private final List<ProcessHandle> leftovers = new ArrayList<>();
    private String admin = "";
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void killEverythingStarted() throws Exception {
        for (SlipwayProcess p : started) {
            p.process().descendants().forEach(ProcessHandle::destroyForcibly);
            p.process().destroyForcibly();
            p.close();
        }
        if (marks != null) {
            stepProcesses().forEach(ProcessHandle::destroyForcibly);
            leftovers.forEach(ProcessHandle::destroyForcibly);
            try (Stream<Path> files = Files.walk(marks)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void killMinus9DuringARun_restartStopsTheStepTree_failsTheRun_andQueuesThePushOnce() throws Exception {
        marks = Files.createTempDirectory("slipway-kill-marks-");
        Files.setPosixFilePermissions(marks, PosixFilePermissions.fromString("rwxrwxrwx"));
        final Path data = dir.resolve("data");

        SlipwayProcess up = up(data);
        String api = up.awaitOutput(STARTED, Duration.ofSeconds(90)).group(2);
        admin = Files.readString(data.resolve("auth/admin.token")).strip();
        send("POST", api + "/api/v1/repositories", "{\"name\": \"held\"}");
        push(api, developerToken(data, "dana"));

        // the first run's step holds: it and its child are running, under up
        // the step's own command line names the marks folder from its start, so wait for what it writes first too
        await(
                "the step and its child run",
                () -> stepProcesses().size() >= 2 && wroteLine(marks.resolve("workspace")),
                90);
        final Path workspace = Path.of(Files.readString(marks.resolve("workspace"), StandardCharsets.UTF_8)
                .strip());
        assertThat(workspace).isDirectory();
        final JsonNode first = runs(api).get(0);
        final String firstId = first.path("id").asText();
        assertThat(first.path("reason").asText()).isEqualTo("Running");

        // the whole tree under up: bubblewrap or setpriv, the step's shell, its child, their sleeps
        final List<ProcessHandle> tree =
                new ArrayList<>(up.process().descendants().toList());
        tree.addAll(stepProcesses());
        leftovers.addAll(tree);
        up.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(up.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

        up = up(data);
        api = up.awaitOutput(STARTED, Duration.ofSeconds(90)).group(2);
        final String restarted = api;
        await(
                "the run is marked ControlPlaneRestarted",
                () -> summary(restarted, firstId).path("reason").asText().equals("ControlPlaneRestarted"),
                60);
        final JsonNode failed = summary(restarted, firstId);
        assertThat(failed.path("status").asText()).isEqualTo("False");
        assertThat(stepProcesses()).as("the step's process tree is gone").isEmpty();
        // killed processes whose parent was the killed up are reaped by init: a moment as zombies, then gone
        await("the step's process tree is gone: " + tree, () -> tree.stream().noneMatch(ProcessHandle::isAlive), 30);
        assertThat(workspace).as("the run's workspace is deleted").doesNotExist();

        // the push's run queued again exactly once, and it completes
        await(
                "the re-queued run succeeds",
                () -> runs(restarted).size() == 2
                        && runs(restarted).get(0).path("reason").asText().equals("Succeeded"),
                120);
        final List<JsonNode> all = runs(restarted);
        assertThat(all).hasSize(2);
        assertThat(all.get(1).path("id").asText()).isEqualTo(firstId);
        assertThat(all.get(0).path("trigger").asText()).isEqualTo("push");
        final JsonNode again = get(
                restarted + "/api/v1/pipelines/runs/" + all.get(0).path("id").asText());
        assertThat(again.path("trigger").path("requeuedFrom").asText()).isEqualTo(firstId);
        // it acts for the same pusher (the author of what it would promote), not for "a restart"
        assertThat(again.path("trigger").path("detail").asText()).isEqualTo("dana");
        assertThat(Files.readString(marks.resolve("runs"), StandardCharsets.UTF_8)
                        .lines())
                .containsExactly("first", "second");
    }

    /** Whether {@code file} holds a whole line yet (the step's {@code pwd >} creates it before writing). */
    private static boolean wroteLine(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).endsWith("\n");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private SlipwayProcess up(Path data) throws Exception {
        final SlipwayProcess p = SlipwayProcess.start(
                "up", "--auth", "--data-dir", data.toString(), "--gateway-port", "0", "--api-port", "0");
        started.add(p);
        return p;
    }

    /** A developer token for {@code user}, made with {@code slipway token create} on the data folder. */
    private static String developerToken(Path data, String user) throws Exception {
        try (SlipwayProcess p = SlipwayProcess.start(
                "token", "create", "--data-dir", data.toString(), "--user", user, "--role", "developer")) {
            assertThat(p.awaitExit(Duration.ofSeconds(120))).as(p.err()).isZero();
            return p.out().strip();
        }
    }

    /** Every live process the step started (their command lines name the marks folder). */
    private List<ProcessHandle> stepProcesses() {
        final String mark = marks.getFileName().toString();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info()
                        .commandLine()
                        .map(c -> c.contains(mark) && !c.contains("slipway.jar"))
                        .orElse(false))
                .toList();
    }

    /** A hosted repository whose first run holds in a step with a child; a later run of it passes at once. */
    private void push(String api, String token) throws Exception {
        final Path work = Files.createDirectories(dir.resolve("work"));
        final String m = marks.toString();
        final String step = "if [ -e " + m + "/first ]; then echo second >> " + m + "/runs; exit 0; fi;"
                + " touch " + m + "/first; echo first >> " + m + "/runs; pwd > " + m + "/workspace;"
                + " sh -c 'sleep 600; true' child-" + marks.getFileName() + " & sleep 600; : " + m;
        Files.writeString(
                work.resolve("jenkins-x.yml"),
                "pipelineConfig:\n  pipelines:\n    release:\n      pipeline:\n"
                        + "        stages: [{name: hold, steps: [{command: \"" + step.replace("\"", "\\\"")
                        + "\"}]}]\n");
        git(work, "init", "--quiet", "-b", "main");
        git(work, "add", "-A");
        git(work, "-c", "user.name=dana", "-c", "user.email=d@example.com", "commit", "--quiet", "-m", "held");
        git(work, "push", "--quiet", api.replace("http://", "http://dana:" + token + "@") + "/git/held.git", "main");
    }

    private List<JsonNode> runs(String api) {
        final List<JsonNode> out = new ArrayList<>();
        get(api + "/api/v1/pipelines/runs").forEach(out::add);
        return out;
    }

    /** The run's line in the list (id, trigger, status, reason). */
    private JsonNode summary(String api, String id) {
        return runs(api).stream()
                .filter(r -> r.path("id").asText().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no run " + id));
    }

    private JsonNode get(String url) {
        try {
            final HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", "Bearer " + admin)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(url, e);
        }
    }

    private void send(String method, String url, String body) throws Exception {
        final HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + admin)
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + url + ": " + r.body()).isEqualTo(201);
    }

    private static void await(String what, BooleanSupplier condition, int seconds) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static void git(Path work, String... args) throws Exception {
        final GitCli.Result r = GitCli.git(work, args);
        assertThat(r.code())
                .as("git " + String.join(" ", args) + ": " + r.output())
                .isZero();
    }
}
