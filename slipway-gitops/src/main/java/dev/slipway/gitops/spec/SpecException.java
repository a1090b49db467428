package dev.slipway.gitops.spec;

import dev.slipway.support.Problem;
import dev.slipway.support.ValidationException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A spec that cannot be used: each problem names its field path and the rule it breaks (one a line), followed by the
 * warnings found in the same input ({@code warning: …}), since an unknown field is often the cause of an error.
 */
public final class SpecException extends ValidationException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> warnings;

    public SpecException(List<Problem> problems) {
        this(problems, List.of());
    }

    /** The errors of one input and the warnings found next to them. */
    public SpecException(List<Problem> problems, List<Problem> warnings) {
        super(
                problems,
                java.util.stream.Stream.concat(
                                problems.stream().map(Problem::toString),
                                warnings.stream().map(w -> "warning: " + w))
                        .collect(Collectors.joining("\n")));
        this.warnings = List.copyOf(warnings);
    }

    /** The warnings found next to the errors (unknown fields, ignored settings). */
    public List<Problem> warnings() {
        return warnings;
    }

    /** The errors, then the warnings (prefixed {@code warning: }), one a line: what a command prints. */
    public List<String> lines() {
        return java.util.stream.Stream.concat(
                        problems().stream().map(Problem::toString),
                        warnings.stream().map(w -> "warning: " + w))
                .toList();
    }

    public SpecException(Problem problem) {
        this(List.of(problem));
    }
}
