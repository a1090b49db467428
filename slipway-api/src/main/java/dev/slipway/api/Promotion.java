package dev.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A promotion request to an approval environment ({@code GET /api/v1/promotions}, {@code GET /api/v1/promotions/{id}}
 * with its {@code diff}, and the answer to approve and reject).
 *
 * @param id its id
 * @param environment the environment it promotes to
 * @param author who asked
 * @param email the author's e-mail
 * @param message the change's message
 * @param sourceRepository the model repository it comes from
 * @param sourceCommit the commit of that repository
 * @param branch the GitOps branch holding the change
 * @param baseCommit main when it was made
 * @param headCommit the branch's head
 * @param deployments the deployments it changes
 * @param changedFiles the files it changes
 * @param assignees who may approve it
 * @param state {@code OPEN}, {@code APPROVED}, {@code REJECTED}, {@code MERGED} or {@code SUPERSEDED}
 * @param createdAt when it was made
 * @param updatedAt when it last changed
 * @param decisions approvals and rejections, oldest first
 * @param mergeCommit the merge into main, or null
 * @param diff the change as a unified diff ({@code GET /api/v1/promotions/{id}} only; null elsewhere)
 * @param conflict why approving an open request would be refused now — its branch moved after it was recorded, or it
 *     conflicts with main — ({@code GET /api/v1/promotions/{id}} only; null when it would merge, or elsewhere)
 */
public record Promotion(
        String id,
        String environment,
        String author,
        String email,
        String message,
        String sourceRepository,
        String sourceCommit,
        String branch,
        String baseCommit,
        String headCommit,
        List<String> deployments,
        List<String> changedFiles,
        List<String> assignees,
        String state,
        Instant createdAt,
        Instant updatedAt,
        List<Decision> decisions,
        String mergeCommit,
        @JsonInclude(JsonInclude.Include.NON_NULL) String diff,
        @JsonInclude(JsonInclude.Include.NON_NULL) String conflict) {

    public Promotion {
        deployments = deployments == null ? List.of() : List.copyOf(deployments);
        changedFiles = changedFiles == null ? List.of() : List.copyOf(changedFiles);
        assignees = assignees == null ? List.of() : List.copyOf(assignees);
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
    }

    /**
     * An approval or a rejection.
     *
     * @param user who decided
     * @param verdict {@code APPROVED} or {@code REJECTED}
     * @param reason why (rejections), or empty
     * @param at when
     */
    public record Decision(String user, String verdict, String reason, Instant at) {}
}
