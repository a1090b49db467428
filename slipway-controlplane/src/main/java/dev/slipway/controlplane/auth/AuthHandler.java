package dev.slipway.controlplane.auth;

import dev.slipway.controlplane.maven.MavenRoutes;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Guards the API and the git hosting of {@code slipway up}: every request carries a token, as
 * {@code Authorization: Bearer TOKEN} or HTTP Basic with the token as password (what {@code git} sends
 * for {@code http://USER:TOKEN@host/git/NAME.git}); a pipeline run's own token ({@code SLIPWAY_TOKEN}) is
 * accepted while the run runs. Approving, rejecting and rolling back need the approver role. Open:
 * {@code /healthz}, the GitHub webhook (it carries its own HMAC signature) and the Maven repository under
 * {@code /maven/} (it serves only Slipway's own public model API jar, which server builds in pipeline steps resolve
 * without credentials). That prefix is checked on the router's normalized path, the one routes match, so
 * {@code /maven/../api/…} is not open.
 */
public final class AuthHandler implements Handler<RoutingContext> {

    /** The routing-context key of the authenticated {@link Principal}. */
    public static final String PRINCIPAL = "slipway.principal";

    /** The routing-context key of the identity a run's token acts for (who started the run). */
    public static final String RUN_STARTER = "slipway.runStarter";

    private final Tokens tokens;
    private final Function<String, Optional<String>> runOfToken;
    private final Function<String, String> runStarter;

    /**
     * @param tokens the users' tokens
     * @param runOfToken the run a run-scoped token belongs to, while it runs
     */
    public AuthHandler(Tokens tokens, Function<String, Optional<String>> runOfToken) {
        this(tokens, runOfToken, run -> "run:" + run);
    }

    /** As above; {@code runStarter} names who a run acts for (the authenticated pusher or API user who started it). */
    public AuthHandler(
            Tokens tokens, Function<String, Optional<String>> runOfToken, Function<String, String> runStarter) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.runOfToken = Objects.requireNonNull(runOfToken, "runOfToken");
        this.runStarter = Objects.requireNonNull(runStarter, "runStarter");
    }

    @Override
    public void handle(RoutingContext rc) {
        String path = rc.request().path();
        if (path.equals("/healthz")
                || path.equals("/api/v1/webhooks/github")
                || rc.normalizedPath().startsWith(MavenRoutes.PREFIX)) {
            rc.next();
            return;
        }
        Optional<Principal> principal = principal(rc.request().getHeader("Authorization"));
        if (principal.isEmpty()) {
            rc.response()
                    .setStatusCode(401)
                    .putHeader("WWW-Authenticate", "Basic realm=\"slipway\"")
                    .putHeader("Content-Type", "application/json")
                    .end(
                            "{\"error\":\"authentication required: send Authorization: Bearer <token> (or basic auth with the token"
                                    + " as password); tokens come from slipway token create\"}");
            return;
        }
        // roles are checked on the route that matched (dev.slipway.controlplane.api.RouteRules), not on a path spelling
        Principal p = principal.get();
        rc.put(PRINCIPAL, p);
        if (isRun(p)) {
            rc.put(RUN_STARTER, runStarter.apply(p.name().substring("run:".length())));
        }
        rc.next();
    }

    Optional<Principal> principal(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String token;
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).trim();
        } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            token = colon < 0 ? decoded : decoded.substring(colon + 1);
        } else {
            return Optional.empty();
        }
        Optional<Principal> user = tokens.authenticate(token);
        if (user.isPresent()) {
            return user;
        }
        return runOfToken.apply(token).map(run -> new Principal("run:" + run, Role.DEVELOPER));
    }

    /**
     * The user an approval, rejection or rollback is made as. With authentication: the token's user, always — naming
     * anyone else ({@code --as}) is refused, admins included. Without authentication nobody is checked: the name given
     * is used, and recorded as unauthenticated ({@link #authenticated}).
     *
     * @throws SecurityException when an authenticated caller names someone else, or a run's token acts as a user
     */
    public static String actingUser(RoutingContext rc, String named) {
        Principal p = rc.get(PRINCIPAL);
        if (p == null) {
            return named;
        }
        if (isRun(p)) {
            throw new SecurityException(
                    p.name() + " is a pipeline run's token: runs never approve, reject or roll back");
        }
        if (named == null || named.isBlank() || named.equals(p.name())) {
            return p.name();
        }
        throw new SecurityException("authenticated as " + p.name() + ", cannot act as " + named
                + " (--as is honoured only without --auth)");
    }

    /**
     * The author a write is recorded as (a promotion, a server registration). With authentication: the token's user,
     * or for a run's token whoever started the run (its pusher); what the caller claims (a commit's author) is display
     * only. Without authentication: the name given.
     */
    public static String author(RoutingContext rc, String claimed) {
        Principal p = rc.get(PRINCIPAL);
        if (p == null) {
            return claimed;
        }
        if (isRun(p)) {
            String starter = rc.get(RUN_STARTER);
            return starter == null ? p.name() : starter;
        }
        return p.name();
    }

    /** True when the caller was authenticated (the control plane runs with {@code --auth}). */
    public static boolean authenticated(RoutingContext rc) {
        return rc.get(PRINCIPAL) != null;
    }

    /** True for a pipeline run's own token (its principal is {@code run:ID}; user names cannot hold a colon). */
    public static boolean isRun(Principal p) {
        return p.name().startsWith("run:");
    }

    /** The run a run token belongs to, or null for a user (or no authentication). */
    public static String runOf(RoutingContext rc) {
        Principal p = rc.get(PRINCIPAL);
        return p != null && isRun(p) ? p.name().substring("run:".length()) : null;
    }
}
