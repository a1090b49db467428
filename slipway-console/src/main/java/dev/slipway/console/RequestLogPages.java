package dev.slipway.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.slipway.api.LoggedRequest;
import dev.slipway.client.SlipwayClient;
import dev.slipway.client.SlipwayException;
import dev.slipway.console.view.LoggedRow;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A deployment's request log: the last predictions the built-in sink of {@code slipway up --request-log} kept, newest
 * first, each with its request and response payloads and the feedback sent for it (reward, truth), joined by puid by
 * the API ({@code GET /api/v1/namespaces/NS/deployments/NAME/requests}, what {@code slipway logs requests} prints).
 * Paged back in time with the API's {@code before} and {@code beforePuid} (the last row's time and puid). Payloads are whatever callers sent: the template escapes them.
 */
final class RequestLogPages {

    /** Predictions per page, as the page offers them. */
    static final List<Integer> LIMITS = List.of(20, 50, 100);
    /** How far back, as the page offers it ({@code ""}: everything kept). */
    static final List<String> SINCE = List.of("", "15m", "1h", "24h");
    /** The most of a payload a page shows (the API's answer has all of it). */
    static final int SHOWN = 16 * 1024;

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private final Web web;

    RequestLogPages(Web web) {
        this.web = web;
    }

    void list(RoutingContext rc) {
        final String ns = rc.pathParam("ns");
        final String name = rc.pathParam("name");
        final int limit = limit(rc.queryParams().get("limit"));
        final String since = SINCE.contains(PipelinePages.param(rc, "since")) ? PipelinePages.param(rc, "since") : "";
        final Instant before = before(rc.queryParams().get("before"));
        final String beforePuid = before == null ? null : puid(rc.queryParams().get("beforePuid"));
        web.page(rc, viewer -> {
            if (!NAME.matcher(ns).matches() || !NAME.matcher(name).matches()) {
                throw Web.problem(400, "namespace and name: DNS labels only");
            }
            final SlipwayClient api = web.client(rc);
            String off = "";
            List<LoggedRow> rows = List.of();
            try {
                rows = rows(api.requests(ns, name, since, before, beforePuid, limit));
            } catch (SlipwayException e) {
                if (e.status() != 404) {
                    throw e;
                }
                off = e.getMessage(); // the sink is off: the API says how to turn it on
            }
            final String older = rows.size() < limit
                    ? ""
                    : query(since, limit) + "&before="
                            + Web.enc(rows.get(rows.size() - 1).time()) + "&beforePuid="
                            + Web.enc(rows.get(rows.size() - 1).puid());
            return web.render(
                    "requests.jte",
                    Web.params(
                            viewer,
                            "namespace",
                            ns,
                            "name",
                            name,
                            "rows",
                            rows,
                            "off",
                            off,
                            "since",
                            since,
                            "sinces",
                            SINCE,
                            "limit",
                            limit,
                            "limits",
                            LIMITS,
                            "paged",
                            before != null,
                            "newest",
                            query(since, limit),
                            "older",
                            older));
        });
    }

    /** {@code ?since=…&limit=…} of this page's choices (the pager's links add {@code before}). */
    private static String query(String since, int limit) {
        return "?since=" + Web.enc(since) + "&limit=" + limit;
    }

    static int limit(String text) {
        try {
            final int n = Integer.parseInt(text == null ? "" : text.trim());
            return LIMITS.contains(n) ? n : LIMITS.get(0);
        } catch (NumberFormatException e) {
            return LIMITS.get(0);
        }
    }

    /** {@code ?before=} as an instant; anything else is the first page. */
    static Instant before(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code ?beforePuid=} as the API takes it; anything else pages by time alone. */
    static String puid(String text) {
        return text == null || text.isBlank() || text.length() > 200 ? null : text.strip();
    }

    static List<LoggedRow> rows(List<LoggedRequest> logged) {
        final List<LoggedRow> out = new ArrayList<>();
        for (final LoggedRequest r : logged) {
            final LoggedRequest.Feedback f = r.feedback();
            out.add(new LoggedRow(
                    Read.text(r.puid()),
                    Read.time(r.time()),
                    Read.text(r.predictor()),
                    r.nodes(),
                    json(r.request()),
                    json(r.response()),
                    f == null || f.reward() == null ? "" : number(f.reward()),
                    f == null ? "" : json(f.truth()),
                    f == null ? "" : Read.time(f.time()),
                    r.truncated()));
        }
        return out;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.1f", v) : String.valueOf(v);
    }

    /** A payload as indented JSON, cut at {@link #SHOWN} characters; empty for none. */
    static String json(Object payload) {
        if (payload == null) {
            return "";
        }
        String text;
        try {
            text = Web.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            text = String.valueOf(payload);
        }
        return text.length() <= SHOWN
                ? text
                : text.substring(0, SHOWN) + "\n… (" + (text.length() - SHOWN) + " more characters: slipway logs"
                        + " requests -o json shows all)";
    }
}
