package dev.slipway.controlplane.api;

import dev.slipway.api.NameOwner;
import dev.slipway.controlplane.auth.NameOwners;
import dev.slipway.controlplane.runs.RunWrites;
import dev.slipway.support.DnsLabel;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Who owns which shared name ({@link NameOwners}): {@code GET /api/v1/owners} lists them;
 * {@code PUT /api/v1/owners/deployment/{env}/{name}} and {@code PUT /api/v1/owners/server/{name}} (admins only,
 * {@link RouteRules}) give a name to another repository ({@code {"repository": "news"}}); {@code DELETE} on the same
 * paths releases it, so the next repository whose run promotes (registers) it claims it.
 */
public final class OwnersApi implements ApiRoutes {

    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern SERVER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Replies replies;
    private final NameOwners owners;
    private final Function<String, String> repositoryId;

    /**
     * @param repositoryId what a run records as its repository, for a name an admin gives (a hosted repository's
     *     name → its folder; anything else as given)
     */
    public OwnersApi(Replies replies, NameOwners owners, Function<String, String> repositoryId) {
        this.replies = Objects.requireNonNull(replies, "replies");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.repositoryId = Objects.requireNonNull(repositoryId, "repositoryId");
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/owners").handler(rc -> replies.blockingJson(rc, 200, this::list));
        for (final String path : List.of("/api/v1/owners/deployment/:env/:name", "/api/v1/owners/server/:name")) {
            router.put(path)
                    .handler(BodyHandler.create(false).setBodyLimit(16 * 1024))
                    .handler(rc -> replies.blockingJson(rc, 200, () -> {
                        final String key = key(rc);
                        final NameOwner asked = replies.body(rc, NameOwner.class);
                        final String repository = Replies.required(asked.repository(), "repository");
                        owners.transfer(key, repositoryId.apply(repository));
                        return new NameOwner(key, repository);
                    }));
            router.delete(path)
                    .handler(rc -> replies.blockingJson(rc, 200, () -> {
                        final String key = key(rc);
                        if (!owners.release(key)) {
                            throw ApiException.notFound("nobody owns " + key);
                        }
                        return new NameOwner(key, null);
                    }));
        }
    }

    private List<NameOwner> list() {
        return owners.all().entrySet().stream()
                .map(e -> new NameOwner(e.getKey(), RunWrites.displayName(e.getValue())))
                .toList();
    }

    private static String key(RoutingContext rc) {
        final String name = rc.pathParam("name");
        final String env = rc.pathParam("env");
        if (env == null) {
            if (!SERVER.matcher(name).matches()) {
                throw ApiException.badRequest("server name '" + name + "' is not valid");
            }
            return "server/" + name;
        }
        if (!ENVIRONMENT.matcher(env).matches()) {
            throw ApiException.badRequest("environment '" + env + "' is not valid");
        }
        final String problem = DnsLabel.problem("deployment name", name);
        if (problem != null) {
            throw ApiException.badRequest(problem);
        }
        return NameOwners.deployment(env, name);
    }
}
