package dev.slipway.gitops.promote;

import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.env.Environments;
import dev.slipway.gitops.env.PromotionPolicy;
import dev.slipway.gitops.repo.CommitMessage;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.repo.RefConflictException;
import dev.slipway.gitops.servers.Servers;
import dev.slipway.gitops.spec.ImageOverrides;
import dev.slipway.gitops.spec.SpecException;
import dev.slipway.gitops.spec.SpecParser;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code slipway promote}: copies manifests into an environment's folder. An {@code auto} environment gets a
 * commit on main (compare-and-swap; when main moved, the change is rebuilt on the new main and retried); an
 * {@code approval} environment never: it gets branch {@code promotion/<id>} and a {@link PromotionRequest},
 * and older open requests for the same deployments are superseded.
 */
public final class Promoter {

    private static final Logger LOG = LoggerFactory.getLogger(Promoter.class);

    /** How many times a lost compare-and-swap is retried on the new main. */
    static final int ATTEMPTS = 8;

    private final GitOpsRepository repo;
    private final SpecParser parser;
    private final Clock clock;
    private final Supplier<String> ids;
    private final PromotionStore store;
    private final Ownership ownership;

    /**
     * Who may write a deployment name into an environment (the control plane: the repository that first promoted it
     * there). Called with the names a promotion writes, before anything is committed or requested.
     */
    @FunctionalInterface
    public interface Ownership {
        Ownership ANYONE = (env, names) -> {};

        /** @throws PromotionException (forbidden) naming the owner when a name belongs to someone else */
        void claim(Environment environment, java.util.Set<String> deploymentNames);
    }

    public Promoter(GitOpsRepository repo, SpecParser parser, Clock clock, Supplier<String> ids) {
        this(repo, parser, clock, ids, Ownership.ANYONE);
    }

