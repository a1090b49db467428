package dev.slipway.gitops.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.gitops.env.Environments;
import dev.slipway.gitops.promote.Promoter;
import dev.slipway.gitops.promote.Promotion;
import dev.slipway.gitops.promote.PromotionException;
import dev.slipway.gitops.repo.CommitMessage;
import dev.slipway.gitops.repo.GitOpsLocation;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.spec.RegisteredServer;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.testing.SeldonManifests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link Servers} and {@link ServerUsage} on a real GitOps repository. */
class ServersTest {

    @TempDir
    Path dir;

    private GitOpsRepository repo;
    private final Clock clock = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    @BeforeEach
    void init() {
        final Path gitops = dir.resolve("gitops.git");
        GitOpsRepository.init(
                gitops,
                Environments.defaults(List.of("alice", "bob")),
                new PersonIdent("slipway", "", clock.instant(), ZoneOffset.UTC));
        repo = GitOpsRepository.open(new GitOpsLocation(gitops.toString(), null, null), dir.resolve("cache"));
    }

    @AfterEach
    void close() {
        repo.close();
    }

    @Test
    void register_newThenSameThenNewVersion_commitsStructuredMessages() {
        final Servers servers = new Servers(repo, clock);
        final Servers.Registration first = servers.register(
                new RegisteredServer("IMAGE_CLASSIFIER", "image-classifier:1.0.0", "com.example.ImageClassifier"),
                "ci",
                "");
        assertThat(first.action()).isEqualTo(Servers.REGISTERED);
        final CommitMessage m = CommitMessage.parse(repo.parse(repo.main()).getFullMessage());
        assertThat(m.action()).isEqualTo("Server registered");
        assertThat(m.trailer("Image")).contains("image-classifier:1.0.0");
        assertThat(servers.register(
                                new RegisteredServer(
                                        "IMAGE_CLASSIFIER", "image-classifier:1.0.0", "com.example.ImageClassifier"),
                                "ci",
                                "")
                        .commit())
                .isEmpty();
        final Servers.Registration second = servers.register(
                new RegisteredServer("IMAGE_CLASSIFIER", "image-classifier:1.1.0", "com.example.ImageClassifier"),
                "ci",
                "");
        assertThat(second.action()).isEqualTo(Servers.UPDATED);
        assertThat(new String(repo.trees().read(repo.main(), "servers.yaml").orElseThrow(), StandardCharsets.UTF_8))
                .contains(
                        "IMAGE_CLASSIFIER:",
                        "image: image-classifier:1.1.0",
                        "modelClass: com.example.ImageClassifier");
        final ServerUsage.Report report =
                new ServerUsage(repo).of("IMAGE_CLASSIFIER").orElseThrow();
        assertThat(report.versions())
                .extracting(ServerUsage.Version::image)
                .containsExactly("image-classifier:1.1.0", "image-classifier:1.0.0");
    }

    @Test
    void register_badNames_refusedNamingTheField() {
        final Servers servers = new Servers(repo, clock);
        assertThatThrownBy(() -> servers.register(new RegisteredServer("SKLEARN_SERVER", "x:1", null), "ci", ""))
                .hasMessageContaining("is a prepackaged server's name");
        assertThatThrownBy(() -> servers.register(new RegisteredServer("lower", "x:1", null), "ci", ""))
                .hasMessageContaining("upper-case");
        assertThatThrownBy(() -> servers.register(new RegisteredServer("GOOD", "no-version", null), "ci", ""))
                .hasMessageContaining("GOOD.image: 'no-version' must be an artifact reference NAME:VERSION");
    }

    @Test
    void promote_registeredImplementation_acceptedAndUsageReported() throws Exception {
        final Servers servers = new Servers(repo, clock);
        final Path m = Files.createDirectories(dir.resolve("model-repo"));
        Files.createDirectories(m.resolve("model"));
        Files.writeString(m.resolve("model/model.onnx"), "bytes");
        Files.writeString(m.resolve("digits.yaml"), SeldonManifests.deployment("digits", """
        - name: default
          graph: {name: classifier, type: MODEL, implementation: IMAGE_CLASSIFIER, modelUri: ./model}
        """));
        final Promotion p = new Promotion(
                "staging", List.of(m.resolve("digits.yaml")), "ci", "ci@x", "", "r", "abc", List.of(), "");
        assertThatThrownBy(() -> new Promoter(repo, new SpecParser(), clock).promote(p))
                .isInstanceOf(PromotionException.class)
                .hasMessageContaining("unknown implementation 'IMAGE_CLASSIFIER'");
        servers.register(new RegisteredServer("IMAGE_CLASSIFIER", "image-classifier:1.0.0", "com.example.C"), "ci", "");
        new Promoter(repo, new SpecParser(), clock).promote(p);
        final String promoted =
                new String(repo.trees().read(repo.main(), "staging/digits.yaml").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(promoted).contains("implementation: IMAGE_CLASSIFIER");
        final ServerUsage.Report report =
                new ServerUsage(repo).of("IMAGE_CLASSIFIER").orElseThrow();
        assertThat(report.uses())
                .containsExactly(new ServerUsage.Use(
                        "staging",
                        "digits",
                        "classifier",
                        "staging/digits.yaml",
                        "implementation IMAGE_CLASSIFIER (image image-classifier:1.0.0)"));
    }

    @Test
    void read_invalidServersYaml_namesFileAndField() {
        assertThatThrownBy(() -> dev.slipway.gitops.spec.ServerRegistry.parse(
                        """
        GOOD: {image: "x:1", extra: 1}
        """.getBytes(StandardCharsets.UTF_8), "servers.yaml@abc"))
                .hasMessageContaining("servers.yaml@abc: GOOD.extra: unknown field");
    }
}
