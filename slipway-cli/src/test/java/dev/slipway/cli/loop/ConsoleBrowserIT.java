package dev.slipway.cli.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.SlipwayProcess;
import dev.slipway.pipeline.exec.Git;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web console in a real browser (Debian's chromium through Selenium) against a real {@code slipway up --auth
 * --gitops} of the packaged jar, with a news-classifier repository pushed by the real {@code git}: the author signs
 * in and watches the release run's stages turn green live, opens the promotion request it created and reads its
 * diff, finds no approve button and has a forged approval refused; the manager approves; production turns Healthy;
 * the try-it box gets the model's answer through the gateway; staging is rolled back from its history; a failing run
 * shows its failing step and log. Each page's screenshot is saved under {@code target/console-screenshots/}
 * (docs/console.md shows them); a failure saves one too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final Duration RUN = Duration.ofMinutes(4);
    private static final String AUTHOR = "alice";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    @TempDir
    static Path tmp;

    private static LoopPlane plane;
    private static Browser browser;
    private static String authorToken;
    private static String managerToken;
    private static String managerLink;
    private static String runId;
    private static String requestId;

    @RegisterExtension
    static final TestWatcher SCREENSHOT_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                try {
                    browser.screenshot(
                            "FAILED-" + context.getRequiredTestMethod().getName());
                } catch (Exception e) {
                    cause.addSuppressed(e);
                }
            }
        }
    };

    @BeforeAll
    static void startUp() throws Exception {
        // the built-in request-log sink on: the news deployment carries Seldon's logging annotation (see push)
        plane = LoopPlane.start(tmp, true, java.util.Map.of(), gitops -> {}, List.of("--request-log"));
        authorToken = plane.createToken(AUTHOR, "developer");
        managerToken = plane.createToken(LoopPlane.APPROVER, "approver");
        browser = new Browser(plane.api(), tmp.resolve("chromium-profile"));
    }

    @AfterAll
    static void stopUp() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (plane != null) {
                plane.close();
            }
        }
    }

    /** A news-classifier repository NAME committed by the author (so the promotion request is theirs), pushed. */
    private static String push(String name, Edit edit) throws Exception {
        final Path work = NewsRepositoryFiles.write(tmp.resolve("work").resolve(name), name);
        edit.apply(work);
        final Git git = new Git();
        git.run(work, "init", "--quiet", "-b", "main");
        git.run(work, "config", "user.name", AUTHOR);
        git.run(work, "config", "user.email", AUTHOR + "@example.com");
        git.run(work, "add", "-A");
        git.run(work, "commit", "--quiet", "-m", name + ": first model");
        return plane.push(work, name, AUTHOR, authorToken); // the authenticated pusher is the request's author
    }

    private interface Edit {
        void apply(Path repo) throws Exception;
    }

    /** Adds the reference's annotation to the repository's SeldonDeployment: every request is logged. */
    private static void logRequests(Path repo) throws Exception {
        try (var files = Files.list(repo.resolve("deploy"))) {
            final Path manifest = files.filter(f -> f.getFileName().toString().startsWith("SeldonDeployment"))
                    .findFirst()
                    .orElseThrow();
            final String yaml = Files.readString(manifest);
            final String annotated = yaml.replaceFirst(
                    "(?m)^metadata:\\n",
                    "metadata:\n  annotations:\n    seldon.io/engine-seldon-log-messages-externally: \"true\"\n");
            assertThat(annotated).as("annotated " + manifest).isNotEqualTo(yaml);
            Files.writeString(manifest, annotated);
        }
    }

    /** The id of the run of {@code commit}, as soon as the API lists it. */
    private static String runOf(String commit) throws Exception {
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (final JsonNode r : plane.get("/api/v1/pipelines/runs")) {
                if (r.path("commit").asText().equals(commit)) {
                    return r.path("id").asText();
                }
            }
            Thread.sleep(100); // the push hook queues the run; bounded by the deadline
        }
        throw new AssertionError("no run of " + commit);
    }

    private static void signIn(String token) {
        browser.open("/signin");
        typeToken(token);
    }

    /** Types the token into the sign-in form on the page and waits until signed in. */
    private static void typeToken(String token) {
        browser.find("#token").clear();
        browser.find("#token").sendKeys(token);
        browser.find("#signin button[type=submit]").click();
        browser.await(Duration.ofSeconds(20), d -> browser.all("#user").size() == 1);
    }

    private static void signOut() {
        browser.find("[data-signout]").click();
        browser.await(Duration.ofSeconds(20), d -> browser.path().equals("/signin"));
    }

    @Test
    @Order(1)
    void signIn_withoutASession_redirectsToSignInAndAWrongTokenIsRefused() throws Exception {
        browser.open("/pipelines");
        assertThat(browser.path()).isEqualTo("/signin");
        browser.find("#token").sendKeys("slw_not-a-token");
        browser.find("#signin button[type=submit]").click();
        final WebElement result = browser.await(Duration.ofSeconds(20), d -> {
            final WebElement r = browser.find("#signin [data-result]");
            return r.getText().contains("not valid") ? r : null;
        });
        assertThat(result.getText()).contains("not valid");
        browser.screenshot("signin");

        typeToken(authorToken);
        assertThat(browser.path()).isEqualTo("/pipelines");
        assertThat(browser.find("#user").getText()).contains(AUTHOR, "developer");
        assertThat(browser.all(".banner"))
                .as("no unauthenticated banner under --auth")
                .isEmpty();
        // the session cookie is HttpOnly: the page's scripts cannot read it
        assertThat(String.valueOf(browser.async("arguments[arguments.length - 1](document.cookie);")))
                .doesNotContain("slipway_session");
    }

    @Test
    @Order(2)
    void author_watchesTheReleaseRunsStagesTurnGreenLive() throws Exception {
        final String commit = push("news", ConsoleBrowserIT::logRequests);
        runId = runOf(commit);
        browser.open("/pipelines/runs/" + runId);
        final String opened = browser.find("#run-state").getAttribute("data-state");
        // while the page stays open, the stages change under it (server-sent events): first one stage done while the
        // run still runs, then all of them
        final List<String> seen = new ArrayList<>();
        browser.await(RUN, d -> {
            // one read of the page (the stage view is replaced as events arrive)
            final String snapshot = String.valueOf(browser.script("""
          return document.getElementById('run-state').getAttribute('data-state') + ' ' + Array.prototype.map.call(
            document.querySelectorAll('#stages .stage'), function (s) {
              return s.getAttribute('data-stage') + '=' + s.getAttribute('data-state'); }).join(',');"""));
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(snapshot)) {
                seen.add(snapshot);
                if (snapshot.startsWith("Running") && snapshot.contains("Test=Succeeded")) {
                    try {
                        browser.screenshot("run-live");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return snapshot.endsWith("Test=Succeeded,Test integration=Succeeded,Promote=Succeeded");
        });
        assertThat(opened).as("the page was opened while the run ran").isIn("Pending", "Started", "Running");
        assertThat(seen)
                .as("states seen on the open page")
                .anyMatch(s ->
                        s.startsWith("Running") && s.contains("Test=Succeeded") && !s.contains("Promote=Succeeded"));
        // the followed log reached the end; a fresh load shows the same
        browser.await(
                Duration.ofSeconds(30), d -> browser.find("#log").getText().contains("Deployment created"));
        browser.open("/pipelines/runs/" + runId);
        assertThat(browser.find("#run-state").getAttribute("data-state")).isEqualTo("Succeeded");
        assertThat(browser.find("#log").getText()).contains("PASS  held-out fortunes", "Deployment created");
        browser.screenshotPage("run");

        // the CLI's API shows the same stages as the page
        final JsonNode run = plane.get("/api/v1/pipelines/runs/" + runId);
        final List<String> page = new ArrayList<>();
        browser.all("#stages .stage")
                .forEach(s -> page.add(s.getAttribute("data-stage") + "=" + s.getAttribute("data-state")));
        assertThat(page).isEqualTo(LoopPlane.reasons(run));
    }

    @Test
    @Order(3)
    void author_opensThePromotionRequestSeesItsDiffAndCannotApprove() throws Exception {
        browser.find("a[href^='/promotions/']").click();
        requestId = browser.path().substring("/promotions/".length());
        assertThat(browser.find("#author").getText()).contains(AUTHOR);
        assertThat(browser.find("#source-run").getText()).isEqualTo(runId);
        final String diff = browser.find("#diff").getText();
        assertThat(diff).contains("production/news.yaml", "+  name: news", "implementation: SKLEARN_SERVER");
        assertThat(browser.all("#diff .line.add .k"))
                .as("YAML keys highlighted")
                .isNotEmpty();
        assertThat(browser.all("#approve"))
                .as("no approve button for the author")
                .isEmpty();
        assertThat(browser.find("#no-decision").getText()).contains("four eyes");
        browser.screenshotPage("promotion-author");

        // a forged approval from the author's own page, even with the session's CSRF token, is refused by the API
        final Object forged = browser.async("""
        var done = arguments[arguments.length - 1];
        var csrf = document.querySelector('meta[name="csrf-token"]').content;
        fetch('/promotions/' + arguments[0] + '/approve', {method: 'POST', headers: {'Content-Type':
          'application/json', 'X-CSRF-Token': csrf}, body: JSON.stringify({reason: 'lgtm'})})
          .then(function (r) { return r.text().then(function (t) { done(r.status + ' ' + t); }); });
        """, requestId);
        assertThat(String.valueOf(forged)).startsWith("403");
        // and one without the CSRF token never reaches the API
        final Object noCsrf = browser.async("""
        var done = arguments[arguments.length - 1];
        fetch('/promotions/' + arguments[0] + '/approve', {method: 'POST', headers: {'Content-Type':
          'application/json'}, body: '{}'}).then(function (r) { return r.text().then(function (t) {
          done(r.status + ' ' + t); }); });
        """, requestId);
        assertThat(String.valueOf(noCsrf)).startsWith("403").contains("CSRF");
        assertThat(plane.get("/api/v1/promotions/" + requestId).path("state").asText())
                .isEqualToIgnoringCase("open");

        browser.open("/promotions");
        assertThat(browser.find("main table").getText()).contains(requestId, "production", "news");
        browser.screenshot("promotions");
        signOut();
    }

    @Test
    @Order(4)
    void manager_signsInWithAOneTimeLink_approves_andProductionTurnsHealthy() throws Exception {
        // 'slipway token create --web' prints a link whose secret is in the fragment: opening it signs in once
        managerLink = plane.createSignInLink(LoopPlane.APPROVER, "approver");
        assertThat(managerLink).startsWith(plane.api() + "/signin#link=");
        browser.driver().get("about:blank"); // as a link opened in a new tab
        browser.driver().get(managerLink);
        browser.await(Duration.ofSeconds(20), d -> browser.all("#user").size() == 1);
        assertThat(browser.find("#user").getText()).contains(LoopPlane.APPROVER, "approver");
        assertThat(browser.driver().getCurrentUrl())
                .as("the secret leaves the address bar")
                .doesNotContain("#link");
        assertThat(Files.readString(tmp.resolve("data/auth/signin-links.json"))).isEqualTo("[]");
        browser.open("/promotions/" + requestId);
        browser.find("#approve-reason").sendKeys("reviewed the diff");
        browser.find("#approve").click();
        browser.await(
                Duration.ofSeconds(60),
                d -> browser.find("#request-state").getText().equals("merged"));
        assertThat(browser.all("#approve")).isEmpty();
        assertThat(browser.find("main").getText()).contains("approved by " + LoopPlane.APPROVER);
        browser.screenshotPage("promotion-merged");

        browser.await(Duration.ofSeconds(120), d -> {
            browser.open("/environments");
            final List<WebElement> health = browser.all("[data-env='production'] tr[data-app='news'] [data-health]");
            return !health.isEmpty() && health.get(0).getText().equals("Healthy");
        });
        assertThat(browser.find("[data-env='production'] tr[data-app='news']").getText())
                .contains("Synced", "1/1");
        browser.screenshotPage("environments");
        // "Refresh now": the control plane re-reads the GitOps repository at once (POST /api/v1/gitops/refresh), then
        // the page reloads; an error would stay on the page instead
        final WebElement heading = browser.find("main h1");
        browser.find("form[data-action='/environments/refresh'] button[type=submit]")
                .click();
        browser.await(Duration.ofSeconds(20), ExpectedConditions.stalenessOf(heading));
        assertThat(browser.find("[data-env='production'] tr[data-app='news'] [data-health]")
                        .getText())
                .isEqualTo("Healthy");
        // the API (what 'slipway env status' prints) says the same
        final JsonNode app = plane.get("/api/v1/environments/production")
                .path("applications")
                .get(0);
        assertThat(app.path("sync").asText()).isEqualTo("Synced");
        assertThat(app.path("health").asText()).isEqualTo("Healthy");

        browser.find("[data-env='production'] tr[data-app='news'] a").click();
        assertThat(browser.find("main h1").getText()).contains("news", "Healthy", "Synced");
        // the SeldonDeployment as a graph: the predictor with its share of the traffic, its node, server and replicas
        final WebElement predictor = browser.find("[data-predictor='default']");
        assertThat(predictor.findElement(By.cssSelector("[data-traffic]")).getAttribute("data-traffic"))
                .isEqualTo("100");
        final WebElement node = predictor.findElement(By.cssSelector("li[data-node='classifier']"));
        // the model as the GitOps manifest names it: promotion pinned ./model to its content-addressed copy
        assertThat(node.getText()).contains("MODEL", "SKLEARN_SERVER", "../artifacts/");
        browser.await(Duration.ofSeconds(60), d -> {
            browser.open("/environments/production/apps/news");
            return browser.find("li[data-node='classifier'] [data-replicas]")
                    .getAttribute("data-replicas")
                    .equals("1/1");
        });
        assertThat(browser.find(".split title").getAttribute("textContent")).contains("default 100%");
        // what the API says the spec is (what 'slipway env status' reads beside it)
        final JsonNode spec = plane.get("/api/v1/environments/production/applications/news/spec");
        assertThat(spec.at("/predictors/0/traffic").asInt()).isEqualTo(100);
        assertThat(spec.at("/predictors/0/graph/implementation").asText()).isEqualTo("SKLEARN_SERVER");
        assertThat(spec.at("/predictors/0/graph/replicas").asInt()).isEqualTo(1);
        browser.screenshotPage("application");
    }

    @Test
    @Order(5)
    void tryIt_sendsV1AndV2RequestsThroughTheGatewayAndShowsTheModelsAnswers() throws Exception {
        browser.open("/deployments");
        final WebElement card = browser.find("[data-deployment='production/news']");
        final WebElement body = card.findElement(By.cssSelector("textarea[name=body]"));
        body.clear();
        body.sendKeys("{\"data\": {\"ndarray\": " + NewsRepositoryFiles.texts(2) + "}}");
        card.findElement(By.cssSelector("button[type=submit]")).click();
        final String answer = browser.await(Duration.ofSeconds(30), d -> {
            final String t = card.findElement(By.cssSelector("[data-answer]")).getText();
            return t.isEmpty() ? null : t;
        });
        final JsonNode expected =
                dev.slipway.testing.ReferenceFixture.named("news-nb").expected().path("predict");
        final JsonNode ndarray = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(answer)
                .at("/data/ndarray");
        assertThat(List.of(ndarray.get(0).asDouble(), ndarray.get(1).asDouble()))
                .isEqualTo(List.of(expected.get(0).asDouble(), expected.get(1).asDouble()));
        assertThat(card.findElement(By.cssSelector("[data-result]")).getText()).contains("HTTP 200");

        // Open Inference v2: the model is a graph node (here 'classifier', not the deployment's name), picked from
        // the deployment's nodes; the texts go as a BYTES tensor
        card.findElement(By.cssSelector("input[name=protocol][value=v2]")).click();
        final WebElement model = card.findElement(By.cssSelector("select[name=model]"));
        assertThat(model.getAttribute("value")).isEqualTo("classifier");
        body.clear();
        body.sendKeys("{\"inputs\": [{\"name\": \"text\", \"shape\": [2], \"datatype\": \"BYTES\", \"data\": "
                + NewsRepositoryFiles.texts(2) + "}]}");
        card.findElement(By.cssSelector("button[type=submit]")).click();
        final String v2Result = browser.await(Duration.ofSeconds(30), d -> {
            final String t = card.findElement(By.cssSelector("[data-result]")).getText();
            return t.contains("/v2/models/") ? t : null;
        });
        final String v2Answer =
                card.findElement(By.cssSelector("[data-answer]")).getText();
        assertThat(v2Result)
                .as(v2Answer)
                .contains("HTTP 200")
                .contains("/seldon/production/news/v2/models/classifier/infer");
        final JsonNode v2 = new com.fasterxml.jackson.databind.ObjectMapper().readTree(v2Answer);
        assertThat(v2.path("model_name").asText()).isEqualTo("classifier");
        final JsonNode data = v2.at("/outputs/0/data");
        assertThat(List.of(data.get(0).asDouble(), data.get(1).asDouble()))
                .isEqualTo(List.of(expected.get(0).asDouble(), expected.get(1).asDouble()));
        browser.screenshotPage("deployments");
    }

    @Test
    @Order(6)
    void requestLog_showsTheDeploymentsPredictionsWithFeedback_escaped_andPagedAsTheApiSays() throws Exception {
        final String predictions = plane.gateway() + "/seldon/production/news/api/v1.0/predictions";
        // a caller's payload that would be markup and script if a page pasted it in
        final String hostile = "<img src=x onerror=\"window.pwned=1\"></pre><script>window.pwned=2</script>";
        final var attack = plane.post(
                predictions,
                "{\"data\": {\"ndarray\": [" + quote(hostile) + "]}, \"meta\": {\"tags\": {\"note\": " + quote(hostile)
                        + "}}}");
        assertThat(attack.statusCode()).as(attack.body()).isEqualTo(200);
        final JsonNode answer = JSON.readTree(attack.body());
        final String puid = answer.at("/meta/puid").asText();
        assertThat(puid).isNotEmpty();
        // its feedback: the page joins it by puid
        final var feedback = plane.post(
                plane.gateway() + "/seldon/production/news/api/v1.0/feedback",
                "{\"request\": {\"data\": {\"ndarray\": [\"x\"]}}, \"response\": " + answer
                        + ", \"reward\": 1.0, \"truth\": {\"data\": {\"ndarray\": [" + quote(hostile) + "]}}}");
        assertThat(feedback.statusCode()).as(feedback.body()).isEqualTo(200);
        // more than a page of predictions (20 a page)
        for (int i = 0; i < 21; i++) {
            final var r = plane.post(predictions, "{\"data\": {\"ndarray\": " + NewsRepositoryFiles.texts(1) + "}}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        // the sink writes asynchronously: wait until the API (what 'slipway logs requests' prints) has all of them
        final String route = "/api/v1/namespaces/production/deployments/news/requests";
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode logged = plane.get(route + "?limit=1000");
        while (System.nanoTime() < deadline && (logged.size() < 23 || !hasFeedback(logged, puid))) {
            Thread.sleep(200); // polling the API; bounded by the deadline
            logged = plane.get(route + "?limit=1000");
        }
        assertThat(logged.size()).as("predictions logged").isGreaterThanOrEqualTo(23);
        assertThat(hasFeedback(logged, puid)).as("feedback for " + puid).isTrue();

        // the gateway's metrics of that traffic reach the deployment's charts (sampled every 10 s)
        browser.await(Duration.ofSeconds(90), d -> {
            browser.open("/deployments");
            final String card = "[data-deployment='production/news'] ";
            return !browser.find(card + "[data-series='requests/s']")
                            .getAttribute("data-peak")
                            .equals("0")
                    && !browser.find(card + "[data-series='p50 ms']")
                            .getAttribute("data-peak")
                            .equals("0")
                    && !browser.find(card + "[data-series='p99 ms']")
                            .getAttribute("data-peak")
                            .equals("0");
        });
        assertThat(browser.find("[data-deployment='production/news'] [data-series='errors/s']")
                        .getAttribute("data-peak"))
                .as("no failed predictions")
                .isEqualTo("0");
        browser.screenshotPage("deployments-traffic");
        browser.find("[data-deployment='production/news'] a[data-requests]").click();
        assertThat(browser.path()).isEqualTo("/deployments/production/news/requests");
        // the first page: the newest 20, in the API's order
        final List<String> first = puids();
        final List<String> api = new ArrayList<>();
        logged.forEach(r -> api.add(r.path("puid").asText()));
        assertThat(first).isEqualTo(api.subList(0, 20));
        // the hostile prediction is further back: page until it shows (the pager, as a user would)
        final List<String> seen = new ArrayList<>(first);
        while (browser.all("tr[data-puid='" + puid + "']").isEmpty()) {
            final String older = browser.find("#older").getAttribute("href");
            browser.driver().get(older); // returns once the older page has loaded
            seen.addAll(puids());
            assertThat(seen.size()).as("pages hold no more than the API").isLessThanOrEqualTo(api.size());
        }
        assertThat(seen).as("no prediction twice, none skipped").isEqualTo(api.subList(0, seen.size()));
        // 'slipway logs requests' lists the same predictions in the same order
        try (SlipwayProcess logs = SlipwayProcess.start(
                java.util.Map.of("SLIPWAY_TOKEN", managerToken),
                "logs",
                "requests",
                "news",
                "--env",
                "production",
                "--limit",
                "1000",
                "--server",
                plane.api(),
                "-o",
                "json")) {
            assertThat(logs.awaitExit()).as(logs.err()).isZero();
            final List<String> cli = new ArrayList<>();
            JSON.readTree(logs.out()).forEach(r -> cli.add(r.path("puid").asText()));
            assertThat(cli).isEqualTo(api);
        }
        final WebElement row = browser.find("tr[data-puid='" + puid + "']");
        row.findElement(By.cssSelector("[data-request] summary")).click();
        // shown as the text it is (inside the JSON string, its quotes escaped)
        assertThat(row.findElement(By.cssSelector("[data-request] pre")).getText())
                .contains("<img src=x onerror=", "</pre><script>window.pwned=2</script>");
        assertThat(row.findElement(By.cssSelector("[data-feedback] [data-reward]"))
                        .getText())
                .isEqualTo("1.0");
        assertThat(row.findElements(By.cssSelector("img, script")))
                .as("the payload is text, not markup")
                .isEmpty();
        assertThat(browser.script("return typeof window.pwned;")).isEqualTo("undefined");
        assertThat(browser.all("main script")).isEmpty();
        browser.screenshotPage("requests");
    }

    /** {@code text} as a JSON string. */
    private static String quote(String text) throws Exception {
        return JSON.writeValueAsString(text);
    }

    private static boolean hasFeedback(JsonNode logged, String puid) {
        for (final JsonNode r : logged) {
            if (r.path("puid").asText().equals(puid)) {
                return r.path("feedback").path("reward").asDouble() == 1.0;
            }
        }
        return false;
    }

    /** The puids on the request-log page, top to bottom. */
    private static List<String> puids() {
        final List<String> out = new ArrayList<>();
        browser.all("table.requests tbody tr").forEach(r -> out.add(r.getAttribute("data-puid")));
        return out;
    }

    @Test
    @Order(7)
    void supersededAndConflictingRequests_saySo_theCliAgrees_andTheManagerRejectsWithAReason() throws Exception {
        // two requests for news to production, made by the author with 'slipway promote': the newer supersedes
        final String older = promote("v2", "news: a request a newer one replaces");
        final String newer = promote("v3", "news: the newer request");
        assertThat(plane.get("/api/v1/promotions/" + older).path("state").asText())
                .isEqualToIgnoringCase("superseded");
        browser.open("/promotions/" + older);
        assertThat(browser.find("#request-state").getText()).isEqualTo("superseded");
        assertThat(browser.find("#superseded").getText()).contains("Superseded", newer);
        assertThat(browser.all("#approve")).as("nothing to decide").isEmpty();
        browser.screenshotPage("promotion-superseded");

        // someone moves the newer request's branch after it was recorded: what is on it was never reviewed
        final Path clone = tmp.resolve("tamper");
        final Git git = new Git();
        git.run(tmp, "clone", "--quiet", plane.gitops().toString(), clone.toString());
        git.run(clone, "checkout", "--quiet", "promotion/" + newer);
        Files.writeString(clone.resolve("production/unreviewed.yaml"), "sneaked: in\n");
        git.run(clone, "add", "-A");
        git.run(clone, "-c", "user.name=mallory", "-c", "user.email=m@example.com", "commit", "--quiet", "-m", "x");
        git.run(clone, "push", "--quiet", "origin", "promotion/" + newer);

        browser.find("#superseded a[href='/promotions/" + newer + "']").click();
        browser.await(Duration.ofSeconds(20), d -> browser.path().equals("/promotions/" + newer));
        assertThat(browser.find("#request-state").getText()).isEqualTo("open");
        assertThat(browser.find("#conflict").getText()).contains("Conflicting", "moved after", "never reviewed");
        assertThat(browser.find("#approve").isEnabled())
                .as("approve is off while it conflicts")
                .isFalse();
        browser.screenshotPage("promotion-conflict");
        // the API and the CLI say the same
        assertThat(plane.get("/api/v1/promotions/" + newer).path("conflict").asText())
                .contains("moved after");
        try (SlipwayProcess show = SlipwayProcess.start(
                java.util.Map.of("SLIPWAY_TOKEN", managerToken),
                "promotions",
                "show",
                newer,
                "--server",
                plane.api())) {
            assertThat(show.awaitExit()).as(show.err()).isZero();
            assertThat(show.out()).contains("state:       open", "conflict:    branch promotion/" + newer);
        }

        browser.find("#reject-reason").sendKeys("the branch changed after review");
        browser.find("#reject").click();
        browser.await(
                Duration.ofSeconds(60),
                d -> browser.find("#request-state").getText().equals("rejected"));
        assertThat(browser.find("main").getText()).contains("the branch changed after review");
        assertThat(browser.all("#conflict"))
                .as("a decided request conflicts with nothing")
                .isEmpty();
        final JsonNode rejected = plane.get("/api/v1/promotions/" + newer);
        assertThat(rejected.path("state").asText()).isEqualToIgnoringCase("rejected");
        assertThat(rejected.at("/decisions/0/user").asText()).isEqualTo(LoopPlane.APPROVER);
        assertThat(rejected.at("/decisions/0/reason").asText()).startsWith("the branch changed after review");
        browser.open("/promotions?state=rejected");
        assertThat(browser.find("main table").getText()).contains(newer);
    }

    /**
     * A promotion request of the news deployment to production made by the author with {@code slipway promote}, its
     * manifest labelled {@code version} (a change against what production runs); returns the request's id.
     */
    private static String promote(String version, String message) throws Exception {
        final Path from = tmp.resolve("work").resolve("promote-" + version);
        final Path deploy = tmp.resolve("work").resolve("news").resolve("deploy");
        try (var files = Files.walk(deploy)) {
            for (final Path f : files.toList()) {
                final Path to = from.resolve(deploy.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        try (var files = Files.list(from)) {
            final Path manifest = files.filter(f -> f.getFileName().toString().startsWith("SeldonDeployment"))
                    .findFirst()
                    .orElseThrow();
            Files.writeString(
                    manifest,
                    Files.readString(manifest)
                            .replaceFirst("(?m)^metadata:\\n", "metadata:\n  labels: {version: " + version + "}\n"));
        }
        try (SlipwayProcess promote = SlipwayProcess.start(
                "promote",
                "--gitops",
                plane.gitops().toString(),
                "--env",
                "production",
                "--from",
                from.toString(),
                "--author",
                AUTHOR,
                "--message",
                message)) {
            assertThat(promote.awaitExit()).as(promote.err()).isZero();
        }
        for (final JsonNode p : plane.get("/api/v1/promotions?env=production")) {
            if (p.path("message").asText().equals(message)) {
                return p.path("id").asText();
            }
        }
        throw new AssertionError("no promotion request '" + message + "'");
    }

    @Test
    @Order(8)
    void manager_rollsOneApplicationBackFromItsOwnHistory() throws Exception {
        // a second version of the spec (two replicas) reaches staging: the application's history has two changes
        final Path work = tmp.resolve("work").resolve("news");
        final Path manifest;
        try (var files = Files.list(work.resolve("deploy"))) {
            manifest = files.filter(f -> f.getFileName().toString().startsWith("SeldonDeployment"))
                    .findFirst()
                    .orElseThrow();
        }
        Files.writeString(manifest, Files.readString(manifest).replace("replicas: 1", "replicas: 2"));
        final String commit = plane.pushChange(work, "news: two replicas");
        assertThat(plane.awaitRun(commit, RUN).at("/condition/reason").asText()).isEqualTo("Succeeded");
        browser.await(Duration.ofSeconds(90), d -> {
            browser.open("/environments/staging/apps/news");
            return browser.all("li[data-node='classifier'] [data-replicas]").size() == 1
                    && browser.find("li[data-node='classifier'] [data-replicas]")
                            .getAttribute("data-replicas")
                            .equals("2/2");
        });
        final List<WebElement> rows = browser.all("table.history tbody tr");
        assertThat(rows.size()).isGreaterThanOrEqualTo(2);
        assertThat(rows.get(0).getText()).contains("current");
        assertThat(rows.get(0).findElements(By.cssSelector("button[type=submit]")))
                .as("no rollback to what runs")
                .isEmpty();
        browser.screenshotPage("application-staging");
        rows.get(1).findElement(By.cssSelector("button[type=submit]")).click();
        browser.driver().switchTo().alert().accept(); // the confirmation names the application
        browser.await(
                Duration.ofSeconds(60),
                d -> browser.all("table.history tbody tr").size() == rows.size() + 1);
        // the API (what 'slipway env history staging news' prints): a rollback of this application, by the manager
        final JsonNode after = plane.get("/api/v1/environments/staging/history?application=news");
        assertThat(after.get(0).path("action").asText()).containsIgnoringCase("rollback");
        assertThat(after.get(0).path("author").asText()).isEqualTo(LoopPlane.APPROVER);
        browser.await(Duration.ofSeconds(90), d -> {
            browser.open("/environments/staging/apps/news");
            return browser.find("li[data-node='classifier'] [data-replicas]")
                    .getAttribute("data-replicas")
                    .equals("1/1");
        });
        assertThat(plane.get("/api/v1/environments/staging/applications/news/spec")
                        .at("/predictors/0/graph/replicas")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    @Order(9)
    void manager_rollsStagingBackFromItsHistory() throws Exception {
        browser.open("/environments/staging");
        final List<WebElement> rows = browser.all("table.history tbody tr");
        assertThat(rows.size()).isGreaterThanOrEqualTo(2);
        browser.screenshotPage("environment-staging");
        final WebElement oldest = rows.get(rows.size() - 1);
        final String to = oldest.getAttribute("data-revision");
        oldest.findElement(By.cssSelector("button[type=submit]")).click();
        browser.driver().switchTo().alert().accept(); // the confirmation
        browser.await(Duration.ofSeconds(60), d -> {
            final List<WebElement> now = browser.all("table.history tbody tr");
            return now.size() == rows.size() + 1 ? true : null;
        });
        assertThat(browser.find("table.history tbody tr").getText()).containsIgnoringCase("rollback");
        // staging no longer holds the news application (the first revision had none), as the API says too
        browser.await(Duration.ofSeconds(90), d -> {
            browser.open("/environments/staging");
            return browser.all("tr[data-app='news']").isEmpty();
        });
        assertThat(plane.get("/api/v1/environments/staging/history").get(0).toString())
                .contains(LoopPlane.APPROVER);
        assertThat(to).isNotBlank();
    }

    @Test
    @Order(10)
    void aFailingRun_showsTheFailingStepAndItsLog() throws Exception {
        final String commit = push(
                "news-unit",
                repo -> Files.writeString(
                        repo.resolve("tests/model-cases.yaml"),
                        Files.readString(repo.resolve("tests/model-cases.yaml"))
                                + """
        - name: a label this model never gives
          request: {data: {ndarray: %s}}
          expect: {data: {ndarray: [7.0]}}
        """.formatted(NewsRepositoryFiles.texts(1))));
        final String id = runOf(commit);
        browser.open("/pipelines/runs/" + id);
        browser.await(RUN, d -> browser.all("#failed-step").size() == 1);
        assertThat(browser.find("#run-state").getText()).isEqualTo("Failed");
        assertThat(browser.find("#failed-step").getText()).contains("Test /");
        assertThat(browser.find("#log").getText()).contains("FAIL  a label this model never gives");
        assertThat(browser.find("[data-stage='Test']").getAttribute("data-state"))
                .isEqualTo("Failed");
        assertThat(browser.find("[data-stage='Promote']").getAttribute("data-state"))
                .isEqualTo("Skipped");
        browser.screenshotPage("run-failed");

        browser.open("/pipelines?state=Failed");
        assertThat(browser.find("table.runs").getText()).contains(id).doesNotContain(runId);
        browser.open("/pipelines");
        browser.screenshot("pipelines");
        browser.open("/");
        browser.screenshotPage("overview");
        browser.open("/servers");
        browser.screenshot("servers");
        browser.phone();
        try {
            for (final String page : List.of(
                    "/",
                    "/pipelines",
                    "/pipelines/runs/" + id,
                    "/promotions/" + requestId,
                    "/environments",
                    "/environments/production/apps/news",
                    "/deployments",
                    "/deployments/production/news/requests",
                    "/servers")) {
                browser.open(page);
                // usable at phone width: the page never scrolls sideways (wide tables scroll in their own box), and
                // every section of the navigation is on screen and can be tapped
                assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth;"))
                        .as(page + " fits the phone's width; wider: "
                                + browser.script("return Array.from("
                                        + "document.querySelectorAll('body *')).filter(e => !e.closest('.scroll') && e.getBoundingClientRect().right"
                                        + " > window.innerWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className + ' '"
                                        + " + Math.round(e.getBoundingClientRect().right)).join('; ');"))
                        .isEqualTo(true);
                for (final WebElement link : browser.all("header nav a")) {
                    assertThat(link.isDisplayed())
                            .as(page + ": " + link.getText())
                            .isTrue();
                    assertThat(link.getRect().getX() + link.getRect().getWidth())
                            .as(page + ": " + link.getText() + " within the screen")
                            .isLessThanOrEqualTo(((Number) browser.script("return window.innerWidth;")).intValue());
                }
            }
            browser.open("/pipelines/runs/" + id);
            browser.screenshot("phone-run");
            browser.open("/");
            browser.screenshot("phone-overview");
            browser.open("/deployments/production/news/requests");
            browser.screenshot("phone-requests");
            browser.open("/environments/production/apps/news");
            browser.screenshot("phone-application");
        } finally {
            browser.desktop();
        }
    }

    @Test
    @Order(11)
    void runAPipeline_cancelIt_andReRunIt_fromThePages_asTheCliThenLists() throws Exception {
        // the failing repository: its runs never promote anything, whatever happens here
        browser.open("/pipelines?repository=news-unit");
        final WebElement form = browser.find("form[data-action='/pipelines/runs']");
        assertThat(new org.openqa.selenium.support.ui.Select(browser.find("#run-repo"))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("news-unit");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.await(Duration.ofSeconds(30), d -> browser.path().startsWith("/pipelines/runs/"));
        final String first = browser.path().substring("/pipelines/runs/".length());
        assertThat(plane.get("/api/v1/pipelines/runs/" + first)
                        .at("/trigger/type")
                        .asText())
                .isEqualTo("manual");
        cancelOnPage(first);

        browser.find("form[data-action$='/rerun'] button[type=submit]").click();
        browser.await(
                Duration.ofSeconds(30),
                d -> browser.path().startsWith("/pipelines/runs/")
                        && !browser.path().endsWith(first));
        final String again = browser.path().substring("/pipelines/runs/".length());
        final JsonNode a = plane.get("/api/v1/pipelines/runs/" + first);
        final JsonNode b = plane.get("/api/v1/pipelines/runs/" + again);
        assertThat(b.path("commit").asText()).isEqualTo(a.path("commit").asText());
        assertThat(b.path("repository").asText()).isEqualTo(a.path("repository").asText());
        assertThat(b.at("/trigger/type").asText()).isEqualTo("manual");
        cancelOnPage(again);

        // the filters, as a user sets them: this repository's cancelled runs
        browser.open("/pipelines");
        new org.openqa.selenium.support.ui.Select(browser.find("form.filters select[name=repository]"))
                .selectByValue("news-unit");
        new org.openqa.selenium.support.ui.Select(browser.find("form.filters select[name=state]"))
                .selectByValue("Cancelled");
        browser.find("form.filters button[type=submit]").click();
        browser.await(Duration.ofSeconds(20), d -> driverQuery().contains("state=Cancelled"));
        final List<String> cancelled = new ArrayList<>();
        browser.all("table.runs tbody tr")
                .forEach(
                        r -> cancelled.add(r.findElement(By.cssSelector("td a")).getText()));
        assertThat(cancelled).containsExactly(again, first);

        // 'slipway pipeline list' shows what the page shows: the same runs, in the same order, in the same states
        browser.open("/pipelines?repository=news-unit");
        final List<String> page = new ArrayList<>();
        browser.all("table.runs tbody tr")
                .forEach(r -> page.add(r.findElement(By.cssSelector("td a")).getText() + " "
                        + r.findElement(By.cssSelector(".state")).getText()));
        try (SlipwayProcess list = SlipwayProcess.start(
                java.util.Map.of("SLIPWAY_TOKEN", managerToken),
                "pipeline",
                "list",
                "--server",
                plane.api(),
                "--repository",
                "news-unit",
                "-o",
                "json")) {
            assertThat(list.awaitExit()).as(list.err()).isZero();
            final List<String> cli = new ArrayList<>();
            JSON.readTree(list.out())
                    .forEach(r -> cli.add(
                            r.path("id").asText() + " " + r.path("reason").asText()));
            assertThat(page).isEqualTo(cli);
        }
        assertThat(page).contains(first + " Cancelled", again + " Cancelled");
    }

    /** The query of the page the browser shows. */
    private static String driverQuery() {
        final String q = java.net.URI.create(browser.driver().getCurrentUrl()).getQuery();
        return q == null ? "" : q;
    }

    /** Cancels the run the page shows, with its button, and waits until the page says it is cancelled. */
    private static void cancelOnPage(String id) {
        browser.find("form[data-action='/pipelines/runs/" + id + "/cancel'] button[type=submit]")
                .click();
        browser.await(Duration.ofSeconds(120), d -> {
            browser.open("/pipelines/runs/" + id);
            return browser.find("#run-state").getAttribute("data-state").equals("Cancelled");
        });
        assertThat(browser.all("form[data-action$='/cancel']"))
                .as("nothing left to cancel")
                .isEmpty();
    }

    @Test
    @Order(12)
    void restartOfUp_keepsTheBrowserSignedIn_signOutEndsIt_andAUsedLinkStaysUseless() throws Exception {
        browser.open("/environments");
        assertThat(browser.find("#user").getText()).contains(LoopPlane.APPROVER);
        final String before = plane.api();
        plane.close();
        plane = LoopPlane.restart(tmp, true, java.util.Map.of());
        browser.at(plane.api());
        browser.open("/environments");
        assertThat(browser.path()).as("still signed in after the restart").isEqualTo("/environments");
        assertThat(browser.find("#user").getText()).contains(LoopPlane.APPROVER, "approver");
        final Path sessions = tmp.resolve("data/auth/console-sessions.json");
        assertThat(Files.readString(sessions)).contains("\"" + LoopPlane.APPROVER + "\"");

        signOut();
        assertThat(Files.readString(sessions)).doesNotContain("\"" + LoopPlane.APPROVER + "\"");
        browser.open("/environments");
        assertThat(browser.path()).isEqualTo("/signin");
        // the link the manager used before the restart signs nobody in
        browser.driver().get("about:blank");
        browser.driver().get(managerLink.replace(before, plane.api()));
        final WebElement result = browser.await(Duration.ofSeconds(20), d -> {
            final WebElement r = browser.find("#signin [data-result]");
            return r.getText().contains("not valid") ? r : null;
        });
        assertThat(result.getText()).contains("used already");
        assertThat(browser.all("#user")).isEmpty();
    }
}
