package dev.slipway.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.api.WhoAmI;
import dev.slipway.client.SlipwayException;
import dev.slipway.console.Sessions.Session;
import io.vertx.ext.web.RoutingContext;
import org.jspecify.annotations.Nullable;

/**
 * Signing in and out under {@code --auth}. The sign-in form posts {@code {token}} as JSON (same origin only); the
 * console asks the API who the token belongs to ({@code GET /api/v1/whoami}) and, when it is valid, starts a session
 * whose id is an HttpOnly, SameSite=Strict cookie. The token stays on the server. A one-time link from
 * {@code slipway token create --web} ({@code /signin#link=SECRET}) posts {@code {link}} instead: the link is redeemed
 * (and so used up) for the API token it seals, then the same check and session follow.
 */
final class SignIn {

    private final Web web;
    private final @Nullable SignInLinks links;

    SignIn(Web web) {
        this.web = web;
        this.links = web.config().data() == null
                ? null
                : SignInLinks.in(web.config().data(), web.config().clock());
    }

    void form(RoutingContext rc) {
        final String next = safeNext(rc.queryParams().get("next"));
        final Session s = web.session(rc);
        if (!web.config().auth() || s != null) {
            rc.response().setStatusCode(303).putHeader("Location", next).end();
            return;
        }
        Web.html(rc, 200, web.render("signin.jte", Web.params(web.viewer(rc, null), "next", next)));
    }

    void signIn(RoutingContext rc) {
        final String type = rc.request().getHeader("Content-Type");
        final String origin = rc.request().getHeader("Origin");
        if (type == null
                || !type.startsWith("application/json")
                || (origin != null
                        && !Web.sameOrigin(
                                origin,
                                rc.request().authority() == null
                                        ? null
                                        : rc.request().authority().toString()))) {
            Web.json(rc, 403, Web.JSON.createObjectNode().put("error", "sign in from the console's own page"));
            return;
        }
        final String pasted;
        final String link;
        try {
            final JsonNode body =
                    Web.JSON.readTree(rc.body() == null ? "" : rc.body().asString());
            pasted = body == null ? "" : body.path("token").asText("").trim();
            link = body == null ? "" : body.path("link").asText("").trim();
        } catch (java.io.IOException e) {
            Web.json(rc, 400, Web.JSON.createObjectNode().put("error", "the body is not JSON"));
            return;
        }
        if (pasted.isEmpty() && link.isEmpty()) {
            Web.json(rc, 400, Web.JSON.createObjectNode().put("error", "token: paste your API token"));
            return;
        }
        if (!link.isEmpty() && links == null) {
            Web.json(rc, 400, Web.JSON.createObjectNode().put("error", "link: this console takes no sign-in links"));
            return;
        }
        final String[] token = {pasted};
        web.<WhoAmI>blocking(
                () -> {
                    if (!link.isEmpty()) {
                        // a one-time link: gone from the file from now on, whether it still worked or not
                        final var redeemed = links.redeem(link);
                        if (redeemed.isEmpty()) {
                            return new WhoAmI(true, "", "");
                        }
                        token[0] = redeemed.get().token();
                    }
                    try {
                        return web.client((Sessions.Session) null)
                                .withToken(token[0])
                                .whoami();
                    } catch (SlipwayException e) {
                        if (e.status() == 401) {
                            return null; // not a token of this control plane
                        }
                        throw e;
                    }
                },
                ar -> {
                    if (ar.failed()) {
                        Web.json(
                                rc,
                                502,
                                Web.JSON
                                        .createObjectNode()
                                        .put("error", String.valueOf(ar.cause().getMessage())));
                        return;
                    }
                    final WhoAmI who = ar.result();
                    if (who == null || who.user() == null || who.user().isEmpty()) {
                        Web.json(
                                rc,
                                401,
                                Web.JSON
                                        .createObjectNode()
                                        .put(
                                                "error",
                                                link.isEmpty()
                                                        ? "this token is not valid"
                                                        : "this sign-in link is not valid: it was used already, has expired or was never made here"));
                        return;
                    }
                    final Session old = web.session(rc);
                    if (old != null) {
                        web.sessions().remove(old.id());
                    }
                    final Session s =
                            web.sessions().create(token[0], who.user(), who.role() == null ? "developer" : who.role());
                    rc.response().addCookie(Web.cookie(s.id(), false));
                    Web.json(
                            rc,
                            200,
                            Web.JSON.createObjectNode().put("user", s.user()).put("role", s.role()));
                });
    }

    void signOut(RoutingContext rc) {
        final Session s = web.session(rc);
        if (s != null) {
            final String problem = web.refusal(rc, s);
            if (problem != null) {
                Web.json(rc, 403, Web.JSON.createObjectNode().put("error", problem));
                return;
            }
            web.sessions().remove(s.id());
        }
        rc.response().addCookie(Web.cookie("", true));
        Web.json(rc, 200, Web.JSON.createObjectNode().put("signedOut", true));
    }

    /** Only a path of this console (never another site) after signing in. */
    static String safeNext(String next) {
        if (next == null
                || !next.startsWith("/")
                || next.startsWith("//")
                || next.contains("\\")
                || next.startsWith("/signin")) {
            return "/";
        }
        return next;
    }
}
