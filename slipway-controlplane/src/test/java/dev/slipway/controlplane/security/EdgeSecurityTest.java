package dev.slipway.controlplane.security;

import static dev.slipway.testing.GitCli.git;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.auth.Role;
import dev.slipway.testing.GitCli;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Findings 1 (what a run's token may do), 2 (cross-site requests), 3 (role checks by path spelling) and 4 (who is the
 * author of a promotion) of issue 13, played over real HTTP and the real git CLI against a control plane with
 * {@code --auth} that follows a GitOps repository (staging automatic, production approved by dana or manager).
 */
class EdgeSecurityTest {

    @TempDir
    Path tmp;

    private ControlPlane plane;
    private String developer;
    private String approver;
    private String admin;

    @BeforeEach
    void start() {
        plane = SecuredPlane.start(tmp, Map.of());
        developer = plane.tokens().create("erin", Role.DEVELOPER);
        approver = plane.tokens().create("dana", Role.APPROVER);
        admin = plane.tokens().create("root", Role.ADMIN);
    }

    @AfterEach
    void stop() {
        plane.close();
    }

    private String base() {
        return "http://127.0.0.1:" + plane.apiPort();
    }

    private HttpResponse<String> send(
            String method, String rawPath, String body, String token, Map<String, String> headers) throws Exception {
        return SecuredPlane.send(plane, method, rawPath, body, token, headers);
    }

    private HttpResponse<String> send(String method, String rawPath, String body, String token) throws Exception {
        return send(method, rawPath, body, token, Map.of());
    }

