package dev.slipway.cli.command;

import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.run.RunStore;

/** Looks a run up by id or prefix, with an error that says where it looked. */
final class PipelineRuns {

  private PipelineRuns() {}

  static PipelineRun find(RunStore store, String id, DataDir data) {
    return store.find(id).orElseThrow(() -> new IllegalArgumentException(
        "no run '" + id + "' in " + data.runs() + " (slipway pipeline list shows the runs)"));
  }
}
