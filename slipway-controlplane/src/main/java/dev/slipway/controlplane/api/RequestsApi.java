package dev.slipway.controlplane.api;

import dev.slipway.controlplane.requestlog.RequestJoin;
import dev.slipway.controlplane.requestlog.RequestLogStore;
import dev.slipway.support.DnsLabel;
import dev.slipway.support.Durations;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the built-in request-log sink kept: {@code GET /api/v1/namespaces/{ns}/deployments/{name}/requests
 * [?since=10m|RFC3339][&before=RFC3339[&beforePuid=PUID]][&limit=N]}, the deployment's logged predictions joined with
 * their feedback, newest first (by time, then puid); {@code before} and {@code beforePuid} page back from the last
 * prediction shown, its time and puid (without the puid: strictly before that time) ({@link
 * dev.slipway.api.LoggedRequest}). A 404 says how to turn the sink on when {@code slipway up} runs without it.
 */
public final class RequestsApi implements ApiRoutes {

    /** The most predictions one call returns. */
    public static final int MAX_LIMIT = 1000;

    private final Replies replies;
    private final @Nullable RequestLogStore store;
    private final Clock clock;

    /** @param store the sink's store, or null when {@code slipway up} runs without {@code --request-log} */
    public RequestsApi(Replies replies, @Nullable RequestLogStore store, Clock clock) {
        this.replies = Objects.requireNonNull(replies, "replies");
        this.store = store;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/namespaces/:ns/deployments/:name/requests").handler(this::list);
    }

    private void list(RoutingContext rc) {
        final String ns = rc.pathParam("ns");
        final String name = rc.pathParam("name");
        for (final String[] n : new String[][] {{"namespace", ns}, {"deployment", name}}) {
            final String problem = DnsLabel.problem(n[0], n[1]);
            if (problem != null) {
                throw ApiException.badRequest(problem);
            }
        }
        final Instant since = since(rc.queryParams().get("since"));
        final Instant before = before(rc.queryParams().get("before"));
        final String beforePuid = rc.queryParams().get("beforePuid");
        if (beforePuid != null && (before == null || beforePuid.isBlank() || beforePuid.length() > 200)) {
            throw ApiException.badRequest("beforePuid: the puid of the last prediction shown, with its time as before");
        }
        final int limit = limit(rc.queryParams().get("limit"));
        final RequestLogStore s = store;
        if (s == null) {
            throw ApiException.notFound("the built-in request log is off: start slipway up with --request-log");
        }
        replies.blockingJson(rc, 200, () -> RequestJoin.join(s.events(ns, name), since, before, beforePuid, limit));
    }

    private @Nullable Instant since(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return clock.instant().minus(Durations.parsePositive(text.strip()));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(
                        "since: '" + text + "' is neither a duration (" + Durations.FORMS + ") nor an RFC 3339 time");
            }
        }
    }

    private static @Nullable Instant before(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("before: '" + text + "' is not an RFC 3339 time");
        }
    }

    private static int limit(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return 100;
        }
        try {
            final int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("limit: '" + text + "' must be a whole number from 1 to " + MAX_LIMIT);
    }
}
