package dev.slipway.controlplane.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.TestConfigs;
import dev.slipway.controlplane.auth.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console's trust boundary on a real {@code slipway up} control plane (real HTTP on port 0): sign-in,
 * the session cookie's flags, the CSRF token, Origin and Content-Type checks in front of every state change, and
 * pages that need a session under {@code --auth}; without {@code --auth} the banner says so.
 */
class ConsoleRoutesTest {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");
    private static final Pattern COOKIE = Pattern.compile("slipway_session=([^;]*)");

    @TempDir
    Path tmp;

    private ControlPlane plane;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private void start(boolean auth) {
        plane = new ControlPlane(TestConfigs.noModelServers(tmp.resolve("data")).withAuth(auth)).start();
    }

    @AfterEach
    void stop() {
        if (plane != null) {
            plane.close();
        }
    }

    private String base() {
        return "http://127.0.0.1:" + plane.apiPort();
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path));
        if (cookie != null) {
            b.header("Cookie", "slipway_session=" + cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String cookie, String csrf, String type, String origin)
            throws Exception {
        final HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base() + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        if (cookie != null) {
            b.header("Cookie", "slipway_session=" + cookie);
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in with {@code token}; returns the session cookie's value. */
    private String signIn(String token) throws Exception {
        final HttpResponse<String> r =
                post("/signin", "{\"token\": \"" + token + "\"}", null, null, "application/json", base());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        final String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HTTPOnly", "SameSite=Strict", "Path=/").doesNotContain(token);
        final Matcher m = COOKIE.matcher(setCookie);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String csrf(String html) {
        final Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a CSRF token in the page").isTrue();
        return m.group(1);
    }

    @Test
    void auth_pagesWithoutASession_redirectToSignIn_andAssetsAreServed() throws Exception {
        start(true);
        final HttpResponse<String> r = get("/pipelines?state=Failed", null);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/signin?next=%2Fpipelines%3Fstate%3DFailed");
        assertThat(get("/signin", null).body()).contains("<form id=\"signin\"").doesNotContain("unauthenticated");
        assertThat(get("/assets/console.css", null).statusCode()).isEqualTo(200);
        assertThat(get("/assets/console.js", null).body()).contains("X-CSRF-Token");
        // nothing but the assets folder: no class file of the jar, however the path is spelled
        for (final String path : new String[] {
            "/assets/../Console.class",
            "/assets/%2e%2e/Console.class",
            "/assets/%2E%2E/%2E%2E/console/Console.class",
            "/assets/..%2fConsole.class",
            "/assets/"
        }) {
            final HttpResponse<String> asset = get(path, null);
            assertThat(asset.statusCode()).as(path).isNotEqualTo(200);
            assertThat(asset.body()).as(path).doesNotContain("\u0000", "cafebabe");
        }
        // the API itself still wants a token
        assertThat(get("/api/v1/deployments", null).statusCode()).isEqualTo(401);
    }

    @Test
    void signIn_wrongTokenOrForeignOriginOrNotJson_refused() throws Exception {
        start(true);
        assertThat(post("/signin", "{\"token\": \"slw_nope\"}", null, null, "application/json", base())
                        .statusCode())
                .isEqualTo(401);
        final String token = plane.tokens().create("dana", Role.DEVELOPER);
        final String body = "{\"token\": \"" + token + "\"}";
        assertThat(post("/signin", body, null, null, "application/json", "http://evil.example")
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("/signin", "token=" + token, null, null, "application/x-www-form-urlencoded", null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("/signin", body, null, null, "text/plain", null).statusCode())
                .isEqualTo(403);
    }

    @Test
    void session_pagesShowTheUser_andStateChangesNeedTheCsrfTokenJsonAndSameOrigin() throws Exception {
        start(true);
        final String cookie = signIn(plane.tokens().create("dana", Role.DEVELOPER));
        final HttpResponse<String> page = get("/pipelines", cookie);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("dana").contains("developer");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'self'");
        final String csrf = csrf(page.body());
        final String run = "{\"repository\": \"nope\"}";
        assertThat(post("/pipelines/runs", run, cookie, null, "application/json", null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("/pipelines/runs", run, cookie, "wrong", "application/json", null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("/pipelines/runs", run, cookie, csrf, "text/plain", null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("/pipelines/runs", run, cookie, csrf, "application/json", "http://evil.example")
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("/pipelines/runs", run, null, csrf, "application/json", null)
                        .statusCode())
                .isEqualTo(401);
        // with all of them it reaches the API, which answers for itself (no such repository)
        final HttpResponse<String> passed = post("/pipelines/runs", run, cookie, csrf, "application/json", base());
        assertThat(passed.statusCode()).as(passed.body()).isEqualTo(404);
        assertThat(passed.body()).contains("no hosted repository nope");
    }

    @Test
    void developer_rollbackThroughTheConsole_refusedByTheApi() throws Exception {
        start(true);
        final String cookie = signIn(plane.tokens().create("dana", Role.DEVELOPER));
        final String csrf = csrf(get("/", cookie).body());
        final HttpResponse<String> r =
                post("/environments/production/rollback", "{\"to\": \"abc\"}", cookie, csrf, "application/json", null);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("dana is a developer");
    }

    @Test
    void signOut_endsTheSession() throws Exception {
        start(true);
        final String cookie = signIn(plane.tokens().create("dana", Role.DEVELOPER));
        final String csrf = csrf(get("/", cookie).body());
        assertThat(post("/signout", "{}", cookie, "wrong", "application/json", null)
                        .statusCode())
                .isEqualTo(403);
        final HttpResponse<String> out = post("/signout", "{}", cookie, csrf, "application/json", null);
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.headers().firstValue("Set-Cookie").orElse("")).contains("Max-Age=0");
        assertThat(get("/", cookie).statusCode()).isEqualTo(303);
    }

    @Test
    void noAuth_bannerSaysUnauthenticated_andStateChangesStillNeedTheCsrfToken() throws Exception {
        start(false);
        final HttpResponse<String> page = get("/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("unauthenticated").contains("Repositories");
        final String csrf = csrf(page.body());
        assertThat(post("/environments/refresh", "{}", null, null, "application/json", null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("/pipelines/runs", "{\"repository\": \"nope\"}", null, csrf, "application/json", null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/signin", null).statusCode()).isEqualTo(303);
        // every page renders against this control plane (no GitOps repository: environments say so)
        for (final String path :
                new String[] {"/pipelines", "/promotions", "/environments", "/deployments", "/servers"}) {
            final HttpResponse<String> r = get(path, null);
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        }
        assertThat(get("/environments", null).body()).contains("follows no GitOps repository");
        assertThat(get("/pipelines/runs/nope", null).statusCode()).isEqualTo(404);
    }
}
