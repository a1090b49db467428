package dev.slipway.gitops.promote;

import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.repo.CommitMessage;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.repo.RefConflictException;
import dev.slipway.gitops.servers.Servers;
import dev.slipway.gitops.spec.SpecException;
import dev.slipway.gitops.spec.SpecParser;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Review of promotion requests: list, show (with the diff), approve and reject. Only a listed approver who is
 * not the request's author may approve (four-eyes rule); approval merges exactly the reviewed commit into main
 * with an {@code Approved-by} trailer, and is refused when the promotion branch moved after the request was
 * recorded or the change conflicts with main.
 */
public final class Reviewer {

    private static final Logger LOG = LoggerFactory.getLogger(Reviewer.class);

    private final GitOpsRepository repo;
    private final Clock clock;
    private final PromotionStore store;
    private final RenderedDiff rendered;

    public Reviewer(GitOpsRepository repo, Clock clock) {
        this(repo, clock, RenderedDiff.NONE);
    }

    /** A reviewer whose diffs also show what {@code rendered} adds (the objects of an environment on a cluster). */
    public Reviewer(GitOpsRepository repo, Clock clock, RenderedDiff rendered) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rendered = Objects.requireNonNull(rendered, "rendered");
        this.store = new PromotionStore(repo);
    }

    /**
     * A request with its diff against the main it was made from, and why approving it would be refused now (its branch
     * moved after it was recorded, or it conflicts with main), or null.
     */
    public record Shown(
            PromotionRequest request, String diff, @Nullable String conflict) {}

    /** Requests filtered by environment and state (null: any), newest first. */
    public List<PromotionRequest> list(String environment, PromotionState state) {
        repo.fetch();
        return store.list().stream()
                .filter(r -> environment == null || r.environment().equals(environment))
                .filter(r -> state == null || r.state() == state)
                .toList();
    }

    /** The request {@code id} and its diff. */
    public Shown show(String id) {
        repo.fetch();
        final PromotionRequest r = load(id).request();
        final Environment env = Promoter.environment(repo, repo.main(), r.environment());
        final ObjectId base = ObjectId.fromString(r.baseCommit());
        final ObjectId head = ObjectId.fromString(r.headCommit());
        final String diff = repo.trees().diff(base, head, List.of(env.folder()));
        final String conflict = r.state() == PromotionState.OPEN || r.state() == PromotionState.APPROVED
                ? conflict(r, head, repo.main())
                : null;
        if (rendered == RenderedDiff.NONE) {
            return new Shown(r, diff, conflict);
        }
        final java.nio.file.Path exports;
        try {
            exports = java.nio.file.Files.createTempDirectory("slipway-review-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot make a folder for the rendered diff: " + e.getMessage(), e);
        }
        try {
            return new Shown(
                    r,
                    diff + rendered.diff(env, side(base, env.folder(), exports), side(head, env.folder(), exports)),
                    conflict);
        } finally {
            dev.slipway.support.AtomicFiles.deleteTree(exports);
        }
    }

    private RenderedDiff.Side side(ObjectId commit, String folder, java.nio.file.Path exports) {
        final java.util.Map<String, String> files = new java.util.TreeMap<>();
        repo.trees()
                .files(commit, folder)
                .forEach((path, id) ->
                        files.put(path, new String(repo.trees().blob(id), java.nio.charset.StandardCharsets.UTF_8)));
        SpecParser parser = new SpecParser();
        try {
            parser = parser.withServers(Servers.read(repo, commit));
        } catch (SpecException e) {
            LOG.warn(
                    "servers registry at {} unusable for the rendered diff: {}",
                    commit.abbreviate(7).name(),
                    e.getMessage());
        }
        return new RenderedDiff.Side(files, rel -> repo.trees().exportRelative(commit, folder, rel, exports), parser);
    }

    private PromotionStore.Stored load(String id) {
        return store.load(id)
                .orElseThrow(() -> new PromotionException(
                        PromotionException.Kind.NOT_FOUND, "no promotion request '" + id + "' in " + repo.location()));
    }

    /** Appended to the reason of a decision whose user was named, not authenticated. */
    public static final String UNAUTHENTICATED = " (unauthenticated: the user was named, not checked)";

    /**
     * Approves and merges {@code id} as {@code user}.
     *
     * @throws PromotionException FORBIDDEN (not an approver, or the author), CONFLICT (not open, branch moved,
     *     conflicts with main), NOT_FOUND
     */
    public PromotionRequest approve(String id, String user) {
        return approve(id, user, true);
    }

    /**
     * As above; {@code authenticated} false says {@code user} was only named, not checked (the API of a control plane
     * without {@code --auth}): recorded as such in the decisions' reasons.
     */
    public PromotionRequest approve(String id, String user, boolean authenticated) {
        requireUser(user);
        final String note = authenticated ? "" : UNAUTHENTICATED;
        for (int attempt = 0; attempt < Promoter.ATTEMPTS; attempt++) {
            repo.fetch();
            final PromotionStore.Stored stored = load(id);
            final PromotionRequest r = stored.request();
            if (r.state() != PromotionState.OPEN && r.state() != PromotionState.APPROVED) {
                throw new PromotionException(
                        PromotionException.Kind.CONFLICT,
                        "promotion request " + id + " is " + r.state().name().toLowerCase(java.util.Locale.ROOT)
                                + why(r) + "; nothing to approve");
            }
            final ObjectId main = repo.main();
            final Environment env = Promoter.environment(repo, main, r.environment());
            if (!env.isApprover(user)) {
                throw new PromotionException(
                        PromotionException.Kind.FORBIDDEN,
                        user + " is not an approver of " + env.name() + " (approvers: "
                                + String.join(", ", env.approvers()) + ")");
            }
            if (user.equals(r.author())) {
                throw new PromotionException(
                        PromotionException.Kind.FORBIDDEN,
                        "four-eyes rule: " + user
                                + " made promotion request " + id + ", so another approver ("
                                + String.join(
                                        ", ",
                                        env.approvers().stream()
                                                .filter(a -> !a.equals(user))
                                                .toList()) + ") must approve it");
            }
            final ObjectId head = ObjectId.fromString(r.headCommit());
            final String moved = branchMoved(r, head);
            if (moved != null) {
                throw new PromotionException(PromotionException.Kind.CONFLICT, moved);
            }
            // null: merged before a crash recorded it. A conflict is refused before the approval is recorded: a
            // request that cannot merge stays open (not "approved" though nothing reached main), its page saying why.
            final @Nullable ObjectId tree = repo.isAncestor(head, main) ? null : mergeTree(main, head, r);
            PromotionStore.Stored current = stored;
            if (r.state() == PromotionState.OPEN) {
                try {
                    final ObjectId rec = store.save(
                            r.decide(
                                    new Decision(user, PromotionState.APPROVED, "approved" + note, clock.instant()),
                                    null),
                            stored.recordCommit(),
                            ident(user));
                    current = new PromotionStore.Stored(
                            store.load(id).orElseThrow().request(), rec);
                } catch (RefConflictException e) {
                    continue;
                }
            }
            final ObjectId merge;
            if (tree == null) {
                merge = main;
            } else {
                final CommitMessage message = CommitMessage.of(
                                CommitMessage.PROMOTED,
                                "Promotion " + id + " to " + env.name() + ": " + r.message(),
                                r.author(),
                                r.email())
                        .withTrailer(CommitMessage.PROMOTION, id)
                        .withTrailer(CommitMessage.APPROVED_BY, user);
                merge = repo.commit(tree, List.of(main, head), message.format(), ident(user));
                try {
                    repo.updateRef(GitOpsRepository.MAIN, main, merge);
                } catch (RefConflictException e) {
                    continue;
                }
            }
            return saveFinal(
                    id,
                    current,
                    new Decision(user, PromotionState.MERGED, "merged as " + merge.name() + note, clock.instant()),
                    merge.name());
        }
        throw new PromotionException(
                PromotionException.Kind.RETRY,
                "main moved " + Promoter.ATTEMPTS + " times while merging promotion request " + id + ": approve again");
    }

    private PromotionRequest saveFinal(String id, PromotionStore.Stored start, Decision decision, String merge) {
        PromotionStore.Stored s = start;
        for (int attempt = 0; attempt < Promoter.ATTEMPTS; attempt++) {
            final PromotionRequest next = s.request().decide(decision, merge);
            try {
                store.save(next, s.recordCommit(), ident(decision.user()));
                return next;
            } catch (RefConflictException e) {
                s = load(id);
            }
        }
        throw new PromotionException(PromotionException.Kind.RETRY, "the record of " + id + " kept changing; retry");
    }

    /** Why the request's branch no longer holds what was reviewed, or null. */
    private @Nullable String branchMoved(PromotionRequest r, ObjectId head) {
        final Optional<ObjectId> branch = repo.ref("refs/heads/" + r.branch());
        if (branch.isPresent() && branch.get().equals(head)) {
            return null;
        }
        return "branch " + r.branch() + " moved after"
                + " promotion request " + r.id() + " was recorded (reviewed "
                + head.abbreviate(7).name() + ", now "
                + branch.map(b -> b.abbreviate(7).name()).orElse("deleted")
                + "): what is on it was never reviewed;"
                + " reject this request and promote again";
    }

    /**
     * Why approving the request now would be refused — its branch moved, or merging it into {@code main} conflicts —
     * or null: the approval's own checks, run without deciding anything (the trial merge is in memory; its trees are
     * unreferenced objects that git's gc removes).
     */
    private @Nullable String conflict(PromotionRequest r, ObjectId head, ObjectId main) {
        final String moved = branchMoved(r, head);
        if (moved != null) {
            return moved;
        }
        if (repo.isAncestor(head, main)) {
            return null;
        }
        try {
            mergeTree(main, head, r);
            return null;
        } catch (PromotionException e) {
            return e.getMessage();
        }
    }

    private ObjectId mergeTree(ObjectId main, ObjectId head, PromotionRequest r) {
        try {
            final ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repo.git(), true);
            if (!merger.merge(main, head)) {
                throw new PromotionException(
                        PromotionException.Kind.CONFLICT,
                        "promotion request " + r.id()
                                + " conflicts with main in " + String.join(", ", merger.getUnmergedPaths())
                                + ": reject it and promote again from the model repository (slipway promote --env "
                                + r.environment()
                                + ")");
            }
            return merger.getResultTreeId();
        } catch (IOException e) {
            throw new PromotionException(
                    PromotionException.Kind.CONFLICT,
                    "cannot merge promotion request " + r.id() + ": " + e.getMessage());
        }
    }

    /**
     * Rejects {@code id} as {@code user} (an approver, or its author withdrawing it) with a reason.
     */
    public PromotionRequest reject(String id, String user, String reason) {
        return reject(id, user, reason, true);
    }

    /** As above; see {@link #approve(String, String, boolean)} for {@code authenticated}. */
    public PromotionRequest reject(String id, String user, String reason, boolean authenticated) {
        requireUser(user);
        if (reason == null || reason.isBlank()) {
            throw new PromotionException(PromotionException.Kind.INVALID, "reason: a rejection needs a reason");
        }
        for (int attempt = 0; attempt < Promoter.ATTEMPTS; attempt++) {
            repo.fetch();
            final PromotionStore.Stored s = load(id);
            final PromotionRequest r = s.request();
            if (!r.open()) {
                throw new PromotionException(
                        PromotionException.Kind.CONFLICT,
                        "promotion request " + id + " is " + r.state().name().toLowerCase(java.util.Locale.ROOT)
                                + why(r) + "; nothing to reject");
            }
            final Environment env = Promoter.environment(repo, repo.main(), r.environment());
            if (!env.isApprover(user) && !user.equals(r.author())) {
                throw new PromotionException(
                        PromotionException.Kind.FORBIDDEN,
                        user + " may not reject " + id
                                + ": only its author or an approver of " + env.name() + " ("
                                + String.join(", ", env.approvers())
                                + ") may");
            }
            final PromotionRequest next = r.decide(
                    new Decision(
                            user,
                            PromotionState.REJECTED,
                            authenticated ? reason : reason + UNAUTHENTICATED,
                            clock.instant()),
                    null);
            try {
                store.save(next, s.recordCommit(), ident(user));
                return next;
            } catch (RefConflictException e) {
                // decided concurrently: read again
                LOG.debug("decided concurrently: read again", e);
            }
        }
        throw new PromotionException(PromotionException.Kind.RETRY, "the record of " + id + " kept changing; retry");
    }

    private static String why(PromotionRequest r) {
        return r.decisions().isEmpty()
                ? ""
                : " (" + r.decisions().get(r.decisions().size() - 1).reason() + ")";
    }

    private static void requireUser(String user) {
        if (user == null || user.isBlank()) {
            throw new PromotionException(PromotionException.Kind.INVALID, "user: who decides is required (--as USER)");
        }
    }

    private PersonIdent ident(String user) {
        return new PersonIdent(user, "", clock.instant(), ZoneOffset.UTC);
    }
}
