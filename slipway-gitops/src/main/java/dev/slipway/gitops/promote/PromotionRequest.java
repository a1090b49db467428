package dev.slipway.gitops.promote;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A proposal to change an approval environment: the commit on branch {@code promotion/<id>} that was reviewed,
 * who asked, and every decision. Stored in the GitOps repository under {@code refs/slipway/promotions/<id>}.
 *
 * @param id short unique id
 * @param environment the environment it changes
 * @param author who promoted
 * @param email their e-mail
 * @param message the promotion's message
 * @param sourceRepository the model repository the manifests came from
 * @param sourceCommit its commit ({@code GIT_COMMIT}, else its HEAD), or empty
 * @param branch {@code promotion/<id>}
 * @param baseCommit main when the request was made
 * @param headCommit the reviewed commit: approval merges exactly this one
 * @param deployments the SeldonDeployments it changes
 * @param changedFiles repository paths it changes
 * @param assignees who may approve (the environment's approvers)
 * @param state where it stands
 * @param createdAt when it was made
 * @param updatedAt when it last changed
 * @param decisions every decision, oldest first
 * @param mergeCommit the merge commit on main, or empty
 */
public record PromotionRequest(
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
        PromotionState state,
        Instant createdAt,
        Instant updatedAt,
        List<Decision> decisions,
        String mergeCommit) {

    public PromotionRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(state, "state");
        deployments = List.copyOf(deployments);
        changedFiles = List.copyOf(changedFiles);
        assignees = List.copyOf(assignees);
        decisions = List.copyOf(decisions);
    }

    /** A copy in {@code next} state with {@code decision} appended. */
    public PromotionRequest decide(Decision decision, String merge) {
        final List<Decision> all = new ArrayList<>(decisions);
        all.add(decision);
        return new PromotionRequest(
                id,
                environment,
                author,
                email,
                message,
                sourceRepository,
                sourceCommit,
                branch,
                baseCommit,
                headCommit,
                deployments,
                changedFiles,
                assignees,
                decision.verdict(),
                createdAt,
                decision.at(),
                all,
                merge == null ? mergeCommit : merge);
    }

    /** True while it may still be approved or rejected. */
    public boolean open() {
        return state == PromotionState.OPEN;
    }
}
