package dev.slipway.gitops.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.gitops.env.Environments;
import dev.slipway.gitops.repo.CommitMessage;
import dev.slipway.gitops.repo.GitOpsLocation;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.servers.Servers;
import dev.slipway.gitops.spec.RegisteredServer;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.testing.SeldonManifests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link Promoter}, {@link Reviewer} and {@link Rollback} on real git repositories and the git CLI. */
class PromoterTest {

    @TempDir
    Path dir;

    private Path gitops;
    private GitOpsRepository repo;
    private final Clock clock = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    @BeforeEach
    void init() {
        gitops = dir.resolve("gitops.git");
        GitOpsRepository.init(
                gitops,
                Environments.defaults(List.of("alice", "bob")),
                new PersonIdent("slipway", "", clock.instant(), ZoneOffset.UTC));
        repo = open();
    }

    @AfterEach
    void close() {
        repo.close();
    }

    private GitOpsRepository open() {
        return GitOpsRepository.open(new GitOpsLocation(gitops.toString(), null, null), dir.resolve("cache"));
    }

    /** A model repository with model/ and a manifest using modelUri: ./model. */
    private Path modelRepo(String name, String modelBytes) throws Exception {
        final Path m = Files.createDirectories(dir.resolve("models").resolve(name));
        Files.createDirectories(m.resolve("model"));
        Files.writeString(m.resolve("model/model.joblib"), modelBytes);
        Files.writeString(
                m.resolve(name + ".yaml"), SeldonManifests.deployment("%s", """
        - name: default
          graph:
            name: classifier
            type: MODEL
            implementation: SKLEARN_SERVER
            modelUri: ./model
        """).formatted(name));
        return m.resolve(name + ".yaml");
    }

    private Promotion promotion(String env, Path from, String author) {
        return new Promotion(
                env, List.of(from), author, author + "@example.com", "", "models/x", "abc1234", List.of(), "");
    }

    /** A promotion of {@code file} to staging by a build that published {@code image} ({@code --set-image}). */
    private static Promotion setImage(Path file, String image) {
        return new Promotion("staging", List.of(file), "ci", "", "", "m", "abc", List.of(image), "");
    }

    private String file(String path) {
        return new String(repo.trees().read(repo.main(), path).orElseThrow(), StandardCharsets.UTF_8);
    }

    private static String git(Path cwd, String... args) throws Exception {
        final List<String> cmd = new ArrayList<>(
                List.of("git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"));
        cmd.addAll(List.of(args));
        final Process p = new ProcessBuilder(cmd)
                .directory(cwd.toFile())
                .redirectErrorStream(true)
                .start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", args) + ": " + out).isZero();
        return out;
    }

    @Test
    void promote_autoEnvironment_commitsOnMainWithStructuredMessageAndPinnedModel() throws Exception {
        final Path manifest = modelRepo("iris", "v1");
        final PromotionResult r =
                new Promoter(repo, new SpecParser(), clock).promote(promotion("staging", manifest, "carol"));

        assertThat(r.outcome()).isEqualTo(PromotionResult.Outcome.COMMITTED);
        assertThat(repo.main().name()).isEqualTo(r.commit());
        final CommitMessage m = CommitMessage.parse(repo.parse(repo.main()).getFullMessage());
        assertThat(m.action()).isEqualTo("Deployment created");
        assertThat(m.author()).isEqualTo("carol");
        assertThat(m.email()).isEqualTo("carol@example.com");
        assertThat(repo.parse(repo.main()).getShortMessage()).startsWith("Promote iris to staging");
        assertThat(repo.parse(repo.main()).getFullMessage())
                .contains(
                        "\n\nSlipway-Action: Deployment created\n",
                        "Slipway-Author: carol <carol@example.com>\n",
                        "Slipway-Source: ")
                .doesNotContain("{\"Action\"");
        final String yaml = file("staging/iris.yaml");
        assertThat(yaml).contains("namespace: staging").containsPattern("modelUri: \\.\\./artifacts/[0-9a-f]{64}");
        final String artifact = yaml.replaceAll("(?s).*modelUri: \\.\\./(artifacts/[0-9a-f]{64}).*", "$1");
        assertThat(file(artifact + "/model.joblib")).isEqualTo("v1");

        // the same again: nothing to commit
        final PromotionResult again =
                new Promoter(repo, new SpecParser(), clock).promote(promotion("staging", manifest, "carol"));
        assertThat(again.outcome()).isEqualTo(PromotionResult.Outcome.NO_CHANGE);
        assertThat(again.summary()).contains("nothing changed");
        assertThat(repo.main().name()).isEqualTo(r.commit());

        // a new model: updated, a second artifact
        Files.writeString(manifest.getParent().resolve("model/model.joblib"), "v2");
        final PromotionResult updated =
                new Promoter(repo, new SpecParser(), clock).promote(promotion("staging", manifest, "carol"));
        assertThat(CommitMessage.parse(repo.parse(repo.main()).getFullMessage()).action())
                .isEqualTo("Deployment updated");
        assertThat(file("staging/iris.yaml")).isNotEqualTo(yaml);
        assertThat(updated.commit()).isEqualTo(repo.main().name());
    }

