package dev.slipway.controlplane.auth;

import dev.slipway.controlplane.maven.MavenRoutes;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

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

  private static final Pattern APPROVER_ONLY = Pattern.compile(
      "/api/v1/promotions/[^/]+/(approve|reject)|/api/v1/environments/[^/]+/rollback");

  private final Tokens tokens;
  private final Function<String, Optional<String>> runOfToken;

  /**
   * @param tokens the users' tokens
   * @param runOfToken the run a run-scoped token belongs to, while it runs
   */
  public AuthHandler(Tokens tokens, Function<String, Optional<String>> runOfToken) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.runOfToken = Objects.requireNonNull(runOfToken, "runOfToken");
  }

  @Override
  public void handle(RoutingContext rc) {
    String path = rc.request().path();
    if (path.equals("/healthz") || path.equals("/api/v1/webhooks/github")
        || rc.normalizedPath().startsWith(MavenRoutes.PREFIX)) {
      rc.next();
      return;
    }
    Optional<Principal> principal = principal(rc.request().getHeader("Authorization"));
    if (principal.isEmpty()) {
      rc.response().setStatusCode(401).putHeader("WWW-Authenticate", "Basic realm=\"slipway\"")
          .putHeader("Content-Type", "application/json")
          .end("{\"error\":\"authentication required: send Authorization: Bearer <token> (or basic auth with the token"
              + " as password); tokens come from slipway token create\"}");
      return;
    }
    Principal p = principal.get();
    if (rc.request().method().name().equals("POST") && APPROVER_ONLY.matcher(path).matches()
        && !p.role().includes(Role.APPROVER)) {
      rc.response().setStatusCode(403).putHeader("Content-Type", "application/json")
          .end("{\"error\":\"" + p.name() + " is a " + p.role().name().toLowerCase(java.util.Locale.ROOT)
              + ": approving, rejecting and rolling back need the approver role\"}");
      return;
    }
    rc.put(PRINCIPAL, p);
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
        decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
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
   * The user an approval or rollback is made as: the authenticated user (an admin may name another one).
   *
   * @throws SecurityException when a non-admin names someone else
   */
  public static String actingUser(RoutingContext rc, String named) {
    Principal p = rc.get(PRINCIPAL);
    if (p == null || p.role() == Role.ADMIN) {
      return named;
    }
    if (named == null || named.isBlank()) {
      return p.name();
    }
    if (!named.equals(p.name())) {
      throw new SecurityException("authenticated as " + p.name() + ", cannot act as " + named);
    }
    return named;
  }
}
