package dev.slipway.pipeline.trigger;

import dev.slipway.pipeline.model.PipelineKind;

/** A push to the default branch runs {@code release}; a push to any other branch runs {@code pullRequest}. */
public final class PipelineSelector {

    private PipelineSelector() {}

    public static PipelineKind select(String branch, String defaultBranch) {
        return branch.equals(defaultBranch) ? PipelineKind.release : PipelineKind.pullRequest;
    }
}