    @Test
    void promote_pinsTheRegisteredServerImage_andSetImageWritesTheExactBuild() throws Exception {
        new Servers(repo, clock).register(new RegisteredServer("SCORER", "acme/scorer:1.0.0", null), "srv", "");
        final Path m = Files.createDirectories(dir.resolve("models/scored"));
        Files.createDirectories(m.resolve("model"));
        Files.writeString(m.resolve("model/weights.txt"), "1\n2\n");
        Files.writeString(m.resolve("scored.yaml"), SeldonManifests.deployment("scored", """
        - name: default
          graph: {name: scorer, type: MODEL, implementation: SCORER, modelUri: ./model}
        """));
        new Promoter(repo, new SpecParser(), clock).promote(promotion("staging", m.resolve("scored.yaml"), "carol"));
        // what staging runs is what was registered when it was promoted, even after a new registration
        assertThat(file("staging/scored.yaml")).contains("implementation: SCORER", "image: acme/scorer:1.0.0");
        new Servers(repo, clock).register(new RegisteredServer("SCORER", "acme/scorer:2.0.0", null), "srv", "");
        assertThat(file("staging/scored.yaml")).contains("image: acme/scorer:1.0.0");

        // an embedded-model build: the manifest names a placeholder, the promotion the build just published
        final Path e = Files.createDirectories(dir.resolve("models/embedded"));
        Files.writeString(e.resolve("embedded.yaml"), SeldonManifests.deployment("embedded", """
        - name: default
          componentSpecs: [{spec: {containers: [{name: m, image: 'acme/embedded:local'}]}}]
          graph: {name: m, type: MODEL}
        """));
        new Promoter(repo, new SpecParser(), clock)
                .promote(setImage(e.resolve("embedded.yaml"), "acme/embedded=acme/embedded:0123456789ab"));
        assertThat(file("staging/embedded.yaml"))
                .contains("image: acme/embedded:0123456789ab")
                .doesNotContain("local");

        // a typo in --set-image changes nothing and says so
        final ObjectId before = repo.main();
        final Promotion typo = setImage(e.resolve("embedded.yaml"), "acme/embeded=acme/embeded:1");
        assertThatThrownBy(() -> new Promoter(repo, new SpecParser(), clock).promote(typo))
                .isInstanceOf(PromotionException.class)
                .hasMessageContaining("--set-image acme/embeded: no container in " + e.resolve("embedded.yaml"));
        assertThat(repo.main()).isEqualTo(before);
    }

    @Test
    void promote_invalidManifest_failsNamingTheFieldAndCommitsNothing() throws Exception {
        final Path manifest = modelRepo("bad", "v1");
        Files.writeString(manifest, Files.readString(manifest).replace("type: MODEL", "type: MODLE"));
        final ObjectId before = repo.main();
        assertThatThrownBy(
                        () -> new Promoter(repo, new SpecParser(), clock).promote(promotion("staging", manifest, "c")))
                .isInstanceOf(PromotionException.class)
                .hasMessageContaining("spec.predictors[0].graph.type");
        assertThat(repo.main()).isEqualTo(before);
        assertThatThrownBy(() -> new Promoter(repo, new SpecParser(), clock)
                        .promote(promotion("nowhere", modelRepo("ok", "v"), "c")))
                .hasMessageContaining("unknown environment 'nowhere'")
                .hasMessageContaining("staging, production");
    }

