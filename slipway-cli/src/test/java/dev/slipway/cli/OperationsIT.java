package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.ReferenceFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Day-to-day operation against a real {@code slipway up --auth} (issue 18, items 3 and 4): a real {@code git push}
 * prints the run it started as {@code remote:} lines; {@code pipeline list} filters by repository and shows the
 * column; the run records the authenticated pusher; {@code slipway logs} reads a deployment's replicas (with the
 * access log its annotation turns on) from the API and from the data folder, follows them, and reads the control
 * plane's own log; {@code slipway down} stops it all.
 */
class OperationsIT {

    private static final Pattern STARTED = Pattern.compile("gateway (http://\\S+), API (http://[^,\\s]+)");
    private static final String ROW = "{\"data\": {\"ndarray\": [[5.5, 3.5, 1.3, 0.2]]}}";

    @TempDir
    Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void pushFeedback_logs_andDown() throws Exception {
        final Path data = dir.resolve("data");
        final Path models = Files.createDirectories(dir.resolve("models/iris"));
        Files.copy(ReferenceFixture.root().resolve("iris-logreg/model.joblib"), models.resolve("model.joblib"));
        final SlipwayProcess up = SlipwayProcess.start(
                Map.of("SLIPWAY_MODEL_ROOTS", dir.resolve("models").toString()),
                "up",
                "--auth",
                "--data-dir",
                data.toString(),
                "--gateway-port",
                "0",
                "--api-port",
                "0",
                "--gateway-threads",
                "1");
        try (up) {
            final Matcher m = up.awaitOutput(STARTED, Duration.ofSeconds(90));
            final String gateway = m.group(1);
            final String api = m.group(2);
            final String admin =
                    Files.readString(data.resolve("auth/admin.token")).strip();
            final Map<String, String> asAdmin = Map.of("SLIPWAY_URL", api, "SLIPWAY_TOKEN", admin);
            final String dana = cli(
                            Map.of(),
                            "token",
                            "create",
                            "--data-dir",
                            data.toString(),
                            "--user",
                            "dana",
                            "--role",
                            "developer")
                    .strip();

            // item 4: a real git push answers with remote: lines naming the run, the command and the console page
            send("POST", api + "/api/v1/repositories", admin, "{\"name\": \"iris-repo\"}", 201);
            final Path work = Files.createDirectories(dir.resolve("work"));
            Files.writeString(
                    work.resolve("jenkins-x.yml"),
                    "pipelineConfig:\n  pipelines:\n    release:\n      pipeline:\n"
                            + "        stages: [{name: s, steps: [{command: 'echo built'}]}]\n");
            git(work, "init", "--quiet", "-b", "main");
            git(work, "-c", "user.name=Someone Else", "-c", "user.email=else@example.com", "add", "-A");
            git(
                    work,
                    "-c",
                    "user.name=Someone Else",
                    "-c",
                    "user.email=else@example.com",
                    "commit",
                    "--quiet",
                    "-m",
                    "c");
            final String push = git(
                    work, "push", api.replace("http://", "http://dana:" + dana + "@") + "/git/iris-repo.git", "main");
            final Matcher run = Pattern.compile("remote: Slipway: started pipeline run (\\S+) \\(release of main\\)")
                    .matcher(push);
            assertThat(run.find()).as(push).isTrue();
            final String id = run.group(1);
            assertThat(push)
                    .contains("remote:   follow: slipway pipeline logs " + id + " -f --server " + api)
                    .contains("remote:   console: " + api + "/pipelines/runs/" + id);
            final String list = cli(asAdmin, "pipeline", "list", "--repository", "iris-repo");
            assertThat(list).contains("REPOSITORY").containsPattern(Pattern.quote(id) + "\\s+iris-repo\\s+release");
            assertThat(cli(asAdmin, "pipeline", "list", "--repository", "other", "--state", "Running"))
                    .contains("no runs that match");
            assertThat(cli(asAdmin, "pipeline", "show", id)).contains("push by dana");

            // item 3: a deployment whose annotation turns the access log on; its replicas' output through the API
            send(
                    "PUT",
                    api + "/api/v1/namespaces/default/deployments/iris?wait=true",
                    admin,
                    """
          {"apiVersion": "machinelearning.seldon.io/v1", "kind": "SeldonDeployment",
           "metadata": {"name": "iris", "annotations": {"slipway.dev/access-log": "true"}},
           "spec": {"predictors": [{"name": "default", "replicas": 2, "graph": {"name": "classifier", "type": "MODEL",
             "implementation": "SKLEARN_SERVER", "modelUri": "%s"}}]}}""".formatted(models),
                    200);
            final List<ProcessHandle> replicas =
                    up.process().descendants().filter(ProcessHandle::isAlive).toList();
            predict(gateway);
            // the gateway calls a replica's /predict
            final String remote = awaitLogs(asAdmin, "POST /predict 200", "logs", "iris");
            assertThat(remote)
                    .contains("[classifier/replica-0] ")
                    .contains("[classifier/replica-1] ")
                    .containsPattern("\\[classifier/replica-\\d] \\S+ INFO access - POST /predict 200");
            assertThat(cli(Map.of(), "logs", "iris", "--data-dir", data.toString(), "--replica", "0", "--since", "10m"))
                    .contains("[classifier/replica-0] ")
                    .doesNotContain("[classifier/replica-1]");

            // -f follows: a second prediction shows up in the running follower
            try (SlipwayProcess follow = SlipwayProcess.start(asAdmin, "logs", "iris", "-f")) {
                follow.awaitOutput(Pattern.compile("predict 200"), Duration.ofSeconds(60));
                predict(gateway);
                predict(gateway);
                follow.awaitOutput(
                        Pattern.compile("(?s)predict 200.*predict 200.*predict 200"), Duration.ofSeconds(60));
            }

            // the control plane's own log: an admin's
            assertThat(cli(asAdmin, "logs", "--up")).contains("started: gateway");
            final SlipwayProcess refused =
                    SlipwayProcess.start(Map.of("SLIPWAY_URL", api, "SLIPWAY_TOKEN", dana), "logs", "--up");
            assertThat(refused.awaitExit()).isNotZero();
            assertThat(refused.err()).contains("needs the admin role");
            assertThat(cli(Map.of(), "logs", "--up", "--data-dir", data.toString()))
                    .contains("started: gateway");

            // down: graceful, replicas stopped, pid file removed; a second down says nothing runs
            assertThat(data.resolve("slipway-up.pid")).exists();
            assertThat(cli(Map.of(), "down", "--data-dir", data.toString())).contains("stopped slipway up");
            assertThat(up.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(replicas).isNotEmpty().noneMatch(ProcessHandle::isAlive);
            assertThat(data.resolve("slipway-up.pid")).doesNotExist();
            assertThat(Files.readString(data.resolve("slipway-up.log"))).contains("stopping (signal or slipway down)");
            assertThat(cli(Map.of(), "down", "--data-dir", data.toString())).contains("nothing to stop");
        }
    }

    /** The CLI as a child process with {@code env}; its stdout (it must exit 0). */
    private static String cli(Map<String, String> env, String... args) throws Exception {
        try (SlipwayProcess p = SlipwayProcess.start(env, args)) {
            assertThat(p.awaitExit(Duration.ofSeconds(120)))
                    .as(String.join(" ", args) + ": " + p.err())
                    .isZero();
            return p.out();
        }
    }

    /** Waits until {@code slipway ARGS} prints {@code text}; returns that output. */
    private static String awaitLogs(Map<String, String> env, String text, String... args) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String out = "";
        while (System.nanoTime() < deadline) {
            out = cli(env, args);
            if (out.contains(text)) {
                return out;
            }
            Thread.sleep(500); // the access line is written after the answer; bounded by the deadline
        }
        throw new AssertionError("no '" + text + "' in: " + out);
    }

    private void predict(String gateway) throws Exception {
        final HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(gateway + "/seldon/default/iris/api/v1.0/predictions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(ROW))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private void send(String method, String url, String token, String body, int status) throws Exception {
        final HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .timeout(Duration.ofMinutes(3))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + url + ": " + r.body()).isEqualTo(status);
    }

    /** Runs git in {@code work}; its output and errors (a push's remote: lines are on stderr). */
    private static String git(Path work, String... args) throws Exception {
        final List<String> cmd = new java.util.ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        final Process p = new ProcessBuilder(cmd)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }
}
