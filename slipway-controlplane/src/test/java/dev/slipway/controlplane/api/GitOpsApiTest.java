package dev.slipway.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.api.ApplicationSpec;
import dev.slipway.api.EnvironmentStatus;
import dev.slipway.api.Promotion;
import dev.slipway.api.Refreshing;
import dev.slipway.client.SlipwayException;
import dev.slipway.gitops.promote.Promoter;
import dev.slipway.gitops.promote.PromotionResult;
import dev.slipway.gitops.repo.GitOpsLocation;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.testing.SeldonManifests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link GitOpsApi} through the real {@link ApiServer} and client: environments and promotion requests. */
class GitOpsApiTest {

    @TempDir
    Path tmp;

    private static List<EnvironmentStatus> environments(TestPlane t) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<EnvironmentStatus> all = t.client.environments();
        while (all.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50); // the sync controller's first reconcile; bounded by the deadline
            all = t.client.environments();
        }
        return all;
    }

    /** Opens a production promotion request by {@code alice} (production needs an approval). */
    private String requestProduction(TestPlane t) throws Exception {
        final Path manifest = Files.writeString(tmp.resolve("iris.yaml"), SeldonManifests.deployment("iris", """
        - name: p
          graph: {name: m, implementation: SKLEARN_SERVER, modelUri: "file:///m"}
        """));
        try (GitOpsRepository repo =
                GitOpsRepository.open(new GitOpsLocation(t.gitops.toString(), null, null), tmp.resolve("cache"))) {
            final PromotionResult r = new Promoter(repo, new SpecParser(), Clock.systemUTC())
                    .promote(new dev.slipway.gitops.promote.Promotion(
                            "production",
                            List.of(manifest),
                            "alice",
                            "alice@example.com",
                            "iris to production",
                            "",
                            "",
                            List.of(),
                            ""));
            assertThat(r.outcome()).isEqualTo(PromotionResult.Outcome.REQUESTED);
            return r.request().id();
        }
    }

    @Test
    void environments_statusAndHistory() throws Exception {
        try (TestPlane t = TestPlane.withGitOps(tmp)) {
            final List<EnvironmentStatus> all = environments(t);
            assertThat(all).extracting(EnvironmentStatus::name).contains("staging", "production");
            final EnvironmentStatus staging = t.client.environment("staging");
            assertThat(staging.namespace()).isNotBlank();
            assertThat(staging.conditions()).isNotEmpty();
            assertThat(t.client.history("staging"))
                    .allSatisfy(h -> assertThat(h.revision()).hasSize(40));
            assertThat(t.client.refresh()).isEqualTo(new Refreshing(true));
            assertThatThrownBy(() -> t.client.environment("nope")).isInstanceOfSatisfying(SlipwayException.class, e -> {
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.getMessage()).startsWith("no environment 'nope'");
            });
            assertThatThrownBy(() -> t.client.history("nope"))
                    .isInstanceOfSatisfying(
                            SlipwayException.class, e -> assertThat(e.status()).isEqualTo(404));
            assertThatThrownBy(() -> t.client.rollback("staging", "0000000", "bob"))
                    .isInstanceOfSatisfying(
                            SlipwayException.class, e -> assertThat(e.status()).isBetween(400, 499));
        }
    }

    @Test
    void applicationSpec_predictorsTrafficSplitShadowGraphAndReplicas() throws Exception {
        try (TestPlane t = TestPlane.withGitOps(tmp)) {
            environments(t);
            final Path manifest = Files.writeString(tmp.resolve("split.yaml"), """
          apiVersion: machinelearning.seldon.io/v1
          kind: SeldonDeployment
          metadata: {name: split}
          spec:
            replicas: 3
            predictors:
            - name: main
              traffic: 75
              replicas: 2
              graph:
                name: first
                implementation: SKLEARN_SERVER
                modelUri: "file:///m1"
                children:
                - {name: second, implementation: SKLEARN_SERVER, modelUri: "file:///m2"}
            - name: canary
              traffic: 25
              graph: {name: c, implementation: SKLEARN_SERVER, modelUri: "file:///m3"}
            - name: mirror
              shadow: true
              graph: {name: s, implementation: SKLEARN_SERVER, modelUri: "file:///m4"}
          """);
            try (GitOpsRepository repo =
                    GitOpsRepository.open(new GitOpsLocation(t.gitops.toString(), null, null), tmp.resolve("cache"))) {
                assertThat(new Promoter(repo, new SpecParser(), Clock.systemUTC())
                                .promote(new dev.slipway.gitops.promote.Promotion(
                                        "staging",
                                        List.of(manifest),
                                        "alice",
                                        "alice@example.com",
                                        "split to staging",
                                        "",
                                        "",
                                        List.of(),
                                        ""))
                                .outcome())
                        .isEqualTo(PromotionResult.Outcome.COMMITTED);
            }
            t.client.refresh();
            final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (t.client.environment("staging").application("split").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50); // the sync controller's next reconcile; bounded by the deadline
            }
            final ApplicationSpec spec = t.client.applicationSpec("staging", "split");
            assertThat(spec.name()).isEqualTo("split");
            assertThat(spec.file()).endsWith("split.yaml");
            assertThat(spec.revision()).hasSize(40);
            assertThat(spec.predictors())
                    .extracting(
                            ApplicationSpec.Predictor::name,
                            ApplicationSpec.Predictor::traffic,
                            ApplicationSpec.Predictor::shadow)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("main", 75, false),
                            org.assertj.core.groups.Tuple.tuple("canary", 25, false),
                            org.assertj.core.groups.Tuple.tuple("mirror", 0, true));
            final ApplicationSpec.Node first = spec.predictors().get(0).graph();
            assertThat(first.name()).isEqualTo("first");
            assertThat(first.type()).isEqualTo("MODEL");
            assertThat(first.implementation()).isEqualTo("SKLEARN_SERVER");
            assertThat(first.modelUri()).isEqualTo("file:///m1");
            assertThat(first.replicas()).isEqualTo(2); // the predictor's replicas
            assertThat(first.children()).extracting(ApplicationSpec.Node::name).containsExactly("second");
            assertThat(spec.predictors().get(1).graph().replicas()).isEqualTo(3); // the deployment's replicas
            assertThatThrownBy(() -> t.client.applicationSpec("staging", "nope"))
                    .isInstanceOfSatisfying(
                            SlipwayException.class, e -> assertThat(e.status()).isEqualTo(404));
            assertThatThrownBy(() -> t.client.applicationSpec("nope", "split"))
                    .isInstanceOfSatisfying(
                            SlipwayException.class, e -> assertThat(e.status()).isEqualTo(404));
        }
    }

    @Test
    void promotion_listShowWithDiff_fourEyes_approve() throws Exception {
        try (TestPlane t = TestPlane.withGitOps(tmp)) {
            final String id = requestProduction(t);
            final List<Promotion> open = t.client.promotions("production", "open");
            assertThat(open).singleElement().satisfies(p -> {
                assertThat(p.id()).isEqualTo(id);
                assertThat(p.deployments()).containsExactly("iris");
                assertThat(p.assignees()).containsExactly("manager");
                assertThat(p.state()).isEqualTo("OPEN");
                assertThat(p.diff()).isNull();
            });
            final Promotion shown = t.client.promotion(id);
            assertThat(shown.diff()).contains("+++").contains("name: iris");
            assertThat(shown.author()).isEqualTo("alice");

            assertThatThrownBy(() -> t.client.approve(id, "alice"))
                    .isInstanceOfSatisfying(
                            SlipwayException.class, e -> assertThat(e.status()).isEqualTo(403));
            final Promotion approved = t.client.approve(id, "manager");
            assertThat(approved.state()).isEqualTo("MERGED");
            assertThat(approved.mergeCommit()).hasSize(40);
            assertThat(approved.decisions())
                    .extracting(Promotion.Decision::verdict)
                    .containsExactly("APPROVED", "MERGED");
            assertThat(approved.decisions().get(0).user()).isEqualTo("manager");
            assertThatThrownBy(() -> t.client.reject(id, "manager", "too late"))
                    .isInstanceOfSatisfying(
                            SlipwayException.class, e -> assertThat(e.status()).isEqualTo(409));
            assertThat(t.client.promotions(null, "merged"))
                    .extracting(Promotion::id)
                    .containsExactly(id);
        }
    }

    @Test
    void promotions_badInput_400NamingTheField() throws Exception {
        try (TestPlane t = TestPlane.withGitOps(tmp)) {
            assertThatThrownBy(() -> t.client.promotions(null, "bogus"))
                    .isInstanceOfSatisfying(SlipwayException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).startsWith("state: 'bogus' is not one of");
                    });
            final String id = requestProduction(t);
            assertThatThrownBy(() -> t.client.reject(id, "manager", null)).hasMessage("reason: missing");
            assertThatThrownBy(() -> t.client.approve("nope", "manager"))
                    .isInstanceOfSatisfying(
                            SlipwayException.class, e -> assertThat(e.status()).isEqualTo(404));
            final HttpResponse<String> wrongType = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(t.client.url() + "/api/v1/promotions/" + id + "/approve"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"user\": [\"manager\"]}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(wrongType.statusCode()).isEqualTo(400);
            assertThat(wrongType.body()).contains("\"error\" : \"user: ");
            final HttpResponse<String> notJson = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(t.client.url() + "/api/v1/promotions/" + id + "/approve"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{user"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(notJson.body()).contains("request body: malformed JSON");
            assertThat(t.client.promotion(id).state()).isEqualTo("OPEN");
        }
    }

    @Test
    void withoutGitOps_404SayingSo() {
        try (TestPlane t = TestPlane.start(tmp)) {
            for (final Runnable call : List.<Runnable>of(
                    () -> t.client.environments(), () -> t.client.promotions(null, null), () -> t.client.refresh())) {
                assertThatThrownBy(call::run).isInstanceOfSatisfying(SlipwayException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("follows no GitOps repository");
                });
            }
        }
    }
}
