package dev.slipway.controlplane.api;

import dev.slipway.client.SlipwayClient;
import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.ControlPlaneConfig;
import dev.slipway.controlplane.TestConfigs;
import dev.slipway.gitops.env.Environments;
import dev.slipway.gitops.repo.GitOpsLocation;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.sync.SyncConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.jgit.lib.PersonIdent;

/** A control plane on free loopback ports (no model server may start) and the typed client of its API. */
final class TestPlane implements AutoCloseable {

    final ControlPlane plane;
    final SlipwayClient client;
    final Path gitops;

    private TestPlane(ControlPlane plane, Path gitops) {
        this.plane = plane;
        this.gitops = gitops;
        this.client = new SlipwayClient("http://127.0.0.1:" + plane.apiPort(), null);
    }

    /** Without a GitOps repository. */
    static TestPlane start(Path tmp) {
        return new TestPlane(new ControlPlane(config(tmp)).start(), null);
    }

    /** Following a new GitOps repository: staging automatic, production approved by {@code manager}. */
    static TestPlane withGitOps(Path tmp) {
        final Path gitops = tmp.resolve("gitops.git");
        GitOpsRepository.init(
                gitops,
                Environments.defaults(List.of("manager")),
                new PersonIdent("slipway", "", Instant.now(), ZoneOffset.UTC));
        final SyncConfig sync =
                SyncConfig.defaults(new GitOpsLocation(gitops.toString(), null, null), tmp.resolve("sync"));
        return new TestPlane(new ControlPlane(config(tmp).withGitOps(sync)).start(), gitops);
    }

    private static ControlPlaneConfig config(Path tmp) {
        return TestConfigs.noModelServers(tmp.resolve("data"));
    }

    @Override
    public void close() {
        plane.close();
    }
}
