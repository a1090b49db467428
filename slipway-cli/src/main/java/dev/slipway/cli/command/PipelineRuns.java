package dev.slipway.cli.command;

import dev.slipway.cli.backend.LocalRuns;
import dev.slipway.cli.backend.RemoteRuns;
import dev.slipway.cli.backend.RunsBackend;
import dev.slipway.cli.backend.Settings;
import java.time.Clock;

/**
 * Which runs the {@code pipeline} commands read: {@code --server} (a {@code slipway up}), else {@code --data-dir} (a
 * runs folder), else {@code SLIPWAY_URL} when set (as in pipeline steps), else the local runs folder.
 */
final class PipelineRuns {

    private PipelineRuns() {}

    static RunsBackend backend(DataDir data, ServerOption server) {
        return backend(data, server, Settings.fromEnvironment());
    }

    static RunsBackend backend(DataDir data, ServerOption server, Settings settings) {
        if (server.isSet() || !data.isSet() && settings.chosenServer(null).isPresent()) {
            return new RemoteRuns(settings.client(server.url));
        }
        return new LocalRuns(settings.dataDir(data.dir, "").resolve("runs"), Clock.systemUTC());
    }
}
