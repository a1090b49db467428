package dev.slipway.gitops.spec;

/**
 * An error or warning about a spec, located by field path, e.g.
 * {@code spec.predictors[1].traffic: traffic of non-shadow predictors must sum to 100}.
 *
 * @param source the file (or other source) it came from
 * @param path the field path inside the document ({@code ""} for the document itself)
 * @param message the rule that was broken, or what is ignored
 */
public record SpecProblem(String source, String path, String message) {

  @Override
  public String toString() {
    final String where = path.isEmpty() ? "" : path + ": ";
    return (source == null || source.isEmpty() ? "" : source + ": ") + where + message;
  }
}
