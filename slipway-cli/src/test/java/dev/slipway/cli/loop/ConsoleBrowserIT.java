package dev.slipway.cli.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
        plane = LoopPlane.start(tmp, true);
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
        final String commit = push("news", repo -> {});
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
    void tryIt_sendsAV1RequestThroughTheGatewayAndShowsTheModelsAnswer() throws Exception {
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
        browser.screenshotPage("deployments");
    }

    @Test
    @Order(6)
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
    @Order(7)
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
    @Order(8)
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
            browser.open("/pipelines/runs/" + id);
            browser.screenshot("phone-run");
            browser.open("/");
            browser.screenshot("phone-overview");
        } finally {
            browser.desktop();
        }
    }

    @Test
    @Order(9)
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
