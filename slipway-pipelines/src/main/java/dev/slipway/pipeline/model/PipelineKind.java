package dev.slipway.pipeline.model;

import java.util.Locale;

/** The two pipelines of a jenkins-x.yml: release (the default branch) and pullRequest (any other branch). */
public enum PipelineKind {
    release,
    pullRequest;

    /** The key under {@code pipelineConfig.pipelines}: the constant's name. */
    public String yamlName() {
        return name();
    }

    /** Parses {@code release} or {@code pullRequest} (case-insensitive, also {@code pull-request}). */
    public static PipelineKind parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (PipelineKind k : values()) {
            if (k.yamlName().toLowerCase(Locale.ROOT).equals(t)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown pipeline '" + text + "': expected release or pullRequest");
    }
}
