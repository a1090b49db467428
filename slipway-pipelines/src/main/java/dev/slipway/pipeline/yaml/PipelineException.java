package dev.slipway.pipeline.yaml;

import java.util.List;

/**
 * A pipeline file that cannot be used: every problem found, each naming the file, the path of the field
 * in it and, where known, the line and column.
 */
public final class PipelineException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * One problem.
   *
   * @param file the file's name
   * @param path the field's path, e.g. {@code pipelineConfig.pipelines.release.pipeline.stages[0].name}; empty for the file
   * @param message what is wrong
   * @param line 1-based line, or 0 when unknown
   * @param column 1-based column, or 0 when unknown
   */
  public record Problem(String file, String path, String message, int line, int column) {
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder(file);
      if (line > 0) {
        b.append(':').append(line).append(':').append(column);
      }
      b.append(": ");
      if (!path.isEmpty()) {
        b.append(path).append(": ");
      }
      return b.append(message).toString();
    }
  }

  private final transient List<Problem> problems;

  public PipelineException(List<Problem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  public static PipelineException single(String file, String path, String message, int line, int column) {
    return new PipelineException(List.of(new Problem(file, path, message, line, column)));
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String message(List<Problem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    StringBuilder b = new StringBuilder(problems.size() + " problems:");
    problems.forEach(p -> b.append("\n  ").append(p));
    return b.toString();
  }
}
