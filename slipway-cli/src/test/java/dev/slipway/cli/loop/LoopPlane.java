package dev.slipway.cli.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.cli.SlipwayProcess;
import dev.slipway.pipeline.exec.Git;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code slipway up --gitops} of the packaged jar, with a GitOps repository made by {@code slipway gitops init}
 * (approver {@code manager}), and what the loop tests do with it: push a folder to a hosted repository with the real
 * {@code git} CLI, wait for the pipeline run of a commit, read promotion requests, approve, ask the gateway.
 */
final class LoopPlane implements AutoCloseable {

    static final String APPROVER = "manager";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UP = Pattern.compile("gateway (http://\\S+), API (http://[^,\\s]+)");

    private final SlipwayProcess up;
    private final String gateway;
    private final String api;
    private final Path gitops;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Git git = new Git();
    private final Path data;
    private final String token;

    private LoopPlane(SlipwayProcess up, String gateway, String api, Path gitops, Path data, String token) {
        this.up = up;
        this.gateway = gateway;
        this.api = api;
        this.gitops = gitops;
        this.data = data;
        this.token = token;
    }

    /** Starts the plane with its data and GitOps repository under {@code dir}. */
    static LoopPlane start(Path dir) throws Exception {
        return start(dir, false);
    }

    /** Starts the plane with extra environment variables for {@code slipway up} (its steps and replicas inherit them). */
    static LoopPlane start(Path dir, Map<String, String> env) throws Exception {
        return start(dir, false, env, gitops -> {});
    }

    /**
     * Starts the plane with its data and GitOps repository under {@code dir}; with {@code auth} it runs
     * {@code --auth} and this helper's own calls and pushes use the admin token.
     */
    static LoopPlane start(Path dir, boolean auth) throws Exception {
        return start(dir, auth, Map.of(), gitops -> {});
    }

    /** What to do to the new GitOps repository before {@code slipway up} starts. */
    interface Prepare {
        void apply(Path gitops) throws Exception;
    }

    /**
     * Starts the plane with {@code env} added to its environment; {@code prepare} may change the GitOps repository
     * (e.g. its environments.yaml) first.
     */
    static LoopPlane start(Path dir, boolean auth, Map<String, String> env, Prepare prepare) throws Exception {
        return start(dir, auth, env, prepare, List.of());
    }

    /** As above, with {@code upArgs} added to {@code slipway up}'s arguments (e.g. {@code --request-log}). */
    static LoopPlane start(Path dir, boolean auth, Map<String, String> env, Prepare prepare, List<String> upArgs)
            throws Exception {
        final Path gitops = dir.resolve("gitops.git");
        try (SlipwayProcess init = SlipwayProcess.start("gitops", "init", gitops.toString(), "--approver", APPROVER)) {
            assertThat(init.awaitExit()).as(init.err()).isZero();
        }
        prepare.apply(gitops);
        return up(dir, auth, env, gitops, upArgs);
    }

    /** Starts {@code slipway up} again on the same data folder and GitOps repository (a restart). */
    static LoopPlane restart(Path dir, Map<String, String> env) throws Exception {
        return restart(dir, false, env);
    }

    /** As above, with {@code --auth} when {@code auth}. */
    static LoopPlane restart(Path dir, boolean auth, Map<String, String> env) throws Exception {
        return up(dir, auth, env, dir.resolve("gitops.git"), List.of());
    }

    private static LoopPlane up(Path dir, boolean auth, Map<String, String> env, Path gitops, List<String> upArgs)
            throws Exception {
        final List<String> args = new ArrayList<>(List.of(
                "up",
                "--data-dir",
                dir.resolve("data").toString(),
                "--gitops",
                gitops.toString(),
                "--gateway-port",
                "0",
                "--api-port",
                "0",
                "--gateway-threads",
                "1"));
        if (auth) {
            args.add("--auth");
        }
        args.addAll(upArgs);
        final SlipwayProcess up = SlipwayProcess.start(env, args.toArray(String[]::new));
        final Matcher m = up.awaitOutput(UP, Duration.ofSeconds(60));
        final String token =
                auth ? Files.readString(dir.resolve("data/auth/admin.token")).trim() : null;
        return new LoopPlane(up, m.group(1), m.group(2), gitops, dir.resolve("data"), token);
    }

