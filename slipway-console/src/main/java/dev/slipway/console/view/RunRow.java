package dev.slipway.console.view;

/**
 * A pipeline run in a list: where it came from and how it ended.
 *
 * @param reason {@code Pending}, {@code Running}, {@code Succeeded}, {@code Failed}, {@code Cancelled}, …
 * @param started ISO time or empty
 * @param duration e.g. {@code 1m 04s}, or empty
 */
public record RunRow(
        String id,
        String repository,
        String branch,
        String commit,
        String pipeline,
        String trigger,
        String reason,
        String message,
        String started,
        String duration) {

    /** The repository's short name (the last path segment). */
    public String repositoryName() {
        final String r = repository.endsWith("/") ? repository.substring(0, repository.length() - 1) : repository;
        final int slash = r.lastIndexOf('/');
        final String last = slash < 0 ? r : r.substring(slash + 1);
        return last.endsWith(".git") ? last.substring(0, last.length() - 4) : last;
    }

    public String shortCommit() {
        return commit.length() > 10 ? commit.substring(0, 10) : commit;
    }

    /** True while the run has not ended. */
    public boolean live() {
        return reason.equals("Pending") || reason.equals("Started") || reason.equals("Running");
    }
}
