package dev.slipway.gitops.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.gitops.env.Environments;
import dev.slipway.gitops.promote.Promoter;
import dev.slipway.gitops.promote.Promotion;
import dev.slipway.gitops.promote.PromotionException;
import dev.slipway.gitops.promote.PromotionRequest;
import dev.slipway.gitops.promote.Reviewer;
import dev.slipway.gitops.repo.GitOpsLocation;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.support.DnsLabel;
import dev.slipway.testing.SeldonManifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Findings 12 (promote follows links) and 5 (names that become paths) of issue 13. */
class PromotionSecurityTest {

    @TempDir
    Path dir;

    private GitOpsRepository repo;
    private Path secret;

    @BeforeEach
    void init() throws Exception {
        Path gitops = dir.resolve("gitops.git");
        GitOpsRepository.init(
                gitops,
                Environments.defaults(List.of("alice", "bob")),
                new PersonIdent("slipway", "", java.time.Instant.now(), ZoneOffset.UTC));
        repo = GitOpsRepository.open(new GitOpsLocation(gitops.toString(), null, null), dir.resolve("cache"));
        secret = Files.writeString(
                Files.createDirectories(dir.resolve("data/auth")).resolve("admin.token"), "slw_TOPSECRET\n");
    }

    @AfterEach
    void close() {
        repo.close();
    }

    private Path modelRepo() throws Exception {
        Path m = Files.createDirectories(dir.resolve("iris"));
        Files.createDirectories(m.resolve(".git"));
        Files.createDirectories(m.resolve("deploy/model"));
        Files.writeString(m.resolve("deploy/model/model.joblib"), "model bytes");
        Files.writeString(m.resolve("deploy/iris.yaml"), SeldonManifests.deployment("iris", """
        - name: default
          graph: {name: classifier, type: MODEL, implementation: SKLEARN_SERVER, modelUri: ./model}
        """));
        return m;
    }

    private Promotion promotion(Path from) {
        return new Promotion(
                "staging", List.of(from), "dana", "dana@example.com", "", "iris", "abc1234", List.of(), "");
    }

    /** Finding 12: a link under the model folder to the control plane's admin token is refused, not committed. */
    @Test
    void promote_linkToAFileOutsideTheRepository_isRefusedWithoutItsContents() throws Exception {
        Path m = modelRepo();
        Files.createSymbolicLink(m.resolve("deploy/model/stolen"), secret);
        var before = repo.main();

        assertThatThrownBy(() ->
                        new Promoter(repo, new SpecParser(), Clock.systemUTC()).promote(promotion(m.resolve("deploy"))))
                .isInstanceOf(PromotionException.class)
                .hasMessageContaining("link that resolves outside the repository")
                .hasMessageNotContaining("TOPSECRET");
        assertThat(repo.main()).isEqualTo(before);
    }

    /** Finding 12: a manifest that is a link outside the repository is refused before any parser reads it. */
    @Test
    void promote_linkedManifest_isRefusedBeforeItIsRead() throws Exception {
        Path m = modelRepo();
        Files.createSymbolicLink(m.resolve("deploy/other.yaml"), secret);
        assertThatThrownBy(() ->
                        new Promoter(repo, new SpecParser(), Clock.systemUTC()).promote(promotion(m.resolve("deploy"))))
                .isInstanceOf(PromotionException.class)
                .hasMessageContaining("outside the repository")
                .hasMessageNotContaining("TOPSECRET");
    }

    /** Finding 12: a link that stays inside the repository is still copied (what it points at). */
    @Test
    void promote_linkInsideTheRepository_isCopied() throws Exception {
        Path m = modelRepo();
        Files.writeString(m.resolve("shared.txt"), "shared");
        Files.createSymbolicLink(m.resolve("deploy/model/shared.txt"), m.resolve("shared.txt"));
        assertThat(new Promoter(repo, new SpecParser(), Clock.systemUTC())
                        .promote(promotion(m.resolve("deploy")))
                        .commit())
                .isNotNull();
    }

    /** Finding 5: every spelling that could build a path is not a DNS label. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "..",
                "../auth",
                "..%2f..%2fauth",
                "a/b",
                "Ab",
                "-a",
                "a-",
                "a.b",
                "",
                " a",
                "a\nb",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            })
    void dnsLabel_refusesPathSpellings(String name) {
        assertThat(DnsLabel.valid(name)).isFalse();
        assertThatThrownBy(() -> DnsLabel.require("namespace", name)).hasMessageContaining("is not a DNS label");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "staging", "team-1", "0abc"})
    void dnsLabel_acceptsLabels(String name) {
        assertThat(DnsLabel.valid(name)).isTrue();
    }

    /**
     * Finding 1: without {@code --auth} the approver is only named ({@code --as}), never checked — the decision says so
     * in its record, so nobody mistakes it for an authenticated approval; the four-eyes rule still applies to the name.
     */
    @Test
    void approval_namedNotAuthenticated_isRecordedAsUnauthenticated() throws Exception {
        Promotion asked = new Promotion(
                "production",
                List.of(modelRepo().resolve("deploy")),
                "alice",
                "alice@example.com",
                "",
                "iris",
                "abc1234",
                List.of(),
                "");
        PromotionRequest request = new Promoter(repo, new SpecParser(), Clock.systemUTC())
                .promote(asked)
                .request();
        Reviewer reviewer = new Reviewer(repo, Clock.systemUTC());
        assertThatThrownBy(() -> reviewer.approve(request.id(), "alice", false)).hasMessageContaining("four-eyes");

        PromotionRequest approved = reviewer.approve(request.id(), "bob", false);

        assertThat(approved.decisions())
                .last()
                .satisfies(d -> assertThat(d.user()).isEqualTo("bob"))
                .satisfies(d -> assertThat(d.reason()).endsWith(Reviewer.UNAUTHENTICATED));
    }
}
