package dev.slipway.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Collects every {@link Problem} in one input before failing, so the user fixes them all in one go. Field paths are
 * built with {@link #field} and {@link #index} ({@code spec.predictors[1].traffic}).
 */
public final class Problems {

    private final String source;
    private final List<Problem> problems = new ArrayList<>();

    private Problems(String source) {
        this.source = source;
    }

    /** A collector for problems in {@code source} (a file name, or {@code ""}). */
    public static Problems in(String source) {
        return new Problems(source == null ? "" : source);
    }

    /** The source every problem added by path names. */
    public String source() {
        return source;
    }

    /** Adds a problem at {@code path}. */
    public Problems add(String path, String message) {
        problems.add(Problem.of(source, path, message));
        return this;
    }

    /** Adds a problem at {@code path}, at a known line and column. */
    public Problems add(String path, String message, int line, int column) {
        problems.add(new Problem(source, path, message, line, column));
        return this;
    }

    /** Adds a problem found elsewhere (e.g. in another source). */
    public Problems add(Problem problem) {
        problems.add(problem);
        return this;
    }

    /** Adds all of {@code more}. */
    public Problems addAll(List<Problem> more) {
        problems.addAll(more);
        return this;
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public int size() {
        return problems.size();
    }

    /** The problems so far, in the order found. */
    public List<Problem> list() {
        return List.copyOf(problems);
    }

    /** Throws {@code exception} of the problems when there is any. */
    public <E extends RuntimeException> void throwIfAny(Function<List<Problem>, E> exception) {
        if (!problems.isEmpty()) {
            throw exception.apply(list());
        }
    }

    /** {@code parent.name}, or {@code name} when parent is empty. */
    public static String field(String parent, String name) {
        return parent == null || parent.isEmpty() ? name : parent + "." + name;
    }

    /** {@code parent[i]}. */
    public static String index(String parent, int i) {
        return (parent == null ? "" : parent) + "[" + i + "]";
    }

    /** One problem as it is, or {@code "N problems:"} followed by one indented line each. */
    public static String describe(List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        final StringBuilder b = new StringBuilder(problems.size() + " problems:");
        problems.forEach(p -> b.append("\n  ").append(p));
        return b.toString();
    }
}
