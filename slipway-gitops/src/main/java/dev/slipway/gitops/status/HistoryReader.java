package dev.slipway.gitops.status;

import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.repo.CommitMessage;
import dev.slipway.gitops.repo.GitOpsRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The history of an environment, or of one application in it: first-parent commits of main that changed the
 * folder (or that application's files), newest first.
 */
public final class HistoryReader {

    private final GitOpsRepository repo;
    private final Applications applications;

    public HistoryReader(GitOpsRepository repo) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.applications = new Applications(repo);
    }

    /** Up to {@code max} entries of {@code application} (null: the whole environment). */
    public List<HistoryEntry> history(Environment env, String application, int max, List<Inventory.Synced> synced) {
        return history(env, application, max, synced, 10_000);
    }

    /** Up to {@code max} entries; {@code synced} (the inventory's records) gives when each was applied when known. */
    public List<HistoryEntry> history(Environment env, int max, List<Inventory.Synced> synced) {
        return history(env, null, max, synced, 10_000);
    }

    private List<HistoryEntry> history(
            Environment env, String application, int max, List<Inventory.Synced> synced, int depth) {
        final List<HistoryEntry> out = new ArrayList<>();
        for (final RevCommit c : repo.trees().firstParentLog(repo.main(), depth)) {
            final Optional<ObjectId> folder = folderId(c, env);
            final Optional<ObjectId> before =
                    c.getParentCount() == 0 ? Optional.empty() : folderId(c.getParent(0), env);
            if (folder.equals(before)) {
                continue;
            }
            if (application != null
                    && applications
                            .files(c, env, application)
                            .equals(
                                    c.getParentCount() == 0
                                            ? java.util.Map.of()
                                            : applications.files(c.getParent(0), env, application))) {
                continue;
            }
            final CommitMessage m = CommitMessage.parse(c.getFullMessage());
            final java.time.Instant committed = c.getCommitterIdent().getWhenAsInstant();
            final Inventory.Synced s = synced.stream()
                    .filter(x ->
                            folder.map(ObjectId::name).orElse("").equals(x.folder()) && !x.at().isBefore(committed))
                    .min(java.util.Comparator.comparing(Inventory.Synced::at))
                    .orElse(null);
            out.add(new HistoryEntry(
                    c.name(),
                    c.getCommitterIdent().getWhenAsInstant(),
                    m.action(),
                    m.message(),
                    m.author().isEmpty() ? c.getAuthorIdent().getName() : m.author(),
                    m.trailer(CommitMessage.APPROVED_BY).orElse(""),
                    s == null ? null : s.at()));
            if (out.size() >= max) {
                break;
            }
        }
        return out;
    }

    private Optional<ObjectId> folderId(ObjectId commit, Environment env) {
        return repo.trees().entry(commit, env.folder()).map(e -> e.id());
    }
}
