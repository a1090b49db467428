package dev.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of {@code POST /api/v1/promotions}: a pipeline run (its {@code SLIPWAY_TOKEN}) promotes manifests of its
 * own repository at its own commit — the server checks that commit out itself; nothing of the step's disk is read.
 *
 * @param environment the environment (an automatic one gets a commit on main, an approval one a promotion request)
 * @param from manifest files or folders, relative to the repository's root
 * @param images {@code NAME=NAME:VERSION} image overrides, or null
 * @param message why, or null
 * @param author the commit's author as the step sees it (recorded only without {@code --auth})
 * @param email their e-mail, or null
 * @param strict whether unknown fields in the manifests are errors; null means yes ({@code promote}'s default)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromoteRequest(
        String environment,
        List<String> from,
        List<String> images,
        String message,
        String author,
        String email,
        Boolean strict) {

    /** A strict request (unknown fields are errors). */
    public PromoteRequest(
            String environment, List<String> from, List<String> images, String message, String author, String email) {
        this(environment, from, images, message, author, email, null);
    }

    /** Whether unknown fields are errors (null counts as yes). */
    public boolean strictOrDefault() {
        return strict == null || strict;
    }

    /**
     * The answer.
     *
     * @param outcome NO_CHANGE, COMMITTED or REQUESTED
     * @param commit the new commit, or null
     * @param request the promotion request opened, or null
     * @param superseded older requests it replaced
     * @param summary one line for people
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String outcome, String commit, Promotion request, List<String> superseded, String summary) {}
}