    private Promoter(GitOpsRepository repo, SpecParser parser, Clock clock, Supplier<String> ids, Ownership ownership) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.store = new PromotionStore(repo);
        this.ownership = Objects.requireNonNull(ownership, "ownership");
    }

    /** This promoter, asking {@code o} before it writes deployment names into an environment. */
    public Promoter withOwnership(Ownership o) {
        return new Promoter(repo, parser, clock, ids, o);
    }

    public Promoter(GitOpsRepository repo, SpecParser parser, Clock clock) {
        this(
                repo,
                parser,
                clock,
                () -> UUID.randomUUID().toString().replace("-", "").substring(0, 10));
    }

    /** The environments listed on main. */
    static Environments environments(GitOpsRepository repo, ObjectId main) {
        final byte[] bytes = repo.trees()
                .read(main, Environments.FILE)
                .orElseThrow(() -> new PromotionException(
                        PromotionException.Kind.INVALID, repo.location() + ": main has no " + Environments.FILE));
        try {
            return Environments.parse(
                    bytes, Environments.FILE + "@" + main.abbreviate(7).name());
        } catch (SpecException e) {
            throw new PromotionException(PromotionException.Kind.INVALID, e.getMessage());
        }
    }

    static Environment environment(GitOpsRepository repo, ObjectId main, String name) {
        try {
            return environments(repo, main).require(name);
        } catch (IllegalArgumentException e) {
            throw new PromotionException(PromotionException.Kind.NOT_FOUND, e.getMessage());
        }
    }

    PersonIdent ident(String name, String email) {
        return new PersonIdent(name, email, clock.instant(), ZoneOffset.UTC);
    }

    /** Promotes; see the class comment. */
    public PromotionResult promote(Promotion p) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            repo.fetch();
            final ObjectId main = repo.main();
            final Environment env = environment(repo, main, p.environment());
            final ManifestCopier.Prepared prepared;
            try {
                final ImageOverrides images = ImageOverrides.parse(p.images(), "--set-image");
                prepared = new ManifestCopier(parser.withServers(Servers.read(repo, main)), repo)
                        .prepare(p.sources(), env, main, images);
                images.requireAllUsed(
                        "--set-image",
                        p.sources().stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", ")));
            } catch (SpecException e) {
                throw new PromotionException(PromotionException.Kind.INVALID, e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new PromotionException(PromotionException.Kind.INVALID, e.getMessage());
            }
            ownership.claim(env, prepared.deploymentFiles().keySet());
            final ObjectId tree = repo.buildTree(main, prepared.edits());
            if (tree.equals(repo.parse(main).getTree())) {
                return new PromotionResult(
                        PromotionResult.Outcome.NO_CHANGE,
                        "",
                        null,
                        List.of(),
                        "nothing changed: " + env.name() + " already holds "
                                + String.join(", ", prepared.deploymentFiles().keySet()) + " as promoted (no commit)");
            }
            final List<String> created = prepared.deploymentFiles().values().stream()
                    .filter(f -> repo.trees().entry(main, f).isEmpty())
                    .toList();
            final String action =
                    created.size() == prepared.deploymentFiles().size() ? CommitMessage.CREATED : CommitMessage.UPDATED;
            final String text = p.message().isBlank()
                    ? "Promote " + String.join(", ", prepared.deploymentFiles().keySet()) + " to " + env.name()
                            + (p.sourceCommit().isBlank() ? "" : " (from " + source(p) + ")")
                    : p.message();
            CommitMessage message = CommitMessage.of(action, text, p.author(), p.email());
            if (!p.sourceCommit().isBlank() || !p.sourceRepository().isBlank()) {
                message = message.withTrailer(
                        CommitMessage.SOURCE,
                        p.sourceRepository() + (p.sourceCommit().isBlank() ? "" : "@" + p.sourceCommit()));
            }
            if (!p.run().isBlank()) {
                message = message.withTrailer(CommitMessage.RUN, p.run());
            }
            if (env.promotion() == PromotionPolicy.AUTO) {
                final ObjectId commit =
                        repo.commit(tree, List.of(main), message.format(), ident(p.author(), p.email()));
                try {
                    repo.updateRef(GitOpsRepository.MAIN, main, commit);
                } catch (RefConflictException e) {
                    continue;
                }
                return new PromotionResult(
                        PromotionResult.Outcome.COMMITTED,
                        commit.name(),
                        null,
                        List.of(),
                        action + " in " + env.name() + ": "
                                + commit.abbreviate(7).name() + " on main");
            }
            final String id = ids.get();
            final ObjectId commit = repo.commit(
                    tree,
                    List.of(main),
                    message.withTrailer(CommitMessage.PROMOTION, id).format(),
                    ident(p.author(), p.email()));
            final String branch = "promotion/" + id;
            repo.updateRef("refs/heads/" + branch, null, commit);
            final List<String> changed = repo.trees().changes(main, commit, List.of()).stream()
                    .map(d -> d.getChangeType() == DiffEntry.ChangeType.DELETE ? d.getOldPath() : d.getNewPath())
                    .toList();
            final Instant now = clock.instant();
            final PromotionRequest request = new PromotionRequest(
                    id,
                    env.name(),
                    p.author(),
                    p.email(),
                    text,
                    p.sourceRepository(),
                    p.sourceCommit(),
                    branch,
                    main.name(),
                    commit.name(),
                    List.copyOf(prepared.deploymentFiles().keySet()),
                    changed,
                    env.approvers(),
                    PromotionState.OPEN,
                    now,
                    now,
                    List.of(),
                    "");
            store.save(request, null, ident(p.author(), p.email()));
            final List<String> superseded = supersede(request);
            return new PromotionResult(
                    PromotionResult.Outcome.REQUESTED,
                    commit.name(),
                    request,
                    superseded,
                    "promotion request " + id + " opened for " + env.name() + " (branch " + branch + ", approvers: "
                            + String.join(", ", env.approvers()) + ")"
                            + (superseded.isEmpty() ? "" : "; superseded " + String.join(", ", superseded)));
        }
        throw new PromotionException(
                PromotionException.Kind.RETRY,
                "main of " + repo.location() + " moved " + ATTEMPTS
                        + " times while promoting (other promotions are landing): nothing was committed; run the promotion again");
    }

    /** Marks older open requests for the same environment and any of the same deployments superseded. */
    private List<String> supersede(PromotionRequest newer) {
        final List<String> ids = new ArrayList<>();
        for (final PromotionRequest r : store.list()) {
            if (r.id().equals(newer.id())
                    || !r.environment().equals(newer.environment())
                    || r.state() != PromotionState.OPEN
                    || r.deployments().stream().noneMatch(newer.deployments()::contains)) {
                continue;
            }
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                final PromotionStore.Stored s = store.load(r.id()).orElseThrow();
                if (s.request().state() != PromotionState.OPEN) {
                    break;
                }
                try {
                    store.save(
                            s.request()
                                    .decide(
                                            new Decision(
                                                    "slipway",
                                                    PromotionState.SUPERSEDED,
                                                    "superseded by " + newer.id(),
                                                    clock.instant()),
                                            null),
                            s.recordCommit(),
                            ident("slipway", ""));
                    ids.add(r.id());
                    break;
                } catch (RefConflictException e) {
                    // reviewed at the same moment: read again
                    LOG.debug("reviewed at the same moment: read again", e);
                }
            }
        }
        return ids;
    }

    static String shortId(String id) {
        return id.length() > 7 ? id.substring(0, 7) : id;
    }

    /** {@code iris-model@1a2b3c4}: the source repository's last path segment and the commit. */
    private static String source(Promotion p) {
        String r = p.sourceRepository().replaceAll("[/\\\\]+$", "").replaceAll("\\.git$", "");
        r = r.substring(Math.max(r.lastIndexOf('/'), r.lastIndexOf('\\')) + 1);
        return (r.isBlank() ? "" : r + "@") + shortId(p.sourceCommit());
    }
}
