package dev.slipway.gitops.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot be used: each problem names its field path and the rule it breaks. */
public final class SpecException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<SpecProblem> problems;

  public SpecException(List<SpecProblem> problems) {
    super(problems.stream().map(SpecProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public SpecException(SpecProblem problem) {
    this(List.of(problem));
  }

  /** The problems, in document order. */
  public List<SpecProblem> problems() {
    return problems;
  }
}
