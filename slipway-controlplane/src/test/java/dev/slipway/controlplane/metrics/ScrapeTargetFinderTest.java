package dev.slipway.controlplane.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.ScrapeTargets;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.ReplicaKey;
import dev.slipway.gitops.target.ReplicaState;
import dev.slipway.gitops.target.ReplicaStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link ScrapeTargetFinder}. */
class ScrapeTargetFinderTest {

    private static ReplicaStatus replica(String ns, String node, String id, ReplicaState state, int port, long pid) {
        return new ReplicaStatus(
                new ReplicaKey(ns, "news", "main", node, id),
                state,
                "abc",
                port,
                pid,
                0,
                null,
                null,
                "/tmp/log",
                List.of(),
                null);
    }

    @Test
    void targets_listTheApiTheGatewayAndEveryRunningReplicaWithItsLabels() {
        final DeploymentStatus staging = new DeploymentStatus(
                "staging",
                "news",
                1,
                List.of(),
                List.of(
                        replica("staging", "clf", "0", ReplicaState.READY, 41001, 11),
                        replica("staging", "clf", "1", ReplicaState.STARTING, 0, 12),
                        replica("staging", "clf", "2", ReplicaState.CRASHED, 41003, 0),
                        replica("staging", "clf", "3", ReplicaState.DRAINING, 41004, 14)),
                List.of());
        final DeploymentStatus production = new DeploymentStatus(
                "production",
                "news",
                1,
                List.of(),
                List.of(replica("production", "clf", "0", ReplicaState.READY, 42001, 21)),
                List.of());
        final List<ScrapeTargets> targets = new ScrapeTargetFinder(
                        () -> List.of(staging, production), "127.0.0.1", "0.0.0.0", () -> 8000, () -> 8080)
                .targets();
        assertThat(targets)
                .extracting(ScrapeTargets::targets)
                .containsExactly(
                        List.of("127.0.0.1:8080"),
                        List.of("127.0.0.1:8000"),
                        List.of("127.0.0.1:41001"),
                        List.of("127.0.0.1:41004"),
                        List.of("127.0.0.1:42001"));
        assertThat(targets.get(0).labels()).containsExactly(Map.entry("slipway_component", "control-plane"));
        assertThat(targets.get(1).labels()).containsExactly(Map.entry("slipway_component", "gateway"));
        assertThat(targets.get(4).labels())
                .containsExactly(
                        Map.entry("slipway_component", "model-server"),
                        Map.entry("namespace", "production"),
                        Map.entry("deployment_name", "news"),
                        Map.entry("predictor_name", "main"),
                        Map.entry("model_name", "clf"),
                        Map.entry("replica", "0"));
    }

    @Test
    void targets_packedReplica_isItsSharedProcessWithTheModelsMetricsPath() {
        final ReplicaStatus packed = new ReplicaStatus(
                new ReplicaKey("staging", "news", "main", "clf", "0"),
                ReplicaState.READY,
                "abc",
                43001,
                31,
                0,
                null,
                null,
                "/tmp/packed-0.log",
                List.of(),
                new ReplicaStatus.PackedIn("packed-0", "staging.news.main.clf.0-1"));
        final DeploymentStatus staging =
                new DeploymentStatus("staging", "news", 1, List.of(), List.of(packed), List.of());
        final ScrapeTargets target = new ScrapeTargetFinder(
                        () -> List.of(staging), "127.0.0.1", "127.0.0.1", () -> 8000, () -> -1)
                .targets()
                .get(1);
        assertThat(target.targets()).containsExactly("127.0.0.1:43001");
        assertThat(target.labels())
                .containsEntry("__metrics_path__", "/models/staging.news.main.clf.0-1/metrics")
                .containsEntry("model_name", "clf")
                .containsEntry("namespace", "staging");
    }

    @Test
    void targets_withoutAnApi_listTheGatewayOnly() {
        assertThat(new ScrapeTargetFinder(List::of, "127.0.0.1", "127.0.0.1", () -> 8000, () -> -1).targets())
                .extracting(t -> t.labels().get(ScrapeTargets.COMPONENT))
                .containsExactly("gateway");
    }

    @Test
    void address_reachesAWildcardOnLoopback_andBracketsIpv6() {
        assertThat(ScrapeTargetFinder.address("0.0.0.0", 1)).isEqualTo("127.0.0.1:1");
        assertThat(ScrapeTargetFinder.address("::", 2)).isEqualTo("127.0.0.1:2");
        assertThat(ScrapeTargetFinder.address("::1", 3)).isEqualTo("[::1]:3");
        assertThat(ScrapeTargetFinder.address("[::1]", 4)).isEqualTo("[::1]:4");
        assertThat(ScrapeTargetFinder.address("127.0.0.2", 5)).isEqualTo("127.0.0.2:5");
    }
}
