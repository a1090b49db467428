package dev.slipway.gitops.promote;

import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.env.PromotionPolicy;
import dev.slipway.gitops.repo.CommitMessage;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.repo.RefConflictException;
import dev.slipway.gitops.repo.TreeEdit;
import dev.slipway.gitops.repo.Trees;
import dev.slipway.gitops.status.Applications;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * {@code slipway env rollback ENV APP --to REV}: a new commit on main (revert-style: git stays the truth, so automatic
 * sync serves the old version instead of fighting it) whose files of that one application are the files it had at
 * {@code REV}, recorded with who and why; {@code artifacts/} again hold what REV references. The whole folder
 * goes back only when asked for ({@code --all}), and the refusal without it lists what that would remove and change.
 * A dry run shows the diff and commits nothing. In an approval environment only an approver may roll back
 * directly; the commit records who ({@code Approved-by}).
 */
public final class Rollback {

    private final GitOpsRepository repo;
    private final Clock clock;
    private final Applications applications;

    public Rollback(GitOpsRepository repo, Clock clock) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.applications = new Applications(repo);
    }

    /**
     * What to roll back.
     *
     * @param environment the environment
     * @param application one application, or null for the whole folder (then {@code all} must be true)
     * @param to the revision to restore
     * @param user who rolls back
     * @param reason why (recorded in the commit), may be empty
     * @param all confirms an environment-wide rollback
     * @param dryRun show the diff, commit nothing
     */
    public record Request(
            String environment,
            String application,
            String to,
            String user,
            String reason,
            boolean all,
            boolean dryRun) {}

    /**
     * What a rollback did or would do.
     *
     * @param result the commit (or {@code NO_CHANGE}; a dry run reports {@code NO_CHANGE} with no commit)
     * @param diff the unified diff of the environment's folder
     * @param removes applications the rollback removes from the environment
     * @param changes applications it changes or brings back
     */
    public record Result(PromotionResult result, String diff, List<String> removes, List<String> changes) {}

    /** Rolls {@code environment} back to {@code revision} as {@code user} (the whole folder: confirmed). */
    public PromotionResult rollback(String environment, String revision, String user) {
        return rollback(new Request(environment, null, revision, user, "", true, false))
                .result();
    }

    public Result rollback(Request r) {
        if (r.user() == null || r.user().isBlank()) {
            throw new PromotionException(
                    PromotionException.Kind.INVALID, "user: who rolls back is required (--as USER)");
        }
        for (int attempt = 0; attempt < Promoter.ATTEMPTS; attempt++) {
            repo.fetch();
            final ObjectId main = repo.main();
            final Environment env = Promoter.environment(repo, main, r.environment());
            final ObjectId target = repo.resolve(r.to())
                    .orElseThrow(() -> new PromotionException(
                            PromotionException.Kind.INVALID, "to: no revision '" + r.to() + "' in " + repo.location()));
            if (!repo.isAncestor(target, main)) {
                throw new PromotionException(
                        PromotionException.Kind.INVALID, "to: " + r.to() + " is not in the history of main");
            }
            if (env.promotion() == PromotionPolicy.APPROVAL && !env.isApprover(r.user())) {
                throw new PromotionException(
                        PromotionException.Kind.FORBIDDEN,
                        r.user() + " may not roll back " + env.name() + " directly: only its approvers ("
                                + String.join(", ", env.approvers()) + ") may");
            }
            final RevCommit to = repo.parse(target);
            final Map<String, Map<String, ObjectId>> now = applications.at(main, env);
            final Map<String, Map<String, ObjectId>> then = applications.at(target, env);
            final List<String> removes = new ArrayList<>();
            final List<String> changes = new ArrayList<>();
            final List<TreeEdit> edits = new ArrayList<>();
            if (r.application() != null) {
                final Map<String, ObjectId> files = then.get(r.application());
                if (files == null) {
                    throw new PromotionException(
                            PromotionException.Kind.INVALID,
                            "application: '" + r.application()
                                    + "' has no manifest in " + env.name() + " at "
                                    + to.abbreviate(7).name() + " (it had: "
                                    + String.join(", ", then.keySet()) + "); to remove it, delete its file on main");
                }
                now.getOrDefault(r.application(), Map.of()).keySet().forEach(f -> edits.add(new TreeEdit.Delete(f)));
                files.forEach((path, blob) -> edits.add(new TreeEdit.PutBlob(path, blob)));
                if (!files.equals(now.get(r.application()))) {
                    changes.add(r.application());
                }
            } else {
                now.keySet().stream().filter(a -> !then.containsKey(a)).forEach(removes::add);
                then.forEach((a, files) -> {
                    if (!files.equals(now.get(a))) {
                        changes.add(a);
                    }
                });
                if (!r.all() && !r.dryRun()) {
                    throw new PromotionException(
                            PromotionException.Kind.INVALID,
                            "rolling back all of " + env.name() + " to "
                                    + to.abbreviate(7).name() + " would remove " + list(removes) + " and change "
                                    + list(changes)
                                    + ": name one application (slipway env rollback " + env.name() + " APP --to "
                                    + r.to()
                                    + "), or confirm with --all");
                }
                edits.add(new TreeEdit.DeleteTree(env.folder()));
                for (final Trees.Entry e : repo.trees().walk(target, env.folder(), true)) {
                    edits.add(new TreeEdit.PutBlob(e.path(), e.id()));
                }
            }
            for (final Trees.Entry e : repo.trees().walk(target, ManifestCopier.ARTIFACTS, true)) {
                if (repo.trees().entry(main, e.path()).isEmpty()) {
                    edits.add(new TreeEdit.PutBlob(e.path(), e.id()));
                }
            }
            final ObjectId tree = repo.buildTree(main, edits);
            final String what = r.application() == null ? env.name() : r.application() + " in " + env.name();
            if (tree.equals(repo.parse(main).getTree())) {
                return unchanged(
                        what + " already holds what it held at "
                                + to.abbreviate(7).name() + " (no commit)",
                        "",
                        removes,
                        changes);
            }
            final String why =
                    r.reason() == null || r.reason().isBlank() ? "" : r.reason().strip();
            CommitMessage message = CommitMessage.of(
                            CommitMessage.ROLLBACK,
                            "Roll back " + what + " to "
                                    + to.abbreviate(7).name() + " ("
                                    + CommitMessage.parse(to.getFullMessage()).subject() + ")"
                                    + (why.isEmpty() ? "" : "\n\nWhy: " + why),
                            r.user(),
                            "")
                    .withTrailer("Rollback-to", to.name());
            if (r.application() != null) {
                message = message.withTrailer("Application", r.application());
            }
            if (!why.isEmpty()) {
                message = message.withTrailer("Reason", why);
            }
            if (env.promotion() == PromotionPolicy.APPROVAL) {
                message = message.withTrailer(CommitMessage.APPROVED_BY, r.user());
            }
            final ObjectId commit = repo.commit(
                    tree,
                    List.of(main),
                    message.format(),
                    new PersonIdent(r.user(), "", clock.instant(), ZoneOffset.UTC));
            final String diff = repo.trees().diff(main, commit, List.of(env.folder()));
            if (r.dryRun()) {
                return unchanged(
                        "dry run: rolling back " + what + " to "
                                + to.abbreviate(7).name() + " would remove " + list(removes) + " and change "
                                + list(changes) + " (nothing committed)",
                        diff,
                        removes,
                        changes);
            }
            try {
                repo.updateRef(GitOpsRepository.MAIN, main, commit);
            } catch (RefConflictException e) {
                continue;
            }
            return new Result(
                    new PromotionResult(
                            PromotionResult.Outcome.COMMITTED,
                            commit.name(),
                            null,
                            List.of(),
                            "rolled " + what + " back to " + to.abbreviate(7).name() + ": "
                                    + commit.abbreviate(7).name() + " on main"
                                    + (removes.isEmpty() ? "" : " (removed " + String.join(", ", removes) + ")")),
                    diff,
                    removes,
                    changes);
        }
        throw new PromotionException(PromotionException.Kind.RETRY, "main kept moving during the rollback; retry");
    }

    private static String list(List<String> apps) {
        return apps.isEmpty() ? "nothing" : String.join(", ", new TreeSet<>(apps));
    }

    /** A rollback that commits nothing, saying why. */
    private static Result unchanged(String message, String diff, List<String> removes, List<String> changes) {
        return new Result(
                new PromotionResult(PromotionResult.Outcome.NO_CHANGE, "", null, List.of(), message),
                diff,
                removes,
                changes);
    }
}
