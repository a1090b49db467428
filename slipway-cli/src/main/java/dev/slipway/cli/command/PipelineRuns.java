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
    if (server.isSet()) {
      return new RemoteRuns(server.client());
    }
    if (!data.isSet() && Settings.fromEnvironment().chosenServer(null).isPresent()) {
      return new RemoteRuns(server.client());
    }
    return new LocalRuns(data.runs(), Clock.systemUTC());
  }
}
