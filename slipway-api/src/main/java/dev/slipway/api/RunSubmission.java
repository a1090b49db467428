package dev.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of {@code POST /api/v1/pipelines/runs}: queue a run.
 *
 * @param repository a hosted repository's name, or a URL or path the server can clone (required)
 * @param commit the revision to run (null: {@code HEAD})
 * @param branch the branch it is on (null: none)
 * @param pipeline {@code release} (null: the default) or {@code pullRequest}
 * @param user who asks (null: {@code api})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSubmission(String repository, String commit, String branch, String pipeline, String user) {}
