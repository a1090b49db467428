package dev.slipway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.console.Sessions.Session;
import dev.slipway.console.Web.Reply;
import dev.slipway.console.view.PromotionRow;
import dev.slipway.console.view.PromotionView;
import dev.slipway.console.view.RunRow;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Promotion requests, as a reviewer reads a pull request: the list by state, and one request with its diff, its
 * author and source, the run that opened it, and approve / reject with a reason. The page offers the buttons only
 * to an approver who is not the author; the API refuses the others anyway (four eyes).
 */
final class PromotionPages {

  static final List<String> STATES = List.of("open", "approved", "merged", "rejected", "superseded");

  private final Web web;
  private final ApiCalls api;
  private final PipelinePages pipelines;

  PromotionPages(Web web, ApiCalls api, PipelinePages pipelines) {
    this.web = web;
    this.api = api;
    this.pipelines = pipelines;
  }

  List<PromotionRow> requests(String token, String state) {
    final List<PromotionRow> rows = new ArrayList<>();
    final String query = state.isEmpty() ? "" : "?state=" + ApiCalls.enc(state);
    final ApiCalls.Answer a = api.get("/api/v1/promotions" + query, token);
    if (a.status() == 404) {
      return rows; // no GitOps repository is followed: no requests
    }
    if (!a.ok()) {
      throw new ApiCalls.ApiException(a.status(), "/api/v1/promotions: " + a.error());
    }
    for (final JsonNode p : a.json()) {
      rows.add(Read.promotion(p));
    }
    rows.sort(Comparator.comparing(PromotionRow::created, Comparator.reverseOrder()));
    return rows;
  }

  void list(RoutingContext rc) {
    final String raw = PipelinePages.param(rc, "state");
    final String state = raw.isEmpty() ? "open" : raw;
    web.page(rc, viewer -> web.render("promotions.jte", Web.params(viewer, "requests",
        requests(Web.token(web.session(rc)), state.equals("any") ? "" : state), "state", state, "states", STATES)));
  }

  void show(RoutingContext rc) {
    final String id = rc.pathParam("id");
    web.page(rc, viewer -> {
      final Session s = web.session(rc);
      final JsonNode p = api.read("/api/v1/promotions/" + ApiCalls.enc(id), Web.token(s));
      final PromotionRow row = Read.promotion(p);
      RunRow run = null;
      for (final RunRow r : pipelines.runs(Web.token(s))) {
        if (!row.sourceCommit().isEmpty() && r.commit().equals(row.sourceCommit())
            && (run == null || r.pipeline().equals("release"))) {
          run = r;
          break;
        }
      }
      String why = "";
      if (!row.open()) {
        why = "This request is " + row.state() + ".";
      } else if (viewer.user() != null && (viewer.user().equals(row.author()) || viewer.user().equals(p.path("email")
          .asText()))) {
        why = "You wrote this change: an approver (" + String.join(", ", Read.strings(p.path("assignees")))
            + ") must review it (four eyes).";
      } else if (!viewer.approver()) {
        why = "Only an approver may approve or reject (you are a " + viewer.role() + ").";
      }
      final PromotionView v = new PromotionView(row, p.path("email").asText(""), Read.strings(p.path("assignees")),
          Read.strings(p.path("changedFiles")), p.path("baseCommit").asText(""), p.path("mergeCommit").asText(""),
          Read.decisions(p), Diffs.lines(p.path("diff").asText("")), run, why.isEmpty(), why);
      return web.render("promotion.jte", Web.params(viewer, "view", v));
    });
  }

  /** {@code POST /promotions/ID/approve|reject} with {@code {reason}}: the API decides. */
  void decide(RoutingContext rc, String verdict) {
    final String id = rc.pathParam("id");
    web.action(rc, (s, body) -> {
      final String reason = body.path("reason").asText("").trim();
      if (verdict.equals("reject") && reason.isEmpty()) {
        return new Reply(400, ApiCalls.JSON.createObjectNode().put("error", "reason: say why you reject it"));
      }
      final ObjectNode req = ApiCalls.JSON.createObjectNode();
      final String user = s != null && s.token() != null ? s.user() : body.path("user").asText("").trim();
      if (user.isEmpty()) {
        return new Reply(400, ApiCalls.JSON.createObjectNode().put("error", "user: who decides?"));
      }
      req.put("user", user);
      req.put("reason", reason.isEmpty() ? "approved in the console" : reason);
      return Reply.of(api.post("/api/v1/promotions/" + ApiCalls.enc(id) + "/" + verdict, req, Web.token(s)));
    });
  }
}
