package dev.slipway.console;

import dev.slipway.api.Promotion;
import dev.slipway.client.SlipwayClient;
import dev.slipway.client.SlipwayException;
import dev.slipway.console.Web.Reply;
import dev.slipway.console.view.PromotionRow;
import dev.slipway.console.view.PromotionView;
import dev.slipway.console.view.RunRow;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Promotion requests, as a reviewer reads a pull request: the list by state, and one request with its diff, its
 * author and source, the run that opened it, and approve / reject with a reason. The page offers the buttons only
 * to an approver who is not the author; the API refuses the others anyway (four eyes).
 */
final class PromotionPages {

    static final List<String> STATES = List.of("open", "approved", "merged", "rejected", "superseded");

    private final Web web;
    private final PipelinePages pipelines;

    PromotionPages(Web web, PipelinePages pipelines) {
        this.web = web;
        this.pipelines = pipelines;
    }

    /** The requests in {@code state} (empty: all), newest first; none when no GitOps repository is followed. */
    List<PromotionRow> requests(SlipwayClient api, String state) {
        final List<PromotionRow> rows = new ArrayList<>();
        try {
            for (final Promotion p : api.promotions(null, state.isEmpty() ? null : state)) {
                rows.add(Read.promotion(p));
            }
        } catch (SlipwayException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        return rows;
    }

    void list(RoutingContext rc) {
        final String raw = PipelinePages.param(rc, "state");
        final String state = raw.isEmpty() ? "open" : raw;
        web.page(
                rc,
                viewer -> web.render(
                        "promotions.jte",
                        Web.params(
                                viewer,
                                "requests",
                                requests(web.client(rc), state.equals("any") ? "" : state),
                                "state",
                                state,
                                "states",
                                STATES)));
    }

    void show(RoutingContext rc) {
        final String id = rc.pathParam("id");
        web.page(rc, viewer -> {
            final SlipwayClient api = web.client(rc);
            final Promotion p = api.promotion(id);
            final PromotionRow row = Read.promotion(p);
            // the run of the source commit that opened it: its release run, else the newest
            RunRow run = null;
            if (!row.sourceCommit().isEmpty()) {
                final List<RunRow> ofCommit = pipelines.ofCommit(api, row.sourceCommit());
                run = ofCommit.stream()
                        .filter(r -> r.pipeline().equals("release"))
                        .findFirst()
                        .orElse(ofCommit.isEmpty() ? null : ofCommit.get(0));
            }
            String why = "";
            if (!row.open()) {
                why = "This request is " + row.state() + ".";
            } else if (viewer.user() != null
                    && (viewer.user().equals(row.author()) || viewer.user().equals(p.email()))) {
                why = "You wrote this change: an approver (" + String.join(", ", p.assignees())
                        + ") must review it (four eyes).";
            } else if (!viewer.approver()) {
                why = "Only an approver may approve or reject (you are a " + viewer.role() + ").";
            }
            final PromotionView v = new PromotionView(
                    row,
                    Read.text(p.email()),
                    p.assignees(),
                    p.changedFiles(),
                    Read.text(p.baseCommit()),
                    Read.text(p.mergeCommit()),
                    Read.decisions(p),
                    Diffs.lines(p.diff()),
                    run,
                    why.isEmpty(),
                    why,
                    supersededBy(p),
                    Read.text(p.conflict()));
            return web.render("promotion.jte", Web.params(viewer, "view", v));
        });
    }

    private static final java.util.regex.Pattern SUPERSEDED_BY =
            java.util.regex.Pattern.compile("superseded by ([A-Za-z0-9-]{1,64})");

    /** The request that superseded {@code p} (its last decision says which), or empty. */
    static String supersededBy(Promotion p) {
        if (!"SUPERSEDED".equalsIgnoreCase(p.state()) || p.decisions().isEmpty()) {
            return "";
        }
        final java.util.regex.Matcher m = SUPERSEDED_BY.matcher(
                Read.text(p.decisions().get(p.decisions().size() - 1).reason()));
        return m.find() ? m.group(1) : "";
    }

    /** {@code POST /promotions/ID/approve|reject} with {@code {reason}}: the API decides. */
    void decide(RoutingContext rc, String verdict) {
        final String id = rc.pathParam("id");
        web.action(rc, (s, body) -> {
            final String reason = body.path("reason").asText("").trim();
            if (verdict.equals("reject") && reason.isEmpty()) {
                return Reply.error(400, "reason: say why you reject it");
            }
            final String user = Web.actingUser(s, body);
            if (user.isEmpty()) {
                return Reply.error(400, "user: who decides?");
            }
            final SlipwayClient api = web.client(s);
            return Reply.ok(verdict.equals("approve") ? api.approve(id, user) : api.reject(id, user, reason));
        });
    }
}
