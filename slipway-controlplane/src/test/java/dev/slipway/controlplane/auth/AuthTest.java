package dev.slipway.controlplane.auth;

import static dev.slipway.testing.GitCli.git;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.TestConfigs;
import dev.slipway.testing.GitCli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link AuthHandler} and {@link Tokens} on a real {@code slipway up} control plane with
 * authentication on: real HTTP for the API, the real {@code git} CLI for the hosted repositories.
 */
class AuthTest {

    @TempDir
    Path tmp;

    private ControlPlane plane;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        plane = new ControlPlane(TestConfigs.noModelServers(tmp.resolve("data")).withAuth(true)).start();
    }

    @AfterEach
    void stop() {
        plane.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plane.apiPort() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (body != null) {
            b.header("Content-Type", "application/json"); // state-changing requests with a body must say so (issue 13)
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void api_withoutOrWithAWrongToken_is401_andHealthStaysOpen() throws Exception {
        HttpResponse<String> none = send("GET", "/api/v1/deployments", null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"slipway\"");
        assertThat(none.body()).contains("authentication required");
        assertThat(send("GET", "/api/v1/deployments", null, "Bearer slw_nope").statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/api/v1/deployments", null, "Basic !!!").statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/api/v1/deployments", null, "Token abc").statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void api_withATokenAsBearerOrBasicPassword_isServed() throws Exception {
        String token = plane.tokens().create("dana", Role.DEVELOPER);
        assertThat(send("GET", "/api/v1/deployments", null, "Bearer " + token).statusCode())
                .isEqualTo(200);
        String basic = Base64.getEncoder().encodeToString(("anyone:" + token).getBytes(StandardCharsets.UTF_8));
        assertThat(send("GET", "/api/v1/deployments", null, "Basic " + basic).statusCode())
                .isEqualTo(200);
    }

    @Test
    void approvals_needTheApproverRole() throws Exception {
        String developer = plane.tokens().create("dana", Role.DEVELOPER);
        String approver = plane.tokens().create("bob", Role.APPROVER);
        HttpResponse<String> refused = send("POST", "/api/v1/promotions/abc/approve", "{}", "Bearer " + developer);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("dana is a developer").contains("approver role");
        assertThat(send("POST", "/api/v1/environments/production/rollback", "{}", "Bearer " + developer)
                        .statusCode())
                .isEqualTo(403);
        // past authentication (no GitOps repository is followed here, so the path itself is unknown)
        assertThat(send("POST", "/api/v1/promotions/abc/approve", "{}", "Bearer " + approver)
                        .statusCode())
                .isNotIn(401, 403);
    }

    @Test
    void gitHosting_needsTheTokenAsPassword() throws Exception {
        String admin = plane.tokens().create("admin", Role.ADMIN);
        HttpResponse<String> created = send("POST", "/api/v1/repositories", "{\"name\": \"news\"}", "Bearer " + admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String host = "127.0.0.1:" + plane.apiPort();

        GitCli.Result refused = git(
                tmp,
                "clone",
                "http://" + host + "/git/news.git",
                tmp.resolve("anonymous").toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.output()).contains("could not read Username"); // the server asked for credentials
        GitCli.Result wrong = git(
                tmp,
                "clone",
                "http://dana:slw_wrong@" + host + "/git/news.git",
                tmp.resolve("wrong").toString());
        assertThat(wrong.code()).isNotZero();
        assertThat(wrong.output()).contains("Authentication failed");

        String dev = plane.tokens().create("dana", Role.DEVELOPER);
        Path clone = tmp.resolve("clone");
        GitCli.Result ok = git(tmp, "clone", "http://dana:" + dev + "@" + host + "/git/news.git", clone.toString());
        assertThat(ok.code()).as(ok.output()).isZero();
        Files.writeString(clone.resolve("README.md"), "hello\n");
        assertThat(git(clone, "add", ".").code()).isZero();
        assertThat(git(clone, "-c", "user.name=Dana", "-c", "user.email=dana@example.com", "commit", "-qm", "first")
                        .code())
                .isZero();
        GitCli.Result push = git(clone, "push", "-q", "origin", "HEAD:main");
        assertThat(push.code()).as(push.output()).isZero();
    }

    @Test
    void tokens_areStoredHashedInAPrivateFile() throws Exception {
        String token = plane.tokens().create("dana", Role.APPROVER);
        Path file = plane.tokens().file();
        assertThat(Files.readString(file))
                .doesNotContain(token)
                .contains(Tokens.sha256(token))
                .contains("approver");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(new Tokens(file).authenticate(token)).contains(new Principal("dana", Role.APPROVER));
        assertThat(new Tokens(file).authenticate(token + "x")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> plane.tokens().create("bad user", Role.ADMIN))
                .hasMessageContaining("letters, digits");
    }
}
