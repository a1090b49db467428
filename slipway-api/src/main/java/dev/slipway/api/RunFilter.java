package dev.slipway.api;

import java.util.Locale;

/**
 * Which runs to list: {@code GET /api/v1/pipelines/runs?repository=&branch=&state=&commit=} (and {@code slipway pipeline list
 * --repository --branch --state}); a null field matches every run.
 *
 * @param repository a hosted repository's name ({@code news}), or the run's full repository location
 * @param branch the branch
 * @param state the Succeeded condition's reason ({@code Running}, {@code Succeeded}, {@code Failed}, …; any case)
 * @param commit the commit the run built: its full id, or a prefix of at least 7 characters
 */
public record RunFilter(String repository, String branch, String state, String commit) {

    /** Runs of a repository, branch and state (any commit). */
    public RunFilter(String repository, String branch, String state) {
        this(repository, branch, state, null);
    }

    /** Every run. */
    public static RunFilter none() {
        return new RunFilter(null, null, null, null);
    }

    /** The runs of {@code commit} (a full id or a prefix of at least 7 characters). */
    public static RunFilter ofCommit(String commit) {
        return new RunFilter(null, null, null, commit);
    }

    /** True when no field is set. */
    public boolean isEmpty() {
        return repository == null && branch == null && state == null && commit == null;
    }

    /** True when {@code run} passes every field that is set. */
    public boolean matches(RunSummary run) {
        return (repository == null
                        || repository.equals(run.repository())
                        || repository.equals(repositoryName(run.repository())))
                && (branch == null || branch.equals(run.branch()))
                && (state == null
                        || run.reason() != null
                                && state.toLowerCase(Locale.ROOT)
                                        .equals(run.reason().toLowerCase(Locale.ROOT)))
                && (commit == null
                        || run.commit() != null
                                && (run.commit().equals(commit)
                                        || commit.length() >= 7 && run.commit().startsWith(commit)));
    }

    /**
     * A repository's short name from where a run found it: {@code /data/git/news.git} and
     * {@code https://host/team/news.git} are {@code news}; a folder is its last part.
     */
    public static String repositoryName(String location) {
        if (location == null || location.isEmpty()) {
            return "-";
        }
        String s = location;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        s = s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf(':')) + 1);
        return s.endsWith(".git") ? s.substring(0, s.length() - 4) : s;
    }
}
