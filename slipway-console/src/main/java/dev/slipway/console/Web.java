package dev.slipway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.api.ApiError;
import dev.slipway.client.SlipwayClient;
import dev.slipway.client.SlipwayException;
import dev.slipway.console.Sessions.Session;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every console route shares: who is asking (the session behind the cookie), rendering a page off the event
 * loop, and the checks in front of every state change — a session (under {@code --auth}), a JSON body, the
 * session's CSRF token in {@code X-CSRF-Token}, and an {@code Origin} (when the browser sends one) naming this host.
 */
final class Web {

    private static final Logger LOG = LoggerFactory.getLogger(Web.class);
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** The API records' mapper (ISO-8601 times), for the JSON the console's actions answer. */
    static final ObjectMapper JSON = SlipwayClient.mapper();

    private final Vertx vertx;
    private final ConsoleConfig config;
    private final Sessions sessions;
    private final Templates templates;

    Web(Vertx vertx, ConsoleConfig config, Sessions sessions, Templates templates) {
        this.vertx = vertx;
        this.config = config;
        this.sessions = sessions;
        this.templates = templates;
    }

    ConsoleConfig config() {
        return config;
    }

    Sessions sessions() {
        return sessions;
    }

    /** The signed-in session, or null. */
    Session session(RoutingContext rc) {
        final Cookie c = rc.request().getCookie(Sessions.COOKIE);
        return c == null ? null : sessions.find(c.getValue()).orElse(null);
    }

    private SlipwayClient anonymousClient;

    /** The API's client as the session's user (with its token; none without auth). */
    SlipwayClient client(Session s) {
        final SlipwayClient base;
        synchronized (this) {
            if (anonymousClient == null) {
                anonymousClient =
                        new SlipwayClient(config.api().get(), null); // the API's port is known once it listens
            }
            base = anonymousClient;
        }
        return s == null || s.token() == null ? base : base.withToken(s.token());
    }

    /** The API's client for this request's user. */
    SlipwayClient client(RoutingContext rc) {
        return client(session(rc));
    }

    /** A console-side refusal or absence, reported as the API reports its own. */
    static SlipwayException problem(int status, String message) {
        return new SlipwayException(status, ApiError.of(message));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    Viewer viewer(RoutingContext rc, Session s) {
        final String csrf =
                s != null ? s.csrf() : config.auth() ? null : anonymous().csrf();
        return new Viewer(
                config.auth(),
                s == null ? null : s.user(),
                s == null ? null : s.role(),
                csrf,
                rc.request().path());
    }

    /** A page: signs in first under auth; {@code work} renders it off the event loop (API errors become error pages). */
    void page(RoutingContext rc, Function<Viewer, String> work) {
        final Session s = session(rc);
        if (config.auth() && s == null) {
            final String next = rc.request().uri();
            rc.response()
                    .setStatusCode(303)
                    .putHeader("Location", "/signin?next=" + enc(next))
                    .end();
            return;
        }
        final Viewer viewer = viewer(rc, s);
        final long start = System.nanoTime();
        vertx.<String>executeBlocking(() -> work.apply(viewer), false).onComplete(ar -> {
            // what the page cost on the server (its API calls and rendering): the console benchmark reads this
            rc.response()
                    .putHeader(
                            "Server-Timing",
                            String.format(java.util.Locale.ROOT, "page;dur=%.1f", (System.nanoTime() - start) / 1e6));
            if (ar.succeeded()) {
                html(rc, 200, ar.result());
            } else {
                final Throwable t = ar.cause();
                final int status = t instanceof SlipwayException e ? httpStatus(e) : 500;
                if (!(t instanceof SlipwayException)) {
                    LOG.warn("console page {} failed", rc.request().path(), t);
                }
                html(
                        rc,
                        status,
                        render(
                                "error.jte",
                                Map.of("viewer", viewer, "status", status, "message", String.valueOf(t.getMessage()))));
            }
        });
    }

    /**
     * A state change: under auth it needs a session; always a JSON object body, the CSRF token of the session (or of
     * the anonymous console) and a same-origin {@code Origin} when one is sent. {@code work} answers with the status
     * and JSON to send back (the API's own refusals pass through).
     */
    void action(RoutingContext rc, ActionWork work) {
        final Session s = session(rc);
        if (config.auth() && s == null) {
            json(rc, 401, JSON.createObjectNode().put("error", "sign in first"));
            return;
        }
        final String problem = refusal(rc, s);
        if (problem != null) {
            json(rc, 403, JSON.createObjectNode().put("error", problem));
            return;
        }
        final JsonNode body;
        try {
            final String text = rc.body() == null ? "" : rc.body().asString();
            body = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            if (!body.isObject()) {
                json(rc, 400, JSON.createObjectNode().put("error", "the body must be a JSON object"));
                return;
            }
        } catch (IOException e) {
            json(rc, 400, JSON.createObjectNode().put("error", "the body is not JSON"));
            return;
        }
        vertx.<Reply>executeBlocking(() -> work.run(s, body), false).onComplete(ar -> {
            if (ar.succeeded()) {
                json(rc, ar.result().status(), ar.result().body());
            } else if (ar.cause() instanceof SlipwayException e) {
                json(rc, httpStatus(e), JSON.createObjectNode().put("error", e.getMessage()));
            } else {
                LOG.warn("console action {} failed", rc.request().path(), ar.cause());
                json(
                        rc,
                        500,
                        JSON.createObjectNode()
                                .put("error", String.valueOf(ar.cause().getMessage())));
            }
        });
    }

    /** Why a state change is refused before it reaches the API, or null. */
    String refusal(RoutingContext rc, Session s) {
        final String type = rc.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            return "Content-Type: application/json is required";
        }
        final String origin = rc.request().getHeader("Origin");
        if (origin != null
                && !sameOrigin(
                        origin,
                        rc.request().authority() == null
                                ? null
                                : rc.request().authority().toString())) {
            return "Origin " + origin + " is not this console";
        }
        final Session csrfOwner = s != null ? s : anonymous();
        if (!Sessions.csrfMatches(csrfOwner, rc.request().getHeader(CSRF_HEADER))) {
            return "missing or wrong CSRF token (" + CSRF_HEADER + "): reload the page";
        }
        return null;
    }

