package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.cli.backend.LocalGitOps;
import dev.slipway.cli.backend.LocalRuns;
import dev.slipway.cli.backend.RemoteGitOps;
import dev.slipway.cli.backend.RemoteRuns;
import dev.slipway.cli.backend.RunsBackend;
import dev.slipway.cli.backend.Settings;
import dev.slipway.gitops.env.Environments;
import dev.slipway.gitops.repo.GitOpsRepository;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for the one resolution of server, data folder and GitOps repository ({@link Settings}) and for which backend
 * the pipeline and GitOps commands pick from flags and environment.
 */
class SettingsResolutionTest {

    @TempDir
    Path tmp;

    @Test
    void server_flagThenSlipwayUrlThenDefault() {
        final Settings env = new Settings(Map.of("SLIPWAY_URL", "http://10.0.0.1:9"));
        assertThat(env.server("http://flag:1")).isEqualTo("http://flag:1");
        assertThat(env.server(null)).isEqualTo("http://10.0.0.1:9");
        assertThat(new Settings(Map.of()).server(null)).isEqualTo("http://127.0.0.1:8080");
        assertThat(new Settings(Map.of("SLIPWAY_URL", " ")).chosenServer(null)).isEmpty();
    }

    @Test
    void dataDir_flagThenSlipwayDataDirThenHomeVariable() {
        final Settings env = new Settings(Map.of(
                "HOME", tmp.toString(), "SLIPWAY_DATA_DIR", tmp.resolve("d").toString()));
        assertThat(env.dataDir(tmp.resolve("flag"), "data")).isEqualTo(tmp.resolve("flag"));
        assertThat(env.dataDir(null, "data")).isEqualTo(tmp.resolve("d"));
        final Settings home = new Settings(Map.of("HOME", tmp.toString()));
        assertThat(home.dataDir(null, "data")).isEqualTo(tmp.resolve(".slipway/data"));
        assertThat(home.dataDir(null, "")).isEqualTo(tmp.resolve(".slipway"));
        assertThat(home.cache()).isEqualTo(tmp.resolve(".slipway/cache"));
    }

    @Test
    void pipelineCommands_slipwayUrlMeansTheServerUnlessDataDirOrServerIsGiven() {
        final Settings url = new Settings(Map.of("HOME", tmp.toString(), "SLIPWAY_URL", "http://127.0.0.1:9"));
        final RunsBackend remote = PipelineRuns.backend(new DataOrServer(), url);
        assertThat(remote).isInstanceOf(RemoteRuns.class);
        assertThat(remote.where()).isEqualTo("http://127.0.0.1:9");
        final DataOrServer data = new DataOrServer();
        data.data.dir = tmp.resolve("d");
        assertThat(PipelineRuns.backend(data, url)).isInstanceOf(LocalRuns.class);
        data.server.url = "http://127.0.0.1:7";
        assertThat(PipelineRuns.backend(data, url).where()).isEqualTo("http://127.0.0.1:7");
        final RunsBackend local =
                PipelineRuns.backend(new DataOrServer(), new Settings(Map.of("HOME", tmp.toString())));
        assertThat(local.where()).isEqualTo(tmp.resolve(".slipway/data/runs").toString());
    }

    @Test
    void gitopsCommands_flagsThenSlipwayGitopsThenSlipwayUrl() {
        final Path repo = tmp.resolve("gitops.git");
        GitOpsRepository.init(
                repo, Environments.defaults(List.of("a")), new PersonIdent("s", "", Instant.now(), ZoneOffset.UTC));
        final GitOpsOptions none = new GitOpsOptions();
        assertThatThrownBy(() -> none.backend(new Settings(Map.of("HOME", tmp.toString()))))
                .hasMessage("--gitops URL|DIR or --server URL is required");
        assertThat(none.backend(new Settings(Map.of("HOME", tmp.toString(), "SLIPWAY_URL", "http://127.0.0.1:9"))))
                .isInstanceOf(RemoteGitOps.class);
        try (var b = none.backend(new Settings(Map.of(
                "HOME", tmp.toString(), "SLIPWAY_URL", "http://127.0.0.1:9", "SLIPWAY_GITOPS", repo.toString())))) {
            assertThat(b).isInstanceOf(LocalGitOps.class);
        }
        final GitOpsOptions server = new GitOpsOptions();
        server.server.url = "http://127.0.0.1:7";
        assertThat(server.backend(new Settings(Map.of("SLIPWAY_GITOPS", repo.toString()))))
                .isInstanceOf(RemoteGitOps.class);
    }
}
