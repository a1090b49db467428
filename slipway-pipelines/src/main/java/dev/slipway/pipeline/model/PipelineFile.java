package dev.slipway.pipeline.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole {@code jenkins-x.yml}: its pipelines by kind, and warnings about what is read but not honoured
 * locally (agent images).
 *
 * @param buildPack the {@code buildPack} value (only {@code none} is supported)
 * @param pipelines the pipelines present
 * @param warnings what is ignored when running locally
 */
public record PipelineFile(String buildPack, Map<PipelineKind, Pipeline> pipelines, List<String> warnings) {

    public PipelineFile {
        pipelines = Map.copyOf(pipelines);
        warnings = List.copyOf(warnings);
    }

    public Optional<Pipeline> pipeline(PipelineKind kind) {
        return Optional.ofNullable(pipelines.get(kind));
    }
}
