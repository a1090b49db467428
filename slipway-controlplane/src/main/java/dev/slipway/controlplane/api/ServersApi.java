package dev.slipway.controlplane.api;

import dev.slipway.api.ServerRegistration;
import dev.slipway.controlplane.auth.AuthHandler;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.servers.ServerUsage;
import dev.slipway.gitops.servers.Servers;
import dev.slipway.gitops.spec.RegisteredServer;
import dev.slipway.gitops.spec.ServerRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Objects;

/**
 * The custom servers registered in the followed GitOps repository ({@code servers.yaml} on main):
 * {@code GET /api/v1/servers} ({@code ?usage=true}: with versions and users), {@code GET /api/v1/servers/{name}},
 * {@code POST /api/v1/servers} (register or update by a commit on main, as the authenticated user with
 * {@code up --auth}). Without a GitOps repository the list is empty and the rest is 404.
 */
public final class ServersApi implements ApiRoutes {

    private final Replies replies;
    private final GitOpsRepository repo;
    private final Clock clock;

    /**
     * @param replies how routes answer
     * @param repo the followed GitOps repository, or null for none
     * @param clock the registrations' commit time
     */
    public ServersApi(Replies replies, GitOpsRepository repo, Clock clock) {
        this(replies, repo, clock, null, run -> java.util.Optional.empty());
    }

    /**
     * As above; a run's token may register only a server name that no other repository's run registered first
     * ({@code owners}), {@code runRepository} naming a run's repository.
     */
    public ServersApi(
            Replies replies,
            GitOpsRepository repo,
            Clock clock,
            dev.slipway.controlplane.auth.NameOwners owners,
            java.util.function.Function<String, java.util.Optional<String>> runRepository) {
        this.replies = Objects.requireNonNull(replies, "replies");
        this.repo = repo;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.owners = owners;
        this.runRepository = runRepository;
    }

    private final dev.slipway.controlplane.auth.NameOwners owners;
    private final java.util.function.Function<String, java.util.Optional<String>> runRepository;

    @Override
    public void mount(Router router) {
        router.get("/api/v1/servers")
                .handler(rc -> replies.blockingJson(rc, 200, () -> {
                    if (repo == null) {
                        return Views.servers(ServerRegistry.empty(), null);
                    }
                    final boolean usage = "true".equals(rc.queryParams().get("usage"));
                    return Views.servers(Servers.read(repo, repo.main()), usage ? new ServerUsage(repo).all() : null);
                }));
        router.get("/api/v1/servers/:name")
                .handler(rc -> replies.blockingJson(rc, 200, () -> {
                    final String name = rc.pathParam("name");
                    return Views.server(new ServerUsage(repo())
                            .of(name)
                            .orElseThrow(
                                    () -> ApiException.notFound("no server '" + name + "' in servers.yaml on main")));
                }));
        router.post("/api/v1/servers")
                .handler(BodyHandler.create(false).setBodyLimit(64 * 1024))
                .handler(rc -> replies.blocking(rc, () -> {
                    final ServerRegistration asked = replies.body(rc, ServerRegistration.class);
                    final RegisteredServer server = new RegisteredServer(
                            Replies.required(asked.name(), "name"),
                            Replies.required(asked.image(), "image"),
                            asked.modelClass());
                    // with --auth the author is who the server authenticated (a run: who started it); the claim is
                    // display only
                    final String author = AuthHandler.author(rc, Replies.required(asked.author(), "author"));
                    final String run = AuthHandler.runOf(rc);
                    if (run != null && owners != null) {
                        final String repository = runRepository
                                .apply(run)
                                .orElseThrow(() -> new ApiException(403, "run " + run + " is not running"));
                        owners.claim("server", server.name(), repository).ifPresent(owner -> {
                            throw new ApiException(
                                    403,
                                    "server " + server.name() + " belongs to repository " + owner
                                            + " (its run registered it first): a run of " + repository
                                            + " cannot change it; an admin can");
                        });
                    }
                    final Servers.Registration r = new Servers(repo(), clock)
                            .register(server, author, asked.email() == null ? "" : asked.email());
                    return Reply.json(
                            r.commit().isEmpty() ? 200 : 201,
                            new ServerRegistration.Result(
                                    r.commit().isEmpty() ? null : r.commit(), r.action(), r.message()));
                }));
    }

    private GitOpsRepository repo() {
        if (repo == null) {
            throw ApiException.notFound("this control plane follows no GitOps repository (start it with --gitops)");
        }
        return repo;
    }
}