    @Test
    void production_requestApprovalFourEyesMergeAndSupersede() throws Exception {
        final Path manifest = modelRepo("iris", "v1");
        final ObjectId before = repo.main();
        final PromotionResult first =
                new Promoter(repo, new SpecParser(), clock).promote(promotion("production", manifest, "alice"));
        assertThat(first.outcome()).isEqualTo(PromotionResult.Outcome.REQUESTED);
        assertThat(repo.main()).as("main untouched").isEqualTo(before);
        final PromotionRequest req = first.request();
        assertThat(req.assignees()).containsExactly("alice", "bob");
        assertThat(req.changedFiles()).contains("production/iris.yaml");
        assertThat(repo.ref("refs/slipway/promotions/" + req.id())).isPresent();
        assertThat(repo.ref("refs/heads/promotion/" + req.id())).contains(ObjectId.fromString(req.headCommit()));

        // the record is readable by a fresh repository object (travels with the repository)
        try (GitOpsRepository other = open()) {
            final Reviewer.Shown shown = new Reviewer(other, clock).show(req.id());
            assertThat(shown.request().state()).isEqualTo(PromotionState.OPEN);
            assertThat(shown.diff()).contains("+++ b/production/iris.yaml").contains("+  namespace: production");
        }

        final Reviewer reviewer = new Reviewer(repo, clock);
        assertThatThrownBy(() -> reviewer.approve(req.id(), "alice"))
                .isInstanceOf(PromotionException.class)
                .hasMessageContaining("four-eyes")
                .extracting(e -> ((PromotionException) e).kind())
                .isEqualTo(PromotionException.Kind.FORBIDDEN);
        assertThatThrownBy(() -> reviewer.approve(req.id(), "mallory")).hasMessageContaining("not an approver");
        assertThatThrownBy(() -> reviewer.approve("nope", "bob"))
                .extracting(e -> ((PromotionException) e).kind())
                .isEqualTo(PromotionException.Kind.NOT_FOUND);

        // listed while open (the reviewer keeps parsed records by their commit), then its changes are listed too
        assertThat(reviewer.list("production", PromotionState.OPEN))
                .extracting(PromotionRequest::id)
                .containsExactly(req.id());

        // a newer request for the same deployment supersedes it
        Files.writeString(manifest.getParent().resolve("model/model.joblib"), "v2");
        final PromotionResult second =
                new Promoter(repo, new SpecParser(), clock).promote(promotion("production", manifest, "alice"));
        assertThat(second.superseded()).containsExactly(req.id());
        assertThat(reviewer.list("production", PromotionState.SUPERSEDED))
                .extracting(PromotionRequest::id)
                .containsExactly(req.id());
        assertThatThrownBy(() -> reviewer.approve(req.id(), "bob")).hasMessageContaining("superseded");

        assertThat(reviewer.show(second.request().id()).conflict()).isNull();
        final PromotionRequest merged = reviewer.approve(second.request().id(), "bob");
        assertThat(merged.state()).isEqualTo(PromotionState.MERGED);
        assertThat(merged.decisions()).extracting(Decision::user).containsExactly("bob", "bob");
        final CommitMessage m = CommitMessage.parse(repo.parse(repo.main()).getFullMessage());
        assertThat(m.trailer("Approved-by")).contains("bob");
        assertThat(repo.parse(repo.main()).getParentCount()).isEqualTo(2);
        assertThat(file("production/iris.yaml")).contains("namespace: production");
        assertThatThrownBy(() -> reviewer.approve(second.request().id(), "bob")).hasMessageContaining("merged");
        assertThat(reviewer.list("production", null))
                .extracting(PromotionRequest::id, PromotionRequest::state)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(second.request().id(), PromotionState.MERGED),
                        org.assertj.core.groups.Tuple.tuple(req.id(), PromotionState.SUPERSEDED));
    }

    @Test
    void approve_branchMovedAfterTheRequest_isRefused_andRejectKeepsTheReason() throws Exception {
        final PromotionResult r = new Promoter(repo, new SpecParser(), clock)
                .promote(promotion("production", modelRepo("iris", "v1"), "alice"));
        final String id = r.request().id();
        final Path clone = dir.resolve("clone");
        git(dir, "clone", "-q", gitops.toString(), clone.toString());
        git(clone, "checkout", "-q", "promotion/" + id);
        Files.writeString(clone.resolve("production/evil.yaml"), "sneaked in");
        git(clone, "add", ".");
        git(clone, "commit", "-q", "-m", "unreviewed");
        git(clone, "push", "-q", "origin", "promotion/" + id);
        final ObjectId main = repo.main();

        final Reviewer reviewer = new Reviewer(repo, clock);
        // the request's page says so before anyone tries
        assertThat(reviewer.show(id).conflict()).contains("moved after", "never reviewed");
        assertThatThrownBy(() -> reviewer.approve(id, "bob"))
                .isInstanceOf(PromotionException.class)
                .hasMessageContaining("moved after")
                .extracting(e -> ((PromotionException) e).kind())
                .isEqualTo(PromotionException.Kind.CONFLICT);
        assertThat(repo.main()).isEqualTo(main);

        assertThatThrownBy(() -> reviewer.reject(id, "mallory", "no")).hasMessageContaining("may not reject");
        final PromotionRequest rejected = reviewer.reject(id, "bob", "branch was tampered with");
        assertThat(rejected.state()).isEqualTo(PromotionState.REJECTED);
        assertThat(rejected.decisions().get(0).reason()).isEqualTo("branch was tampered with");
        assertThat(reviewer.show(id).conflict())
                .as("a decided request conflicts with nothing")
                .isNull();
    }

    @Test
    void show_sayWhenARequestConflictsWithMain_asApprovalThenRefuses() throws Exception {
        final PromotionResult r = new Promoter(repo, new SpecParser(), clock)
                .promote(promotion("production", modelRepo("iris", "v1"), "alice"));
        final String id = r.request().id();
        final Reviewer reviewer = new Reviewer(repo, clock);
        assertThat(reviewer.show(id).conflict()).as("it merges cleanly").isNull();

        // someone writes the same file on main directly
        final Path clone = dir.resolve("clone");
        git(dir, "clone", "-q", gitops.toString(), clone.toString());
        Files.createDirectories(clone.resolve("production"));
        Files.writeString(clone.resolve("production/iris.yaml"), "written on main\n");
        git(clone, "add", ".");
        git(clone, "commit", "-q", "-m", "by hand");
        git(clone, "push", "-q", "origin", "main");
        final ObjectId main = repo.main();

        final Reviewer.Shown shown = reviewer.show(id);
        assertThat(shown.conflict()).contains("conflicts with main in production/iris.yaml");
        assertThat(shown.request().state()).isEqualTo(PromotionState.OPEN);
        assertThat(repo.main()).as("showing decides nothing").isEqualTo(main);
        assertThatThrownBy(() -> reviewer.approve(id, "bob"))
                .isInstanceOf(PromotionException.class)
                .hasMessage(shown.conflict());
        final PromotionRequest after = reviewer.show(id).request();
        assertThat(after.state())
                .as("a refused merge records no approval: the request stays open")
                .isEqualTo(PromotionState.OPEN);
        assertThat(after.decisions()).isEmpty();
        assertThat(repo.main()).isEqualTo(main);
    }

    @Test
    void concurrentPromotions_toTheSameEnvironment_allLand() throws Exception {
        final int n = 4;
        final List<Path> manifests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            manifests.add(modelRepo("model" + i, "bytes" + i));
        }
        final CyclicBarrier barrier = new CyclicBarrier(n);
        final ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            final List<Future<PromotionResult>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                final Path m = manifests.get(i);
                results.add(pool.submit((Callable<PromotionResult>) () -> {
                    try (GitOpsRepository own = open()) { // like separate processes
                        barrier.await();
                        return new Promoter(own, new SpecParser(), clock).promote(promotion("staging", m, "ci"));
                    }
                }));
            }
            for (final Future<PromotionResult> f : results) {
                assertThat(f.get().outcome()).isEqualTo(PromotionResult.Outcome.COMMITTED);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < n; i++) {
            assertThat(repo.trees().read(repo.main(), "staging/model" + i + ".yaml"))
                    .as("model" + i)
                    .isPresent();
        }
        assertThat(repo.trees().firstParentLog(repo.main(), 100)).hasSize(n + 1);
    }

    @Test
    void rollback_restoresTheFolder_andOnlyApproversMayRollBackProduction() throws Exception {
        final Path manifest = modelRepo("iris", "v1");
        final PromotionResult v1 =
                new Promoter(repo, new SpecParser(), clock).promote(promotion("staging", manifest, "c"));
        final String yamlV1 = file("staging/iris.yaml");
        Files.writeString(manifest.getParent().resolve("model/model.joblib"), "v2");
        new Promoter(repo, new SpecParser(), clock).promote(promotion("staging", manifest, "c"));
        assertThat(file("staging/iris.yaml")).isNotEqualTo(yamlV1);

        final PromotionResult back =
                new Rollback(repo, clock).rollback("staging", v1.commit().substring(0, 8), "dave");
        assertThat(back.outcome()).isEqualTo(PromotionResult.Outcome.COMMITTED);
        assertThat(file("staging/iris.yaml")).isEqualTo(yamlV1);
        final CommitMessage m = CommitMessage.parse(repo.parse(repo.main()).getFullMessage());
        assertThat(m.action()).isEqualTo("Rollback");
        assertThat(m.trailer("Rollback-to")).contains(v1.commit());
        assertThat(new Rollback(repo, clock)
                        .rollback("staging", v1.commit(), "dave")
                        .outcome())
                .isEqualTo(PromotionResult.Outcome.NO_CHANGE);

        assertThatThrownBy(() -> new Rollback(repo, clock).rollback("production", v1.commit(), "dave"))
                .hasMessageContaining("only its approvers");
        assertThatThrownBy(() -> new Rollback(repo, clock).rollback("staging", "nosuchrev", "dave"))
                .hasMessageContaining("no revision 'nosuchrev'");
    }
}
