package dev.slipway.cli.backend;

import dev.slipway.api.ChangeResult;
import dev.slipway.api.EnvironmentStatus;
import dev.slipway.api.HistoryEntry;
import dev.slipway.api.Promotion;
import dev.slipway.api.RollbackRequest;
import dev.slipway.api.ServerRegistration;
import dev.slipway.api.ServerReport;
import dev.slipway.controlplane.api.Views;
import dev.slipway.gitops.env.Environment;
import dev.slipway.gitops.env.Environments;
import dev.slipway.gitops.promote.PromotionException;
import dev.slipway.gitops.promote.PromotionState;
import dev.slipway.gitops.promote.Reviewer;
import dev.slipway.gitops.promote.Rollback;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.servers.ServerUsage;
import dev.slipway.gitops.servers.Servers;
import dev.slipway.gitops.spec.RegisteredServer;
import dev.slipway.gitops.spec.SpecException;
import dev.slipway.gitops.status.HistoryReader;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** A GitOps repository worked on directly (a local bare repository or a clone of a remote one). */
public final class LocalGitOps implements GitOpsBackend {

    private final GitOpsRepository repo;
    private final Clock clock;

    public LocalGitOps(GitOpsRepository repo, Clock clock) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<Promotion> promotions(String env, String state) {
        return new Reviewer(repo, clock)
                .list(env, state == null ? null : state(state)).stream()
                        .map(Views::promotion)
                        .toList();
    }

    /** {@code open} → {@link PromotionState#OPEN}, or 400-like refusal naming the flag. */
    static PromotionState state(String state) {
        try {
            return PromotionState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PromotionException(
                    PromotionException.Kind.INVALID,
                    "--state: '" + state + "' is not one of open, approved, rejected, merged, superseded");
        }
    }

    @Override
    public Promotion promotion(String id) {
        final Reviewer.Shown shown =
                new Reviewer(repo, clock, dev.slipway.controlplane.ControlPlane.renderedDiff()).show(id);
        return Views.promotion(shown);
    }

    @Override
    public Promotion approve(String id, String user) {
        return Views.promotion(new Reviewer(repo, clock).approve(id, user));
    }

    @Override
    public Promotion reject(String id, String user, String reason) {
        return Views.promotion(new Reviewer(repo, clock).reject(id, user, reason));
    }

    @Override
    public List<EnvironmentStatus> status(String env) {
        throw new IllegalArgumentException("the sync status lives in slipway up: give --server URL (or SLIPWAY_URL)");
    }

    @Override
    public List<HistoryEntry> history(String env, String application) {
        final Environment e = Environments.parse(
                        repo.trees()
                                .read(repo.main(), Environments.FILE)
                                .orElseThrow(() -> new PromotionException(
                                        PromotionException.Kind.NOT_FOUND, "main has no " + Environments.FILE)),
                        Environments.FILE)
                .require(env);
        return new HistoryReader(repo)
                .history(e, application, 100, List.of()).stream()
                        .map(Views::history)
                        .toList();
    }

    @Override
    public ChangeResult rollback(String env, RollbackRequest r) {
        return Views.rollback(new Rollback(repo, clock)
                .rollback(new Rollback.Request(
                        env,
                        r.application(),
                        r.to(),
                        r.user(),
                        r.reason() == null ? "" : r.reason(),
                        Boolean.TRUE.equals(r.all()),
                        Boolean.TRUE.equals(r.dryRun()))));
    }

    @Override
    public EnvironmentStatus sync(String env, String application) {
        throw new IllegalArgumentException("env sync needs the sync controller: --server URL or SLIPWAY_URL");
    }

    @Override
    public ServerRegistration.Result register(ServerRegistration r) {
        final Servers.Registration done;
        try {
            done = new Servers(repo, clock)
                    .register(
                            new RegisteredServer(r.name(), r.image(), r.modelClass()),
                            r.author(),
                            r.email() == null ? "" : r.email());
        } catch (SpecException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new ServerRegistration.Result(
                done.commit().isEmpty() ? null : done.commit(), done.action(), done.message());
    }

    @Override
    public List<ServerReport> servers() {
        return new ServerUsage(repo).all().stream().map(Views::server).toList();
    }

    @Override
    public ServerReport server(String name) {
        return Views.server(new ServerUsage(repo)
                .of(name)
                .orElseThrow(() -> new IllegalArgumentException("no server '" + name + "' in servers.yaml on main")));
    }

    @Override
    public void close() {
        repo.close();
    }
}
