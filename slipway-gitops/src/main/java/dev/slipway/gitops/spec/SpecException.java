package dev.slipway.gitops.spec;

import dev.slipway.support.Problem;
import dev.slipway.support.ValidationException;
import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot be used: each problem names its field path and the rule it breaks (one a line). */
public final class SpecException extends ValidationException {

  private static final long serialVersionUID = 1L;

  public SpecException(List<Problem> problems) {
    super(problems, problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
  }

  public SpecException(Problem problem) {
    this(List.of(problem));
  }
}
