package dev.slipway.support;

import java.util.List;

/**
 * Input that cannot be used, with every {@link Problem} found in it. Module-specific failures (a bad manifest, a bad
 * pipeline file) extend it, so an API maps them all to one client-error response listing the problems.
 */
public class ValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public ValidationException(List<Problem> problems) {
        this(problems, Problems.describe(problems));
    }

    /** With a message of the caller's own making (e.g. one problem a line). */
    protected ValidationException(List<Problem> problems, String message) {
        super(message);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public ValidationException(Problem problem) {
        this(List.of(problem));
    }

    /** The problems, in the order found. */
    public List<Problem> problems() {
        return problems;
    }
}
