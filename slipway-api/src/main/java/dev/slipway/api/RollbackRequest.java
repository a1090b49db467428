package dev.slipway.api;

/**
 * The body of {@code POST /api/v1/environments/{env}/rollback}.
 *
 * @param to the revision to restore
 * @param user who rolls back
 * @param application the one application to restore (its files only), or null for the whole environment
 * @param reason why (recorded in the commit), or null
 * @param all confirms an environment-wide rollback (refused without it, listing what it would remove)
 * @param dryRun answer with the diff and commit nothing
 */
public record RollbackRequest(String to, String user, String application, String reason, Boolean all, Boolean dryRun) {

    /** An environment-wide rollback, confirmed. */
    public RollbackRequest(String to, String user) {
        this(to, user, null, null, true, false);
    }
}