    private Session anonymous;

    /** Without auth the console still checks a CSRF token: one for the whole console (cookie-less). */
    synchronized Session anonymous() {
        if (anonymous == null) {
            anonymous = sessions.unstored("anonymous", "admin");
        }
        return anonymous;
    }

    static boolean sameOrigin(String origin, String authority) {
        if (authority == null) {
            return false;
        }
        try {
            final URI o = URI.create(origin);
            return o.getRawAuthority() != null && o.getRawAuthority().equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    String render(String template, Map<String, Object> params) {
        return templates.render(template, params);
    }

    /** Parameters for a template, with the viewer. */
    static Map<String, Object> params(Viewer viewer, Object... pairs) {
        final Map<String, Object> m = new HashMap<>();
        m.put("viewer", viewer);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    static void html(RoutingContext rc, int status, String html) {
        rc.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "same-origin")
                .putHeader(
                        "Content-Security-Policy",
                        "default-src 'self'; img-src 'self' data:; style-src 'self';"
                                + " script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'")
                .end(html);
    }

    static void json(RoutingContext rc, int status, JsonNode body) {
        rc.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(body.toString());
    }

    /** The session cookie: HttpOnly, SameSite=Strict, the whole console. */
    static Cookie cookie(String value, boolean expire) {
        final Cookie c = Cookie.cookie(Sessions.COOKIE, value)
                .setPath("/")
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT);
        if (expire) {
            c.setMaxAge(0);
        }
        return c;
    }

    /** The status a console page or action answers for an API failure (no answer: 502; the API's 401: 403). */
    static int httpStatus(SlipwayException e) {
        return e.status() == 0 ? 502 : e.status() == 401 ? 403 : e.status();
    }

    /** What an action answers. */
    record Reply(int status, JsonNode body) {
        /** 200 with a record of the API as JSON. */
        static Reply ok(Object record) {
            return new Reply(200, JSON.valueToTree(record));
        }

        static Reply error(int status, String message) {
            return new Reply(status, JSON.createObjectNode().put("error", message));
        }
    }

    /** The work of an action, off the event loop. */
    interface ActionWork {
        Reply run(Session session, JsonNode body) throws Exception;
    }

    /** Who acts: the signed-in user, else (a console without sign-in) the body's {@code user}; empty when neither. */
    static String actingUser(Session session, JsonNode body) {
        return session != null && session.token() != null
                ? session.user()
                : body.path("user").asText("").trim();
    }

    private final java.util.concurrent.ExecutorService parallel =
            java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
                final Thread t = new Thread(r, "slipway-console-api");
                t.setDaemon(true);
                return t;
            });

    /** Runs an API call beside the page's others (a page waits for all of them with {@link #join}). */
    <T> CompletableFuture<T> async(java.util.function.Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, parallel);
    }

    /** The result of {@link #async}; its failure (an API refusal) as thrown by the call itself. */
    static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Stops the threads of {@link #async}. */
    void close() {
        parallel.shutdownNow();
    }

    <T> void blocking(Callable<T> work, java.util.function.Consumer<io.vertx.core.AsyncResult<T>> done) {
        vertx.<T>executeBlocking(work, false).onComplete(done::accept);
    }
}
