package dev.slipway.gitops.promote;

import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.env.PromotionPolicy;
import dev.slipway.gitops.repo.CommitMessage;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.repo.RefConflictException;
import dev.slipway.gitops.repo.TreeEdit;
import dev.slipway.gitops.repo.Trees;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * {@code slipway env rollback ENV --to REV}: a new commit on main whose environment folder is the folder at
 * {@code REV} (and whose {@code artifacts/} again hold what it references). Git stays the truth, so automatic
 * sync serves the old version instead of fighting it. In an approval environment only an approver may roll
 * back directly; the commit records who ({@code Approved-by}).
 */
public final class Rollback {

  private final GitOpsRepository repo;
  private final Clock clock;

  public Rollback(GitOpsRepository repo, Clock clock) {
    this.repo = Objects.requireNonNull(repo, "repo");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Rolls {@code environment} back to {@code revision} as {@code user}; returns the result. */
  public PromotionResult rollback(String environment, String revision, String user) {
    if (user == null || user.isBlank()) {
      throw new PromotionException(PromotionException.Kind.INVALID, "user: who rolls back is required (--as USER)");
    }
    for (int attempt = 0; attempt < Promoter.ATTEMPTS; attempt++) {
      repo.fetch();
      final ObjectId main = repo.main();
      final Environment env = Promoter.environment(repo, main, environment);
      final ObjectId target = repo.resolve(revision).orElseThrow(() -> new PromotionException(
          PromotionException.Kind.INVALID, "to: no revision '" + revision + "' in " + repo.location()));
      if (!repo.isAncestor(target, main)) {
        throw new PromotionException(PromotionException.Kind.INVALID, "to: " + revision
            + " is not in the history of main");
      }
      if (env.promotion() == PromotionPolicy.APPROVAL && !env.isApprover(user)) {
        throw new PromotionException(PromotionException.Kind.FORBIDDEN, user + " may not roll back " + env.name()
            + " directly: only its approvers (" + String.join(", ", env.approvers()) + ") may");
      }
      final List<TreeEdit> edits = new ArrayList<>();
      edits.add(new TreeEdit.DeleteTree(env.folder()));
      for (final Trees.Entry e : repo.trees().walk(target, env.folder(), true)) {
        edits.add(new TreeEdit.PutBlob(e.path(), e.id()));
      }
      for (final Trees.Entry e : repo.trees().walk(target, ManifestCopier.ARTIFACTS, true)) {
        if (repo.trees().entry(main, e.path()).isEmpty()) {
          edits.add(new TreeEdit.PutBlob(e.path(), e.id()));
        }
      }
      final ObjectId tree = repo.buildTree(main, edits);
      final RevCommit to = repo.parse(target);
      if (tree.equals(repo.parse(main).getTree())) {
        return new PromotionResult(PromotionResult.Outcome.NO_CHANGE, "", null, List.of(), env.name()
            + " already holds what it held at " + to.abbreviate(7).name() + " (no commit)");
      }
      CommitMessage message = CommitMessage.of(CommitMessage.ROLLBACK, "Roll back " + env.name() + " to "
          + to.abbreviate(7).name() + " (" + CommitMessage.parse(to.getFullMessage()).message() + ")", user, "")
          .withTrailer("Rollback-to", to.name());
      if (env.promotion() == PromotionPolicy.APPROVAL) {
        message = message.withTrailer(CommitMessage.APPROVED_BY, user);
      }
      final ObjectId commit = repo.commit(tree, List.of(main), message.format(),
          new PersonIdent(user, "", clock.instant(), ZoneOffset.UTC));
      try {
        repo.updateRef(GitOpsRepository.MAIN, main, commit);
      } catch (RefConflictException e) {
        continue;
      }
      return new PromotionResult(PromotionResult.Outcome.COMMITTED, commit.name(), null, List.of(),
          "rolled " + env.name() + " back to " + to.abbreviate(7).name() + ": " + commit.abbreviate(7).name()
              + " on main");
    }
    throw new PromotionException(PromotionException.Kind.RETRY, "main kept moving during the rollback; retry");
  }
}
