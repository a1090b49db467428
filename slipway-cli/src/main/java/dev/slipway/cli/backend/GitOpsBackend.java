package dev.slipway.cli.backend;

import dev.slipway.api.ChangeResult;
import dev.slipway.api.EnvironmentStatus;
import dev.slipway.api.HistoryEntry;
import dev.slipway.api.Promotion;
import dev.slipway.api.RollbackRequest;
import dev.slipway.api.ServerRegistration;
import dev.slipway.api.ServerReport;
import java.util.List;

/**
 * A GitOps repository's promotion requests, environments and servers registry, read and changed directly
 * ({@link LocalGitOps}) or through a {@code slipway up} that follows it ({@link RemoteGitOps}). Refusals are
 * {@code PromotionException}s (local) or {@code SlipwayException}s (remote) carrying the same messages.
 */
public interface GitOpsBackend extends AutoCloseable {

    /** Promotion requests, newest first ({@code env}, {@code state}: null for any). */
    List<Promotion> promotions(String env, String state);

    /** One request with its diff. */
    Promotion promotion(String id);

    /** Approves and merges a request as {@code user} (an assignee who is not its author). */
    Promotion approve(String id, String user);

    /** Rejects a request as {@code user}. */
    Promotion reject(String id, String user, String reason);

    /** The sync controller's view of every environment (or of {@code env}); only a control plane has one. */
    List<EnvironmentStatus> status(String env);

    /** The changes of an environment's folder (or of {@code application}'s files, when not null) on main, newest first. */
    List<HistoryEntry> history(String env, String application);

    /**
     * Restores one application's files ({@code request.application()}), or with {@code all} the whole folder, to
     * {@code request.to()} by a new commit on main; a dry run answers with the diff and commits nothing.
     */
    ChangeResult rollback(String env, RollbackRequest request);

    /** Reconciles {@code env} now (only a control plane can); the status after that pass. */
    EnvironmentStatus sync(String env, String application);

    /** Registers (or updates) a server in {@code servers.yaml} by a commit on main. */
    ServerRegistration.Result register(ServerRegistration registration);

    /** Every registered server with its versions and users. */
    List<ServerReport> servers();

    /** One registered server ({@link IllegalArgumentException} when there is none). */
    ServerReport server(String name);

    @Override
    void close();
}