    /** Finding 2: the exact request of the report (text/plain, a foreign Origin, any Host) runs nothing. */
    @Test
    void crossSiteRunFromAFileUrl_isRefusedAtEachLayer() throws Exception {
        String evil = "{\"repository\": \"file:///tmp/evil\", \"commit\": \"HEAD\"}";
        assertThat(raw("POST", "/api/v1/pipelines/runs", "evil.example", "http://evil.example", "text/plain", evil))
                .startsWith("HTTP/1.1 421");
        assertThat(send("POST", "/api/v1/pipelines/runs", evil, admin, Map.of("Origin", "http://evil.example"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("POST", "/api/v1/pipelines/runs", evil, admin, Map.of("Origin", "null"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("POST", "/api/v1/pipelines/runs", evil, admin, Map.of("Content-Type", "text/plain"))
                        .statusCode())
                .isEqualTo(415);
        assertThat(send(
                                "POST",
                                "/api/v1/pipelines/runs",
                                evil,
                                admin,
                                Map.of("Content-Type", "application/x-www-form-urlencoded"))
                        .statusCode())
                .isEqualTo(415);
        // a URL or folder to run from: an admin's right only
        HttpResponse<String> dev = send("POST", "/api/v1/pipelines/runs", evil, developer);
        assertThat(dev.statusCode()).as(dev.body()).isEqualTo(403);
        assertThat(dev.body()).contains("only an admin token");
        assertThat(send("POST", "/api/v1/pipelines/pollers", "{\"remote\": \"file:///tmp/evil\"}", developer)
                        .statusCode())
                .isEqualTo(403);
        assertThat(plane.pipelines().list()).isEmpty();
        // the same origin, and names this server answers to, still work
        assertThat(send("POST", "/api/v1/repositories", "{\"name\": \"ok\"}", developer, Map.of("Origin", base()))
                        .statusCode())
                .isEqualTo(201);
        assertThat(raw("GET", "/healthz", "localhost", null, null, null)).startsWith("HTTP/1.1 200");
        assertThat(send("POST", "/api/v1/pipelines/runs", evil, admin).statusCode())
                .isEqualTo(202);
    }

    /**
     * Finding 3: every state-changing route a developer (or a run) may not call, in every spelling the router
     * accepts, either meets its rule (403) or is not a route at all (the router's 404) — it never reaches its handler.
     */
    @Test
    void roleChecks_holdForEverySpellingOfEveryGuardedRoute() throws Exception {
        String run = runToken();
        List<String[]> guarded = List.of(
                new String[] {"POST", "/api/v1/promotions/ID/approve", "{\"user\": \"dana\"}"},
                new String[] {"POST", "/api/v1/promotions/ID/reject", "{\"user\": \"dana\", \"reason\": \"no\"}"},
                new String[] {
                    "POST", "/api/v1/environments/staging/rollback", "{\"to\": \"HEAD~1\", \"user\": \"dana\"}"
                });
        List<String[]> runMayNot = List.of(
                new String[] {"POST", "/api/v1/pipelines/runs", "{\"repository\": \"news\"}"},
                new String[] {"POST", "/api/v1/repositories", "{\"name\": \"other\"}"},
                new String[] {"PUT", "/api/v1/namespaces/default/deployments/iris", "{}"},
                new String[] {"DELETE", "/api/v1/namespaces/default/deployments/iris", null},
                new String[] {"POST", "/api/v1/gitops/refresh", null},
                new String[] {"DELETE", "/api/v1/pipelines/pollers?remote=x", null},
                new String[] {"POST", "/api/v1/pipelines/runs/ID/cancel", null});
        List<String> failures = new ArrayList<>();
        for (String[] route : guarded) {
            for (String spelling : spellings(route[1])) {
                for (String token : List.of(developer, run)) {
                    expectRefused(send(route[0], spelling, route[2], token), route[0] + " " + spelling, failures);
                }
            }
            HttpResponse<String> allowed = send(route[0], route[1], route[2], approver);
            assertThat(allowed.statusCode())
                    .as(route[1] + " as the approver: " + allowed.body())
                    .isNotIn(401, 403);
        }
        for (String[] route : runMayNot) {
            for (String spelling : spellings(route[1])) {
                expectRefused(send(route[0], spelling, route[2], run), "run: " + route[0] + " " + spelling, failures);
            }
        }
        // registering a custom server changes what every deployment of it runs: admins only, and a run for its
        // repository
        String server = "{\"name\": \"NEWS_SCORER\", \"image\": \"news:1\", \"author\": \"erin\"}";
        for (String spelling : spellings("/api/v1/servers")) {
            for (String token : List.of(developer, approver)) {
                expectRefused(send("POST", spelling, server, token), "POST " + spelling, failures);
            }
        }
        HttpResponse<String> byRun = send("POST", "/api/v1/servers", server, run);
        assertThat(byRun.statusCode()).as(byRun.body()).isEqualTo(201);
        HttpResponse<String> byAdmin = send("POST", "/api/v1/servers", server.replace("news:1", "news:2"), admin);
        assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(201);
        Files.writeString(tmp.resolve("news-token.stop"), "");
        assertThat(failures).isEmpty();
    }

    private static void expectRefused(HttpResponse<String> r, String what, List<String> failures) {
        boolean refused = r.statusCode() == 403
                || (r.statusCode() == 404 && r.body().contains("no such API path"))
                || r.statusCode() == 400 && r.body().contains("not a DNS label");
        if (!refused) {
            failures.add(what + " -> " + r.statusCode() + " " + r.body());
        }
    }

    /** The same path as spelled by an attacker: trailing slash, doubled slash, dot segment, %-encoded letter, ../. */
    static List<String> spellings(String path) {
        int q = path.indexOf('?');
        String p = q < 0 ? path : path.substring(0, q);
        String query = q < 0 ? "" : path.substring(q);
        int last = p.lastIndexOf('/');
        String head = p.substring(0, last);
        String tail = p.substring(last + 1);
        int prev = head.lastIndexOf('/');
        return Stream.of(
                        p,
                        p + "/",
                        head + "//" + tail,
                        head + "/./" + tail,
                        head + "/%" + Integer.toHexString(tail.charAt(0)) + tail.substring(1),
                        head.substring(0, prev) + "/x/.." + head.substring(prev) + "/" + tail,
                        p.replace("/api/", "//api/"))
                .map(s -> s + query)
                .toList();
    }

    /**
     * Findings 1 and 4: a run's token promotes its own commit (staging: a commit on main; production: a request) in
     * the name of whoever pushed — not the commit's author — so the pusher cannot approve it; the run's token cannot
     * approve, push to git, or run anything.
     */
    @Test
    void runPromotesItsOwnCommit_asThePusher_whoCannotApproveIt() throws Exception {
        Path work = modelRepository();
        // dana (an approver) pushes a commit whose author claims to be manager, the other approver
        git(work, "-c", "user.name=manager", "-c", "user.email=manager@example.com", "commit", "-qm", "model");
        assertThat(send("POST", "/api/v1/repositories", "{\"name\": \"iris\"}", approver)
                        .statusCode())
                .isEqualTo(201);
        GitCli.Result push =
                git(work, "push", "-q", GitCli.hostedUrl(plane.apiPort(), "dana", approver, "iris"), "HEAD:main");
        assertThat(push.code()).as(push.output()).isZero();
        String token = SecuredPlane.awaitToken(tmp.resolve("iris-token"));
        String commit = git(work, "rev-parse", "HEAD").output().strip();

        HttpResponse<String> staging = SecuredPlane.promoteDeploy(plane, "staging", "manager", token);
        assertThat(staging.body()).contains("COMMITTED");
        HttpResponse<String> production = SecuredPlane.promoteDeploy(plane, "production", "manager", token);
        var request = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(production.body())
                .path("request");
        String id = request.path("id").asText();
        assertThat(request.path("author").asText()).as(production.body()).isEqualTo("dana");
        assertThat(production.body()).contains(commit);

        // the run's token: no approval, no push, no run, no promotion of a path outside the repository
        assertThat(send("POST", "/api/v1/promotions/" + id + "/approve", "{}", token)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(
                                "POST",
                                "/api/v1/promotions",
                                "{\"environment\": \"staging\", \"from\": [\"../../data/auth\"]}",
                                token)
                        .statusCode())
                .isEqualTo(400);
        GitCli.Result runPush = git(
                work, "push", "-q", GitCli.hostedUrl(plane.apiPort(), "run", token, "iris"), "HEAD:refs/heads/evil");
        assertThat(runPush.code()).isNotZero();
        // four eyes: the pusher may not approve what she pushed; --as is refused under --auth
        HttpResponse<String> self =
                send("POST", "/api/v1/promotions/" + id + "/approve", "{\"user\": \"dana\"}", approver);
        assertThat(self.statusCode()).as(self.body()).isEqualTo(403);
        assertThat(self.body()).contains("four-eyes");
        String managerToken = plane.tokens().create("manager", Role.APPROVER);
        assertThat(send("POST", "/api/v1/promotions/" + id + "/approve", "{\"user\": \"dana\"}", admin)
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> approved = send("POST", "/api/v1/promotions/" + id + "/approve", "{}", managerToken);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        // a run cannot take over a server name another repository's run registered first
        new dev.slipway.controlplane.auth.NameOwners(tmp.resolve("data/auth/owners.json"))
                .claim("server", "SHARED", "other");
        HttpResponse<String> takeover = send(
                "POST",
                "/api/v1/servers",
                "{\"name\": \"SHARED\", \"image\": \"evil:1\", \"author\": \"dana\"}",
                token);
        assertThat(takeover.statusCode()).as(takeover.body()).isEqualTo(403);
        assertThat(takeover.body()).contains("belongs to repository other");
        // a promotion through the API without a run's token is refused
        assertThat(send("POST", "/api/v1/promotions", "{\"environment\": \"staging\", \"from\": [\"deploy\"]}", admin)
                        .statusCode())
                .isEqualTo(403);
        Files.writeString(tmp.resolve("iris-token.stop"), "");
    }

    /**
     * Finding 15: with {@code --auth}, a deployment applied through the API may not point the control plane at any file
     * it can read; the refusal names the URI, never what is there.
     */
    @Test
    void deployment_withALocalModelOutsideTheRoots_isRefusedNamingOnlyTheUri() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOP-SECRET-BYTES");
        String manifest = """
        {"apiVersion": "machinelearning.seldon.io/v1", "kind": "SeldonDeployment", "metadata": {"name": "iris"},
         "spec": {"predictors": [{"name": "p", "graph": {"name": "m", "type": "MODEL",
         "implementation": "SKLEARN_SERVER", "modelUri": "%s"}}]}}""";
        for (String uri :
                List.of(secret.toUri().toString(), secret.toString(), "file:" + tmp.resolve("data/../secret.txt"))) {
            HttpResponse<String> r =
                    send("PUT", "/api/v1/namespaces/default/deployments/iris", manifest.formatted(uri), developer);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.body())
                    .contains("outside what this control plane serves models from")
                    .doesNotContain("TOP-SECRET");
        }
    }

    /** A running run's token: a hosted repository whose pipeline writes its token to a file, then waits. */
    private String runToken() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("news"));
        git(work, "init", "-q", "-b", "main");
        Files.writeString(work.resolve("jenkins-x.yml"), SecuredPlane.heldPipeline(tmp.resolve("news-token")));
        git(work, "add", "-A");
        git(work, "-c", "user.name=erin", "-c", "user.email=e@example.com", "commit", "-qm", "news");
        assertThat(send("POST", "/api/v1/repositories", "{\"name\": \"news\"}", developer)
                        .statusCode())
                .isEqualTo(201);
        GitCli.Result push =
                git(work, "push", "-q", GitCli.hostedUrl(plane.apiPort(), "erin", developer, "news"), "HEAD:main");
        assertThat(push.code()).as(push.output()).isZero();
        return SecuredPlane.awaitToken(tmp.resolve("news-token"));
    }

    private Path modelRepository() throws Exception {
        Path work = tmp.resolve("iris");
        SecuredPlane.modelRepository(work, tmp.resolve("iris-token"), "iris");
        return work;
    }

    /** A raw HTTP/1.1 request, for headers the JDK client will not send (Host). */
    private String raw(String method, String path, String host, String origin, String type, String body)
            throws Exception {
        try (Socket s = new Socket("127.0.0.1", plane.apiPort())) {
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder req = new StringBuilder(
                    method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + "Authorization: Bearer " + admin
                            + "\r\nConnection: close\r\nContent-Length: " + bytes.length + "\r\n");
            if (origin != null) {
                req.append("Origin: ").append(origin).append("\r\n");
            }
            if (type != null) {
                req.append("Content-Type: ").append(type).append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
