package dev.slipway.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.console.view.AppRow;
import dev.slipway.console.view.Decision;
import dev.slipway.console.view.EnvView;
import dev.slipway.console.view.HistoryRow;
import dev.slipway.console.view.PromotionRow;
import dev.slipway.console.view.ReplicaRow;
import dev.slipway.console.view.RunRow;
import dev.slipway.console.view.StageView;
import dev.slipway.console.view.StepView;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the API's JSON answers into the records the templates show. */
final class Read {

  private Read() {}

  static RunRow run(JsonNode r, Instant now) {
    final JsonNode condition = r.path("condition");
    final String reason = r.has("reason") ? r.path("reason").asText() : condition.path("reason").asText("Pending");
    final String message = r.has("message") ? r.path("message").asText() : condition.path("message").asText();
    final JsonNode trigger = r.path("trigger");
    final String triggerText = trigger.isObject() ? trigger.path("type").asText() : trigger.asText();
    final String pipeline = r.path("pipeline").isObject() ? r.at("/pipeline/kind").asText() : r.path("pipeline").asText();
    return new RunRow(r.path("id").asText(), r.path("repository").asText(), r.path("branch").asText(),
        r.path("commit").asText(), pipeline, triggerText,
        reason, message, r.path("startTime").asText(""), duration(r.path("startTime"), r.path("endTime"), now));
  }

  static List<StageView> stages(JsonNode run, Instant now) {
    final List<StageView> out = new ArrayList<>();
    for (final JsonNode s : run.path("stages")) {
      final List<StepView> steps = new ArrayList<>();
      for (final JsonNode st : s.path("steps")) {
        steps.add(new StepView(st.path("name").asText(), st.at("/condition/reason").asText("Pending"),
            duration(st.path("startTime"), st.path("endTime"), now),
            st.path("exitCode").isNumber() ? st.path("exitCode").asText() : "", st.at("/condition/message").asText()));
      }
      out.add(new StageView(s.path("name").asText(), s.at("/condition/reason").asText("Pending"),
          duration(s.path("startTime"), s.path("endTime"), now), s.at("/condition/message").asText(), steps));
    }
    return out;
  }

  /** {@code Stage / step} of the first failed or timed-out step, or empty. */
  static String failedStep(List<StageView> stages) {
    for (final StageView s : stages) {
      for (final StepView st : s.steps()) {
        if (st.reason().equals("Failed") || st.reason().equals("TimedOut")) {
          return s.name() + " / " + st.name();
        }
      }
    }
    return "";
  }

  static PromotionRow promotion(JsonNode p) {
    return new PromotionRow(p.path("id").asText(), p.path("environment").asText(), p.path("author").asText(),
        p.path("state").asText().toLowerCase(Locale.ROOT), strings(p.path("deployments")),
        p.path("sourceRepository").asText(""), p.path("sourceCommit").asText(""), p.path("createdAt").asText(""),
        p.path("message").asText(""));
  }

  static List<Decision> decisions(JsonNode p) {
    final List<Decision> out = new ArrayList<>();
    for (final JsonNode d : p.path("decisions")) {
      out.add(new Decision(d.path("user").asText(), d.path("verdict").asText().toLowerCase(Locale.ROOT),
          d.path("reason").asText(), d.path("at").asText()));
    }
    return out;
  }

  /**
   * An environment with its applications; {@code ready} maps {@code namespace/name} to the replicas ready
   * (e.g. {@code 1/1}) from the deployments the runtime reports.
   */
  static EnvView environment(JsonNode e, Map<String, String> ready) {
    final List<AppRow> apps = new ArrayList<>();
    for (final JsonNode a : e.path("applications")) {
      final String ns = a.path("namespace").asText(e.path("namespace").asText());
      apps.add(new AppRow(e.path("name").asText(), ns, a.path("name").asText(), a.path("file").asText(),
          camel(a.path("sync").asText("UNKNOWN")), camel(a.path("health").asText("UNKNOWN")),
          a.path("revision").asText(""), a.path("appliedRevision").asText(""),
          ready.getOrDefault(ns + "/" + a.path("name").asText(), "0/0"), conditions(a.path("conditions"))));
    }
    return new EnvView(e.path("name").asText(), e.path("namespace").asText(), e.path("folder").asText(),
        e.path("promotion").asText(), e.path("revision").asText(""), e.path("lastReconcile").asText(""),
        conditions(e.path("conditions")), apps);
  }

  /** The conditions worth showing: {@code Type: Reason — message}. */
  static List<String> conditions(JsonNode conditions) {
    final List<String> out = new ArrayList<>();
    for (final JsonNode c : conditions) {
      final String message = c.path("message").asText("");
      out.add(camel(c.path("type").asText()) + " " + camel(c.path("status").asText()) + ": "
          + camel(c.path("reason").asText()) + (message.isBlank() ? "" : " — " + message));
    }
    return out;
  }

  static List<HistoryRow> history(JsonNode entries, String current) {
    final List<HistoryRow> out = new ArrayList<>();
    for (final JsonNode h : entries) {
      final String rev = h.path("revision").asText();
      out.add(new HistoryRow(rev, h.path("time").asText(""), h.path("action").asText(""), h.path("message").asText(""),
          h.path("author").asText(""), h.path("approvedBy").asText(""), h.path("syncedAt").asText(""),
          !current.isEmpty() && rev.startsWith(current)));
    }
    return out;
  }

  static List<ReplicaRow> replicas(JsonNode deployment) {
    final List<ReplicaRow> out = new ArrayList<>();
    for (final JsonNode r : deployment.path("replicas")) {
      out.add(new ReplicaRow(r.path("predictor").asText(), r.path("node").asText(), r.path("replica").asInt(),
          r.path("state").asText(), r.path("revision").asText(""), r.path("port").asInt(), r.path("restarts").asInt()));
    }
    return out;
  }

  /** Replicas ready of a deployment, e.g. {@code 2/3}. */
  static String ready(JsonNode deployment) {
    int ready = 0;
    int all = 0;
    for (final JsonNode r : deployment.path("replicas")) {
      all++;
      if (r.path("state").asText().equalsIgnoreCase("ready")) {
        ready++;
      }
    }
    return ready + "/" + all;
  }

  static List<String> strings(JsonNode array) {
    final List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** {@code OUT_OF_SYNC} → {@code OutOfSync}; already camel-cased text stays. */
  static String camel(String constant) {
    if (!constant.equals(constant.toUpperCase(Locale.ROOT))) {
      return constant;
    }
    final StringBuilder sb = new StringBuilder();
    for (final String part : constant.split("_")) {
      if (!part.isEmpty()) {
        sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    return sb.toString();
  }

  /** {@code 1m 04s} between two ISO times (the end defaults to now while it runs), or empty. */
  static String duration(JsonNode start, JsonNode end, Instant now) {
    final Instant s = instant(start);
    if (s == null) {
      return "";
    }
    final Instant e = instant(end);
    return format(Duration.between(s, e == null ? now : e));
  }

  static String format(Duration d) {
    final long ms = Math.max(0, d.toMillis());
    if (ms < 1000) {
      return ms + " ms";
    }
    final long s = ms / 1000;
    if (s < 60) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
  }

  private static Instant instant(JsonNode n) {
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      return null;
    }
    try {
      return Instant.parse(n.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
