package dev.slipway.controlplane.api;

import dev.slipway.api.ApiError;
import dev.slipway.artifact.ArtifactException;
import dev.slipway.gitops.promote.PromotionException;
import dev.slipway.gitops.spec.SpecException;
import dev.slipway.support.Problem;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The API's one mapping from exceptions to answers: the caller's mistakes are 4xx with a message naming the field
 * (manifests: every problem by path), refusals 403, unknown things 404, conflicts 409; anything else is a 500.
 */
public final class ErrorMapper {

    /** An error answer: the status and its body. */
    public record Mapped(int status, ApiError body) {}

    /** The answer for {@code failure}. */
    public Mapped map(Throwable failure) {
        final Throwable t = unwrap(failure);
        if (t instanceof ApiException e) {
            return new Mapped(e.status(), ApiError.of(e.getMessage()));
        }
        if (t instanceof SpecException e) {
            return new Mapped(
                    400,
                    new ApiError(
                            e.getMessage(),
                            e.problems().stream().map(ErrorMapper::problem).toList(),
                            null,
                            null));
        }
        if (t instanceof PromotionException e) {
            return new Mapped(
                    e.kind().httpStatus(),
                    new ApiError(e.getMessage(), null, e.kind() == PromotionException.Kind.RETRY, null));
        }
        if (t instanceof ArtifactException e) {
            return new Mapped(e.httpStatus(), ApiError.of(e.getMessage()));
        }
        if (t instanceof SecurityException) {
            return new Mapped(403, ApiError.of(t.getMessage()));
        }
        if (t instanceof IllegalArgumentException) {
            return new Mapped(400, ApiError.of(t.getMessage()));
        }
        return new Mapped(500, ApiError.of(t.getMessage() == null ? t.toString() : t.getMessage()));
    }

    private static ApiError.Problem problem(Problem p) {
        return new ApiError.Problem(p.path(), p.message());
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
