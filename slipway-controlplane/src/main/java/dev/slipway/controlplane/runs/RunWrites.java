package dev.slipway.controlplane.runs;

import dev.slipway.controlplane.auth.NameOwners;
import dev.slipway.gitops.promote.Promoter;
import dev.slipway.gitops.promote.Promotion;
import dev.slipway.gitops.promote.PromotionException;
import dev.slipway.gitops.promote.PromotionResult;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.gitops.sync.SyncController;
import dev.slipway.pipeline.exec.Git;
import dev.slipway.pipeline.exec.Workspace;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.Trigger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What a pipeline run may write to the GitOps repository, through the API only (steps never get the repository
 * itself): promote manifests of <em>its own repository at its own commit</em> — the server checks that commit
 * out itself, so a step cannot promote bytes it made up or another repository's files — to an automatic
 * environment (a commit on main) or as a promotion request to an approval environment. Never approve, reject or roll
 * back (server registrations go through the servers API, authored the same way). Transport-free: the API maps its answers and {@link PromotionException}s.
 */
public final class RunWrites {

    /** Who is writing, as the server established it (never what the caller claims when authentication is on). */
    public record Author(String name, String email) {}

    private final SyncController sync;
    private final Supplier<SpecParser> parser;
    private final Git git;
    private final Path scratch;
    private final Clock clock;
    private final NameOwners owners;

    /**
     * @param owners who owns which deployment name in which environment: the first repository whose run promotes a
     *     name into an environment claims it there; a run of another repository is refused (403 naming the owner)
     */
    public RunWrites(
            SyncController sync, Supplier<SpecParser> parser, Git git, Path scratch, Clock clock, NameOwners owners) {
        this.sync = sync;
        this.parser = parser;
        this.git = git;
        this.scratch = scratch;
        this.clock = clock;
        this.owners = owners;
    }

    /**
     * Who a run acts for when authentication is on: whoever the server saw start it — the authenticated pusher (git
     * hosting records it at receive time) or the token that asked for the run; a webhook or poll run is its trigger
     * ({@code webhook:DELIVERY}, {@code webhook:REPOSITORY} without a delivery id, {@code poll:REMOTE}), never the
     * pusher a webhook's payload names. The commit's author name is display only. A run re-queued after a restart
     * keeps its original's trigger, so it acts for the same identity.
     */
    public static String starter(PipelineRun run) {
        final Trigger t = run.trigger();
        return switch (t.type()) {
            case push, manual -> t.detail().isBlank() ? "run:" + run.id() : t.detail();
            case webhook -> "webhook:" + (t.detail().isBlank() ? displayName(run.repository()) : t.detail());
            case poll -> "poll:" + t.detail();
        };
    }

    /**
     * Promotes {@code from} (paths relative to the repository's root) of the run's own commit; every local modelUri must
     * exist in that commit, and with {@code strict} unknown fields are errors.
     */
    public PromotionResult promote(
            PipelineRun run,
            Author author,
            String environment,
            List<String> from,
            List<String> images,
            String message,
            boolean strict) {
        if (from.isEmpty()) {
            throw new PromotionException(PromotionException.Kind.INVALID, "from: at least one manifest file or folder");
        }
        final Path dir = scratch.resolve("promote-" + UUID.randomUUID());
        final Workspace ws;
        try {
            ws = Workspace.checkout(git, run.repository(), run.commit(), dir);
        } catch (Git.GitException e) {
            throw new PromotionException(
                    PromotionException.Kind.CONFLICT,
                    "cannot check out commit " + run.commit() + " of the run's repository: " + e.getMessage());
        }
        try (ws) {
            final List<Path> sources = new ArrayList<>();
            for (final String f : from) {
                final Path p = ws.dir().resolve(f).normalize();
                if (!p.startsWith(ws.dir()) || f.startsWith("/")) {
                    throw new PromotionException(
                            PromotionException.Kind.INVALID, "from: '" + f + "' is not a path inside the repository");
                }
                if (!java.nio.file.Files.exists(p)) {
                    throw new PromotionException(
                            PromotionException.Kind.INVALID,
                            "from: '" + f + "' does not exist at commit " + run.commit());
                }
                sources.add(p);
            }
            // concurrent writers are safe: the Promoter retries when main moved under it
            final PromotionResult r = new Promoter(
                            sync.repository(), parser.get().strict(strict).requiringLocalModels(), clock)
                    .withOwnership((env, names) -> claim(run, env.name(), names))
                    .promote(new Promotion(
                            environment,
                            sources,
                            author.name(),
                            author.email(),
                            message == null ? "" : message,
                            displayName(run.repository()),
                            run.commit(),
                            images,
                            run.id()));
            sync.refresh();
            return r;
        }
    }

    private void claim(PipelineRun run, String environment, java.util.Set<String> names) {
        final List<String> keys =
                names.stream().map(n -> NameOwners.deployment(environment, n)).toList();
        owners.claimAll(keys, run.repository()).ifPresent(c -> {
            final String name = c.key().substring(c.key().lastIndexOf('/') + 1);
            throw new PromotionException(
                    PromotionException.Kind.FORBIDDEN,
                    "deployment " + name + " in " + environment + " belongs to repository "
                            + displayName(c.owner()) + " (its run promoted it there first): a run of "
                            + displayName(run.repository())
                            + " cannot replace it; an admin can give it to another repository"
                            + " (PUT /api/v1/owners/" + c.key() + "), or rename the deployment");
        });
    }

    /** A hosted repository by its name, anything else as given. */
    public static String displayName(String repository) {
        final Path p = Path.of(repository);
        final String last =
                p.getFileName() == null ? repository : p.getFileName().toString();
        return repository.contains("://") || !last.endsWith(".git") ? repository : last.substring(0, last.length() - 4);
    }
}
