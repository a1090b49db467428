package dev.slipway.controlplane.api;

import dev.slipway.controlplane.auth.AuthHandler;
import dev.slipway.controlplane.auth.Principal;
import dev.slipway.controlplane.auth.Role;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/**
 * Who may call which state-changing route, decided on the route that matched: each rule is mounted with the very
 * method and path pattern of the route it guards, in the same router, ahead of it, so every spelling the router
 * accepts for that route ({@code /approve/}, {@code //approve}, {@code /./approve}, {@code /%61pprove},
 * {@code /x/../ID/approve}) meets the rule before the handler — there is no second parser to disagree with.
 *
 * <p>A pipeline run's token (principal {@code run:ID}) may change only what {@link #RULES} marks for runs: promote its
 * own commit, register a server, publish an artifact, fetch from git. Everything else that changes state is refused to
 * it, whatever the path. Without authentication there are no principals and nothing here applies.
 */
final class RouteRules {

    /** A state-changing route: the role it needs and whether a run's token may call it. */
    record Rule(HttpMethod method, String path, boolean regex, Role role, boolean runs) {}

    /** Every state-changing route that needs more than a developer, or that a run may call; and the admin-only reads. */
    static final List<Rule> RULES = List.of(
            new Rule(HttpMethod.POST, "/api/v1/promotions/:id/approve", false, Role.APPROVER, false),
            new Rule(HttpMethod.POST, "/api/v1/promotions/:id/reject", false, Role.APPROVER, false),
            new Rule(HttpMethod.POST, "/api/v1/environments/:env/rollback", false, Role.APPROVER, false),
            new Rule(HttpMethod.POST, "/api/v1/promotions", false, Role.DEVELOPER, true),
            new Rule(HttpMethod.GET, "/api/v1/controlplane/log", false, Role.ADMIN, false),
            // a registration changes what every deployment of that server runs, production included: admins only; a run
            // may register its own repository's server (ServersApi checks the name's owner)
            new Rule(HttpMethod.POST, "/api/v1/servers", false, Role.ADMIN, true),
            new Rule(HttpMethod.PUT, "/api/v1/artifacts/*", false, Role.DEVELOPER, true),
            // who owns a deployment name in an environment, or a server name: transfers and releases are an admin's
            new Rule(HttpMethod.PUT, "/api/v1/owners/deployment/:env/:name", false, Role.ADMIN, false),
            new Rule(HttpMethod.DELETE, "/api/v1/owners/deployment/:env/:name", false, Role.ADMIN, false),
            new Rule(HttpMethod.PUT, "/api/v1/owners/server/:name", false, Role.ADMIN, false),
            new Rule(HttpMethod.DELETE, "/api/v1/owners/server/:name", false, Role.ADMIN, false),
            new Rule(
                    HttpMethod.POST,
                    "/git/[A-Za-z0-9][A-Za-z0-9._-]*\\.git/git-upload-pack",
                    true,
                    Role.DEVELOPER,
                    true));

    private static final String RUN_MAY = "slipway.runMay";

    private RouteRules() {}

    /** Mounts the rules (after authentication, before every part's routes). */
    static void mount(Router router) {
        for (final Rule rule : RULES) {
            (rule.regex()
                            ? router.routeWithRegex(rule.method(), rule.path())
                            : router.route(rule.method(), rule.path()))
                    .handler(rc -> check(rc, rule));
        }
        router.route().handler(RouteRules::runsOnlyWhereAllowed);
    }

    private static void check(RoutingContext rc, Rule rule) {
        final Principal p = rc.get(AuthHandler.PRINCIPAL);
        if (p != null && !(AuthHandler.isRun(p) && rule.runs()) && !p.role().includes(rule.role())) {
            rc.fail(new ApiException(
                    403,
                    p.name() + " is a " + p.role().name().toLowerCase(Locale.ROOT) + ": " + rule.method() + " "
                            + rule.path() + " needs the " + rule.role().name().toLowerCase(Locale.ROOT) + " role"));
            return;
        }
        if (rule.runs()) {
            rc.put(RUN_MAY, Boolean.TRUE);
        }
        rc.next();
    }

    private static void runsOnlyWhereAllowed(RoutingContext rc) {
        final Principal p = rc.get(AuthHandler.PRINCIPAL);
        final HttpMethod m = rc.request().method();
        final boolean changes = m != HttpMethod.GET && m != HttpMethod.HEAD && m != HttpMethod.OPTIONS;
        if (p != null && AuthHandler.isRun(p) && changes && !Boolean.TRUE.equals(rc.get(RUN_MAY))) {
            rc.fail(new ApiException(
                    403,
                    p.name() + " is a pipeline run's token: it may promote its own commit, register"
                            + " a server, publish an artifact and fetch from git, not " + m + " "
                            + rc.request().path()));
            return;
        }
        rc.next();
    }
}
