package dev.slipway.console;

import dev.slipway.client.SlipwayClient;
import dev.slipway.console.Sessions.Session;
import dev.slipway.console.view.RunView;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * A run followed live as server-sent events ({@code GET /pipelines/runs/ID/events}): {@code stages} (the stage view
 * as HTML, when it changed), {@code log} (new complete lines of the masked log), {@code state} (the run's reason),
 * and {@code end} once the run has ended and its whole log was sent. The console polls the API twice a second for
 * each open page; the stream stops when the browser goes away.
 */
final class RunEvents {

    private static final long POLL_MS = 500;

    private final Vertx vertx;
    private final Web web;
    private final PipelinePages pipelines;

    RunEvents(Vertx vertx, Web web, PipelinePages pipelines) {
        this.vertx = vertx;
        this.web = web;
        this.pipelines = pipelines;
    }

    void stream(RoutingContext rc) {
        final Session s = web.session(rc);
        if (web.config().auth() && s == null) {
            rc.response().setStatusCode(401).end();
            return;
        }
        final String id = rc.pathParam("id");
        final SlipwayClient api = web.client(s);
        final HttpServerResponse out = rc.response();
        out.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
        out.write("retry: 2000\n\n");
        final Follow follow = new Follow(id, api, out, rc.queryParams().get("from"));
        final long timer = vertx.setPeriodic(0, POLL_MS, t -> follow.poll());
        follow.timer = timer;
        out.closeHandler(v -> vertx.cancelTimer(timer));
    }

    /** One browser following one run. */
    private final class Follow {
        final String id;
        final SlipwayClient api;
        final HttpServerResponse out;
        long timer;
        int sent;
        String stagesHtml = "";
        String state = "";
        boolean busy;
        boolean done;

        Follow(String id, SlipwayClient api, HttpServerResponse out, String from) {
            this.id = id;
            this.api = api;
            this.out = out;
            try {
                this.sent = from == null ? 0 : Math.max(0, Integer.parseInt(from));
            } catch (NumberFormatException e) {
                this.sent = 0;
            }
        }

        void poll() {
            if (busy || done) {
                return;
            }
            busy = true;
            web.<Update>blocking(this::read, ar -> {
                busy = false;
                if (done || out.closed()) {
                    return;
                }
                if (ar.failed()) {
                    out.write(event("problem", String.valueOf(ar.cause().getMessage())));
                    finish();
                    return;
                }
                final Update u = ar.result();
                if (!u.stages().equals(stagesHtml)) {
                    stagesHtml = u.stages();
                    out.write(event("stages", stagesHtml));
                }
                if (!u.state().equals(state)) {
                    state = u.state();
                    out.write(event("state", state));
                }
                if (!u.log().isEmpty()) {
                    out.write(event("log", u.log()));
                }
                if (u.ended()) {
                    out.write(event("end", state));
                    finish();
                }
            });
        }

        private void finish() {
            done = true;
            vertx.cancelTimer(timer);
            out.end();
        }

        /** Reads the run, then its log: a run seen ended before its log was read has all its log in that read. */
        private Update read() {
            final RunView v = pipelines.view(api, id);
            final String log = PipelinePages.log(api, id);
            String fresh = "";
            if (log.length() > sent) {
                final int end = v.run().live() ? log.lastIndexOf('\n') + 1 : log.length();
                if (end > sent) {
                    fresh = log.substring(sent, end);
                    sent = end;
                }
            }
            final String html = web.render("runStages.jte", Map.of("view", v));
            return new Update(html, v.run().reason(), fresh, !v.run().live());
        }
    }

    private record Update(String stages, String state, String log, boolean ended) {}

    /** One event: each line of {@code data} as its own {@code data:} line (the browser joins them with newlines). */
    static String event(String name, String data) {
        final StringBuilder sb = new StringBuilder("event: ").append(name).append('\n');
        final String body = data.endsWith("\n") ? data.substring(0, data.length() - 1) : data;
        for (final String line : body.split("\n", -1)) {
            sb.append("data: ").append(line.replace("\r", "")).append('\n');
        }
        return sb.append('\n').toString();
    }
}
