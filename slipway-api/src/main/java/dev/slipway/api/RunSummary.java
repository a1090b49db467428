package dev.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A pipeline run in a list ({@code GET /api/v1/pipelines/runs}, newest first) and the answer to a submission.
 *
 * @param id the run's id
 * @param pipeline {@code release} or {@code pullRequest}
 * @param repository the repository it runs
 * @param commit the commit
 * @param branch the branch, or empty
 * @param trigger {@code manual}, {@code push}, {@code webhook} or {@code poll}
 * @param status the Succeeded condition's status ({@code True}, {@code False}, {@code Unknown})
 * @param reason the Succeeded condition's reason ({@code Running}, {@code Succeeded}, {@code Failed}, …)
 * @param message the condition's message
 * @param startTime when it started, or null
 * @param endTime when it ended, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSummary(
        String id,
        String pipeline,
        String repository,
        String commit,
        String branch,
        String trigger,
        String status,
        String reason,
        String message,
        Instant startTime,
        Instant endTime) {}
