package dev.slipway.controlplane.security;

import static dev.slipway.testing.GitCli.git;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.ControlPlaneConfig;
import dev.slipway.controlplane.auth.Role;
import dev.slipway.testing.GitCli;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: what a pipeline run's token reaches beyond its own commit. A deployment name in an environment belongs to
 * the repository whose run promoted it there first: a run of another repository cannot replace it (not in the automatic
 * environment, not by a promotion request to the approval one) and is told who owns it; only an admin transfers or
 * releases a name. A run a webhook started is least-privileged like any run and acts as its delivery, never as the
 * pusher its payload names.
 */
class RunScopeSecurityTest {

    private static final String SECRET = "hook-s3cret";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    private ControlPlane plane;
    private String developer;
    private String admin;

    @BeforeEach
    void start() {
        plane = SecuredPlane.start(tmp, webhookSecret());
        developer = plane.tokens().create("erin", Role.DEVELOPER);
        admin = plane.tokens().create("root", Role.ADMIN);
        plane.tokens().create("dana", Role.APPROVER);
    }

    private static Map<String, String> webhookSecret() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(ControlPlaneConfig.WEBHOOK_SECRET, SECRET);
        return env;
    }

    @AfterEach
    void stop() throws Exception {
        for (String repo : List.of("iris", "rogue", "remote")) {
            Files.writeString(tmp.resolve(repo + "-token.stop"), "");
        }
        plane.close();
    }

    @Test
    void runOfAnotherRepository_cannotReplaceADeploymentItDoesNotOwn_untilAnAdminTransfersIt() throws Exception {
        String owner = runToken("iris");
        assertThat(promote(owner, "staging").statusCode()).isEqualTo(201);
        assertThat(promote(owner, "production").statusCode()).isEqualTo(201);

        // a second repository whose manifest is also called iris: refused in both environments, naming the owner
        String rogue = runToken("rogue");
        for (String env : List.of("staging", "production")) {
            HttpResponse<String> takeover = promote(rogue, env);
            assertThat(takeover.statusCode()).as(takeover.body()).isEqualTo(403);
            assertThat(takeover.body())
                    .contains("deployment iris in " + env + " belongs to repository iris")
                    .contains("a run of rogue cannot replace it");
        }
        assertThat(send("GET", "/api/v1/promotions", null, developer).body()).doesNotContain("rogue");
        assertThat(Files.readString(tmp.resolve("data/auth/owners.json"))).doesNotContain("rogue");

        // only an admin transfers a name: not a developer, not a run's token, in no spelling of the path
        String transfer = "{\"repository\": \"rogue\"}";
        for (String spelling : EdgeSecurityTest.spellings("/api/v1/owners/deployment/staging/iris")) {
            for (String token : List.of(developer, rogue, owner)) {
                HttpResponse<String> r = send("PUT", spelling, transfer, token);
                assertThat(r.statusCode()).as(spelling + ": " + r.body()).isIn(403, 404);
                HttpResponse<String> d = send("DELETE", spelling, null, token);
                assertThat(d.statusCode()).as(spelling + ": " + d.body()).isIn(403, 404);
            }
        }
        HttpResponse<String> list = send("GET", "/api/v1/owners", null, developer);
        assertThat(list.body()).contains("deployment/staging/iris").doesNotContain("rogue");

        HttpResponse<String> transferred = send("PUT", "/api/v1/owners/deployment/staging/iris", transfer, admin);
        assertThat(transferred.statusCode()).as(transferred.body()).isEqualTo(200);
        HttpResponse<String> now = promote(rogue, "staging");
        assertThat(now.statusCode()).as(now.body()).isEqualTo(201);
        HttpResponse<String> former = promote(owner, "staging");
        assertThat(former.statusCode()).as(former.body()).isEqualTo(403);
        assertThat(former.body()).contains("belongs to repository rogue");
        // released: the next repository to promote the name claims it
        assertThat(send("DELETE", "/api/v1/owners/deployment/production/iris", null, admin)
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> claimed = promote(rogue, "production");
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(201);
    }

    /**
     * A run a signed webhook delivery started is a run like any other: its token promotes its own commit and nothing
     * else, and what it promotes is authored by {@code webhook:DELIVERY} — never the pusher the payload names (here
     * dana, an approver), which whoever holds the secret can write.
     */
    @Test
    void webhookRun_actsAsItsDelivery_neverThePayloadsPusher_andCannotApprove() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("remote"));
        Path tokenFile = tmp.resolve("remote-token");
        String commit = modelRepository(work, tokenFile, "remote");
        byte[] payload =
                ("""
        {"ref": "refs/heads/main", "before": "%s", "after": "%s", "deleted": false,
         "repository": {"full_name": "team/iris", "clone_url": "%s", "default_branch": "main"},
         "pusher": {"name": "dana"}, "sender": {"login": "dana"}}
        """.formatted("0".repeat(40), commit, work)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> delivered = SecuredPlane.send(
                plane,
                "POST",
                "/api/v1/webhooks/github",
                new String(payload, java.nio.charset.StandardCharsets.UTF_8),
                null,
                Map.of(
                        "X-GitHub-Event",
                        "push",
                        "X-GitHub-Delivery",
                        "d-1",
                        "X-Hub-Signature-256",
                        new dev.slipway.pipeline.trigger.WebhookVerifier(SECRET).sign(payload)));
        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(202);
        String run = SecuredPlane.awaitToken(tokenFile);

        HttpResponse<String> staging = SecuredPlane.promoteDeploy(plane, "staging", "dana", run);
        HttpResponse<String> production = SecuredPlane.promoteDeploy(plane, "production", "dana", run);
        JsonNode request = JSON.readTree(production.body()).path("request");
        assertThat(request.path("author").asText()).isEqualTo("webhook:d-1");
        String history = send("GET", "/api/v1/environments/staging/history", null, developer)
                .body();
        assertThat(history).contains("webhook:d-1").doesNotContain("\"dana\"");

        // least privilege: the webhook run's token cannot approve, reject, roll back, run or transfer a name
        String id = request.path("id").asText();
        for (String[] write : List.of(
                new String[] {"POST", "/api/v1/promotions/" + id + "/approve", "{}"},
                new String[] {"POST", "/api/v1/promotions/" + id + "/reject", "{\"reason\": \"no\"}"},
                new String[] {"POST", "/api/v1/environments/staging/rollback", "{\"to\": \"HEAD~1\"}"},
                new String[] {"POST", "/api/v1/pipelines/runs", "{\"repository\": \"" + work + "\"}"},
                new String[] {"PUT", "/api/v1/owners/deployment/staging/iris", "{\"repository\": \"x\"}"})) {
            HttpResponse<String> r = send(write[0], write[1], write[2], run);
            assertThat(r.statusCode()).as(write[1] + ": " + r.body()).isEqualTo(403);
        }
        Files.writeString(tmp.resolve("remote-token.stop"), "");
    }

    private HttpResponse<String> promote(String token, String env) throws Exception {
        return send("POST", "/api/v1/promotions", "{\"environment\": \"" + env + "\", \"from\": [\"deploy\"]}", token);
    }

    private HttpResponse<String> send(String method, String rawPath, String body, String token) throws Exception {
        return SecuredPlane.send(plane, method, rawPath, body, token, Map.of());
    }

    /** A hosted repository {@code name} with a deployment called iris, pushed by erin; its run's token. */
    private String runToken(String name) throws Exception {
        Path work = Files.createDirectories(tmp.resolve(name));
        Path tokenFile = tmp.resolve(name + "-token");
        modelRepository(work, tokenFile, name);
        assertThat(send("POST", "/api/v1/repositories", "{\"name\": \"" + name + "\"}", developer)
                        .statusCode())
                .isEqualTo(201);
        GitCli.Result push =
                git(work, "push", "-q", GitCli.hostedUrl(plane.apiPort(), "erin", developer, name), "HEAD:main");
        assertThat(push.code()).as(push.output()).isZero();
        return SecuredPlane.awaitToken(tokenFile);
    }

    /** A model repository with a deployment called iris and the held pipeline, committed by erin; its commit. */
    private static String modelRepository(Path work, Path tokenFile, String name) throws Exception {
        SecuredPlane.modelRepository(work, tokenFile, name);
        git(work, "-c", "user.name=erin", "-c", "user.email=e@example.com", "commit", "-qm", name);
        return git(work, "rev-parse", "HEAD").output().strip();
    }
}
