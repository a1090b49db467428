package dev.slipway.kubernetes.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.gitops.repo.GitOpsLocation;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.repo.TreeEdit;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.gitops.status.ApplicationStatus;
import dev.slipway.gitops.status.HealthStatus;
import dev.slipway.gitops.status.SyncStatus;
import dev.slipway.gitops.sync.SyncConfig;
import dev.slipway.gitops.sync.SyncController;
import dev.slipway.gitops.target.Condition;
import dev.slipway.gitops.target.ConditionType;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.RuntimeTarget;
import dev.slipway.testing.Poll;
import dev.slipway.testing.SeldonManifests;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link EnvironmentTargets} under the sync controller, against a Kubernetes API mock ({@link MockCluster})
 * with the {@link StatusSimulator} playing the controllers: one environment whose cluster cannot be used fails alone,
 * in the status vocabulary, naming the cause; the other keeps syncing to its cluster; once the kubeconfig is fixed the
 * failed one syncs too.
 */
class EnvironmentTargetsMockIT {

    static final String ENVIRONMENTS = """
      environments:
      - name: staging
        folder: staging
        namespace: staging
        promotion: auto
        target: {kind: kubernetes, mode: native, context: mock}
      - name: production
        folder: production
        namespace: production
        promotion: approval
        approvers: [bob]
        target: {kind: kubernetes, mode: native, context: elsewhere}
      """;

    static final String IRIS = SeldonManifests.deployment("iris", """
      - name: default
        graph: {name: classifier, implementation: SKLEARN_SERVER, modelUri: 's3://models/iris'}
      """);

    @TempDir
    Path dir;

