package dev.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Every error answer of the API: {@code {"error": message}} plus, where they apply, the problems by field path,
 * whether retrying may succeed, and the deployment's status after a failed rollout.
 *
 * @param error what went wrong, naming the field or the thing
 * @param problems one entry per invalid field of a manifest (empty otherwise)
 * @param retryable for promotion conflicts: true when the same request may succeed later (null otherwise)
 * @param status the deployment's status after a failed rollout (null otherwise)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String error, List<Problem> problems, Boolean retryable, Deployment status) {

    public ApiError {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** An error with a message only. */
    public static ApiError of(String message) {
        return new ApiError(message, List.of(), null, null);
    }

    /**
     * One invalid field.
     *
     * @param path the field's path, e.g. {@code spec.predictors[0].graph.modelUri}
     * @param message what is wrong with it
     */
    public record Problem(String path, String message) {}
}
