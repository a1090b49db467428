package dev.slipway.pipeline.yaml;

import dev.slipway.support.Problem;
import dev.slipway.support.ValidationException;
import java.util.List;

/**
 * A pipeline file that cannot be used: every problem found, each naming the file, the path of the field
 * in it (e.g. {@code pipelineConfig.pipelines.release.pipeline.stages[0].name}) and, where known, the line and
 * column.
 */
public final class PipelineException extends ValidationException {

    private static final long serialVersionUID = 1L;

    public PipelineException(List<Problem> problems) {
        super(problems);
    }

    public static PipelineException single(String file, String path, String message, int line, int column) {
        return new PipelineException(List.of(new Problem(file, path, message, line, column)));
    }
}