    MockCluster cluster;
    KubernetesClient client;
    StatusSimulator simulator;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        client = cluster.client();
        simulator = new StatusSimulator(client).start(100);
    }

    @AfterEach
    void stop() {
        simulator.close();
        client.close();
        cluster.close();
    }

    @Test
    void oneEnvironmentsClusterUnusable_thatEnvironmentStalledNamingTheContext_theOtherKeepsSyncing() throws Exception {
        final GitOpsRepository repo =
                GitOpsRepository.over(new InMemoryRepository(new DfsRepositoryDescription("gitops")), "memory:gitops");
        commit(
                repo,
                Map.of("environments.yaml", ENVIRONMENTS, "staging/iris.yaml", IRIS, "production/iris.yaml", IRIS));
        final Path kubeconfig = cluster.kubeconfig(dir, "mock");
        final EnvironmentTargets targets = new EnvironmentTargets(
                new NoLocalRuntime(),
                new ClusterConnector(kubeconfig),
                dir.resolve("data"),
                c -> ManifestPublisher.none(),
                c -> "registry.local/slipway-server:1",
                Clock.systemUTC());
        try (SyncController sync = new SyncController(
                        SyncConfig.defaults(new GitOpsLocation("memory:gitops", null, null), dir.resolve("data"))
                                .withResync(Duration.ofSeconds(1)),
                        repo,
                        targets,
                        new SpecParser())
                .start()) {
            final ApplicationStatus production = Poll.until(
                    "production stalled",
                    Duration.ofSeconds(60),
                    () -> application(sync, "production")
                            .filter(a -> a.health() == HealthStatus.DEGRADED)
                            .orElse(null),
                    () -> String.valueOf(sync.status("production")));
            assertThat(production.conditions())
                    .filteredOn(c -> c.type() == ConditionType.STALLED)
                    .singleElement()
                    .extracting(Condition::message)
                    .asString()
                    .contains("cluster unusable: context 'elsewhere' does not exist in")
                    .contains("(contexts: mock)");

            final ApplicationStatus staging = Poll.until(
                    "staging Synced and Healthy on its cluster",
                    Duration.ofSeconds(60),
                    () -> application(sync, "staging")
                            .filter(a -> a.sync() == SyncStatus.SYNCED && a.health() == HealthStatus.HEALTHY)
                            .orElse(null),
                    () -> String.valueOf(sync.status("staging")));
            assertThat(staging.namespace()).isEqualTo("staging");
            assertThat(client.apps()
                            .deployments()
                            .inNamespace("staging")
                            .withName("iris-default-classifier")
                            .get())
                    .isNotNull();
            assertThat(client.apps()
                            .deployments()
                            .inNamespace("production")
                            .list()
                            .getItems())
                    .as("nothing reached production's namespace")
                    .isEmpty();

            // staging keeps syncing while production stays broken: a change to staging is applied
            commit(repo, Map.of("staging/iris.yaml", IRIS.replace("s3://models/iris", "s3://models/iris-v2")));
            sync.refresh();
            Poll.until(
                    "staging's change applied",
                    Duration.ofSeconds(60),
                    () -> {
                        final var d = client.apps()
                                .deployments()
                                .inNamespace("staging")
                                .withName("iris-default-classifier")
                                .get();
                        return d != null
                                && d.getSpec()
                                        .getTemplate()
                                        .getSpec()
                                        .getContainers()
                                        .get(0)
                                        .getArgs()
                                        .contains("s3://models/iris-v2");
                    },
                    () -> String.valueOf(sync.status("staging")));
            assertThat(sync.sync("production", null).get(30, TimeUnit.SECONDS).application("iris"))
                    .get()
                    .extracting(ApplicationStatus::health)
                    .isEqualTo(HealthStatus.DEGRADED);

            // the kubeconfig gets the missing context: the next pass connects production, which syncs
            Files.writeString(
                    kubeconfig,
                    Files.readString(kubeconfig)
                            .replace(
                                    "current-context:",
                                    "- name: elsewhere\n  context: {cluster: mock, user: tester}\ncurrent-context:"));
            sync.refresh(); // what `slipway env sync` asks for
            Poll.until(
                    "production Synced and Healthy once its context exists",
                    Duration.ofSeconds(60),
                    () -> application(sync, "production")
                            .filter(a -> a.sync() == SyncStatus.SYNCED && a.health() == HealthStatus.HEALTHY)
                            .orElse(null),
                    () -> String.valueOf(sync.status("production")));
            assertThat(client.apps()
                            .deployments()
                            .inNamespace("production")
                            .withName("iris-default-classifier")
                            .get())
                    .isNotNull();
        } finally {
            targets.close();
        }
    }

    private static Optional<ApplicationStatus> application(SyncController sync, String env) {
        return sync.status(env).flatMap(s -> s.application("iris"));
    }

    private static void commit(GitOpsRepository repo, Map<String, String> files) {
        final ObjectId parent = repo.ref(GitOpsRepository.MAIN).orElse(null);
        final List<TreeEdit> edits = new ArrayList<>();
        files.forEach((path, content) -> edits.add(new TreeEdit.Put(path, content.getBytes(StandardCharsets.UTF_8))));
        final ObjectId commit = repo.commit(
                repo.buildTree(parent, edits),
                parent == null ? List.of() : List.of(parent),
                "environments on clusters",
                new PersonIdent("alice", "alice@example.org", Instant.now(), ZoneOffset.UTC));
        repo.updateRef(GitOpsRepository.MAIN, parent, commit);
    }

    /** Every environment here is on a cluster: the local runtime must never be asked. */
    private static final class NoLocalRuntime implements RuntimeTarget {
        @Override
        public String name() {
            return "local";
        }

        @Override
        public void check(Manifest manifest, String namespace) {
            throw new AssertionError("the local runtime was asked to check " + namespace);
        }

        @Override
        public CompletableFuture<DeploymentStatus> apply(Manifest manifest, String namespace) {
            throw new AssertionError("the local runtime was asked to apply in " + namespace);
        }

        @Override
        public CompletableFuture<Boolean> delete(String namespace, String name) {
            return CompletableFuture.completedFuture(false);
        }

        @Override
        public Optional<DeploymentStatus> status(String namespace, String name) {
            return Optional.empty();
        }

        @Override
        public List<DeploymentStatus> list() {
            return List.of();
        }

        @Override
        public void close() {}
    }
}