    /** A new token of {@code user} with {@code role}, made by {@code slipway token create} (an --auth plane). */
    String createToken(String user, String role) throws Exception {
        try (SlipwayProcess create = SlipwayProcess.start(
                "token", "create", "--data-dir", data.toString(), "--user", user, "--role", role)) {
            assertThat(create.awaitExit()).as(create.err()).isZero();
            return create.out().trim();
        }
    }

    /** A one-time sign-in link for {@code user}, made by {@code slipway token create --web} (an --auth plane). */
    String createSignInLink(String user, String role) throws Exception {
        try (SlipwayProcess create = SlipwayProcess.start(
                "token",
                "create",
                "--data-dir",
                data.toString(),
                "--user",
                user,
                "--role",
                role,
                "--web",
                "--url",
                api,
                "--expires",
                "10m")) {
            assertThat(create.awaitExit()).as(create.err()).isZero();
            return create.out().trim();
        }
    }

    private HttpRequest.Builder request(String url) {
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    String gateway() {
        return gateway;
    }

    String api() {
        return api;
    }

    Path gitops() {
        return gitops;
    }

    /** The {@code slipway up} process. */
    Process process() {
        return up.process();
    }

    JsonNode get(String path) throws Exception {
        final HttpResponse<String> r = http.send(request(api + path).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(
                request(url)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Pushes {@code work} (a folder; made a git repository with one commit by "Data Scientist" unless it already is
     * one) to a new hosted repository NAME; returns the pushed commit.
     */
    String push(Path work, String name) throws Exception {
        return push(work, name, "admin", token);
    }

    /**
     * As {@link #push(Path, String)}, the push made as {@code user} with {@code userToken} (an --auth plane records the
     * authenticated pusher as the change's author).
     */
    String push(Path work, String name, String user, String userToken) throws Exception {
        final HttpResponse<String> created = post(api + "/api/v1/repositories", "{\"name\": \"" + name + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        final String hosted = JSON.readTree(created.body()).get("url").asText();
        final String url =
                userToken == null ? hosted : hosted.replace("http://", "http://" + user + ":" + userToken + "@");
        if (!Files.isDirectory(work.resolve(".git"))) {
            git.run(work, "init", "--quiet", "-b", "main");
            git.run(work, "config", "user.name", "Data Scientist");
            git.run(work, "config", "user.email", "ds@example.com");
            git.run(work, "add", "-A");
            git.run(work, "commit", "--quiet", "-m", name);
        }
        git.run(work, "remote", "add", "origin", url);
        git.run(work, "push", "--quiet", "origin", "main");
        return git.run(work, "rev-parse", "HEAD");
    }

    /** Commits every change in {@code work} and pushes it to its origin; returns the commit. */
    String pushChange(Path work, String message) throws Exception {
        git.run(work, "add", "-A");
        git.run(
                work,
                "-c",
                "user.name=Data Scientist",
                "-c",
                "user.email=ds@example.com",
                "commit",
                "--quiet",
                "-m",
                message);
        git.run(work, "push", "--quiet", "origin", "main");
        return git.run(work, "rev-parse", "HEAD");
    }

    /** The run of {@code commit}, once it has ended (within {@code limit}). */
    JsonNode awaitRun(String commit, Duration limit) throws Exception {
        final long deadline = System.nanoTime() + limit.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            for (final JsonNode run : get("/api/v1/pipelines/runs")) {
                if (run.path("commit").asText().equals(commit)) {
                    last = get("/api/v1/pipelines/runs/" + run.get("id").asText());
                    if (!last.at("/condition/status").asText().equals("Unknown")) {
                        return last;
                    }
                }
            }
            Thread.sleep(200); // polling the API; bounded by the deadline
        }
        throw new AssertionError("the run of " + commit + " did not end within " + limit + ": " + last);
    }

    String log(JsonNode run) throws Exception {
        return http.send(
                        request(api + "/api/v1/pipelines/runs/" + run.get("id").asText() + "/log")
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    static List<String> reasons(JsonNode run) {
        final List<String> r = new ArrayList<>();
        run.get("stages")
                .forEach(s -> r.add(
                        s.get("name").asText() + "=" + s.at("/condition/reason").asText()));
        return r;
    }

    List<JsonNode> promotions(Predicate<JsonNode> which) throws Exception {
        final List<JsonNode> found = new ArrayList<>();
        get("/api/v1/promotions").forEach(p -> {
            if (which.test(p)) {
                found.add(p);
            }
        });
        return found;
    }

    /**
     * What the README tells a newcomer: {@code slipway repo create NAME --dir WORK/NAME --push API SOURCE…}, which makes
     * the repository, hosts it on this plane and pushes main; returns the pushed commit.
     */
    String createAndPush(Path work, String name, String... source) throws Exception {
        final Path repo = work.resolve(name);
        final List<String> args = new ArrayList<>(List.of(
                "repo",
                "create",
                name,
                "--dir",
                repo.toString(),
                "--push",
                api,
                "--author",
                "Data Scientist",
                "--email",
                "ds@example.com"));
        args.addAll(List.of(source));
        try (SlipwayProcess create = SlipwayProcess.start(args.toArray(String[]::new))) {
            assertThat(create.awaitExit()).as(create.out() + create.err()).isZero();
            assertThat(create.out()).contains("pushed main to ");
        }
        assertThat(repo.resolve("target")).as("build output is not copied").doesNotExist();
        return git.run(repo, "rev-parse", "HEAD");
    }

    /**
     * {@code slipway repo create NAME --dir WORK/NAME ARGS…}, then {@code slipway repo push NAME --server API} (which
     * hosts the existing repository on this plane); returns the pushed commit.
     */
    String createThenPush(Path work, String name, String... createArgs) throws Exception {
        final Path repo = work.resolve(name);
        final List<String> args = new ArrayList<>(List.of("repo", "create", name, "--dir", repo.toString()));
        args.addAll(List.of(createArgs));
        try (SlipwayProcess create = SlipwayProcess.start(args.toArray(String[]::new))) {
            assertThat(create.awaitExit()).as(create.err()).isZero();
        }
        try (SlipwayProcess push =
                SlipwayProcess.start("repo", "push", name, "--dir", repo.toString(), "--server", api)) {
            assertThat(push.awaitExit()).as(push.out() + push.err()).isZero();
            assertThat(push.out()).contains("pushed main to " + api + "/git/" + name + ".git");
        }
        return git.run(repo, "rev-parse", "HEAD");
    }

    /** The one open production request for {@code deployment}. */
    JsonNode openProductionRequest(String deployment) throws Exception {
        final List<JsonNode> open =
                promotions(p -> p.path("environment").asText().equals("production")
                        && p.path("state").asText().equalsIgnoreCase("open")
                        && p.path("deployments").toString().contains("\"" + deployment + "\""));
        assertThat(open).as("open production requests for " + deployment).hasSize(1);
        return get("/api/v1/promotions/" + open.get(0).get("id").asText());
    }

    /** Approves request {@code id} as {@code user}; returns the answer. */
    HttpResponse<String> approve(String id, String user) throws Exception {
        return post(api + "/api/v1/promotions/" + id + "/approve", "{\"user\": \"" + user + "\"}");
    }

    /** The gateway's answer to {@code body} for the deployment, once it is 200 and {@code done} (within 90 s). */
    JsonNode awaitAnswer(String namespace, String name, String body, Predicate<JsonNode> done) throws Exception {
        final String url = gateway + "/seldon/" + namespace + "/" + name + "/api/v1.0/predictions";
        final long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        HttpResponse<String> r = null;
        while (System.nanoTime() < deadline) {
            r = post(url, body);
            if (r.statusCode() == 200 && done.test(JSON.readTree(r.body()))) {
                return JSON.readTree(r.body());
            }
            Thread.sleep(200); // waiting for the sync controller and the server's start; bounded by the deadline
        }
        throw new AssertionError(url + " did not give the awaited answer within 90 s; last: "
                + (r == null ? null : r.statusCode() + " " + r.body()));
    }

    /** The status the gateway answers for the deployment now. */
    int statusOf(String namespace, String name, String body) throws Exception {
        return post(gateway + "/seldon/" + namespace + "/" + name + "/api/v1.0/predictions", body)
                .statusCode();
    }

    @Override
    public void close() throws Exception {
        up.close();
    }
}
