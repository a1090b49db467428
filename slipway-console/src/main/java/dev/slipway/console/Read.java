package dev.slipway.console;

import dev.slipway.api.ApplicationSpec;
import dev.slipway.api.Condition;
import dev.slipway.api.Deployment;
import dev.slipway.api.EnvironmentStatus;
import dev.slipway.api.HistoryEntry;
import dev.slipway.api.Promotion;
import dev.slipway.api.Run;
import dev.slipway.api.RunSummary;
import dev.slipway.console.view.AppRow;
import dev.slipway.console.view.Decision;
import dev.slipway.console.view.EnvView;
import dev.slipway.console.view.GraphNodeView;
import dev.slipway.console.view.HistoryRow;
import dev.slipway.console.view.PredictorView;
import dev.slipway.console.view.PromotionRow;
import dev.slipway.console.view.ReplicaRow;
import dev.slipway.console.view.RunRow;
import dev.slipway.console.view.StageView;
import dev.slipway.console.view.StepView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the API's records (as {@code SlipwayClient} returns them) into the records the templates show. */
final class Read {

    private Read() {}

    static RunRow run(RunSummary r, Instant now) {
        return new RunRow(
                r.id(),
                text(r.repository()),
                text(r.branch()),
                text(r.commit()),
                text(r.pipeline()),
                text(r.trigger()),
                r.reason() == null ? "Pending" : r.reason(),
                text(r.message()),
                time(r.startTime()),
                duration(r.startTime(), r.endTime(), now));
    }

    static RunRow run(Run r, Instant now) {
        final Condition c = r.condition();
        return new RunRow(
                r.id(),
                text(r.repository()),
                text(r.branch()),
                text(r.commit()),
                r.pipeline() == null ? "" : text(r.pipeline().kind()),
                r.trigger() == null ? "" : text(r.trigger().type()),
                c == null || c.reason() == null ? "Pending" : c.reason(),
                c == null ? "" : text(c.message()),
                time(r.startTime()),
                duration(r.startTime(), r.endTime(), now));
    }

    static List<StageView> stages(Run run, Instant now) {
        final List<StageView> out = new ArrayList<>();
        for (final Run.Stage s : run.stages()) {
            final List<StepView> steps = new ArrayList<>();
            for (final Run.Step st : s.steps()) {
                steps.add(new StepView(
                        st.name(),
                        reason(st.condition()),
                        duration(st.startTime(), st.endTime(), now),
                        st.exitCode() == null ? "" : st.exitCode().toString(),
                        message(st.condition())));
            }
            out.add(new StageView(
                    s.name(),
                    reason(s.condition()),
                    duration(s.startTime(), s.endTime(), now),
                    message(s.condition()),
                    steps));
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

    static PromotionRow promotion(Promotion p) {
        return new PromotionRow(
                p.id(),
                text(p.environment()),
                text(p.author()),
                text(p.state()).toLowerCase(Locale.ROOT),
                p.deployments(),
                text(p.sourceRepository()),
                text(p.sourceCommit()),
                time(p.createdAt()),
                text(p.message()));
    }

    static List<Decision> decisions(Promotion p) {
        final List<Decision> out = new ArrayList<>();
        for (final Promotion.Decision d : p.decisions()) {
            out.add(new Decision(
                    text(d.user()), text(d.verdict()).toLowerCase(Locale.ROOT), text(d.reason()), time(d.at())));
        }
        return out;
    }

    /**
     * An environment with its applications; {@code ready} maps {@code namespace/name} to the replicas ready
     * (e.g. {@code 1/1}) from the deployments the runtime reports.
     */
    static EnvView environment(EnvironmentStatus e, Map<String, String> ready) {
        final List<AppRow> apps = new ArrayList<>();
        for (final EnvironmentStatus.Application a : e.applications()) {
            final String ns = a.namespace() == null ? text(e.namespace()) : a.namespace();
            apps.add(new AppRow(
                    e.name(),
                    ns,
                    a.name(),
                    text(a.file()),
                    camel(a.sync() == null ? "UNKNOWN" : a.sync()),
                    camel(a.health() == null ? "UNKNOWN" : a.health()),
                    text(a.revision()),
                    text(a.appliedRevision()),
                    ready.getOrDefault(ns + "/" + a.name(), "0/0"),
                    conditions(a.conditions())));
        }
        return new EnvView(
                e.name(),
                text(e.namespace()),
                text(e.folder()),
                text(e.promotion()),
                text(e.revision()),
                time(e.lastReconcile()),
                conditions(e.conditions()),
                apps);
    }

    /** The conditions as {@code Type Status: Reason — message}. */
    static List<String> conditions(List<Condition> conditions) {
        final List<String> out = new ArrayList<>();
        for (final Condition c : conditions) {
            final String message = text(c.message());
            out.add(camel(text(c.type())) + " " + camel(text(c.status())) + ": " + camel(text(c.reason()))
                    + (message.isBlank() ? "" : " — " + message));
        }
        return out;
    }

    static List<HistoryRow> history(List<HistoryEntry> entries, String current) {
        final List<HistoryRow> out = new ArrayList<>();
        for (final HistoryEntry h : entries) {
            final String rev = text(h.revision());
            out.add(new HistoryRow(
                    rev,
                    time(h.time()),
                    text(h.action()),
                    text(h.message()),
                    text(h.author()),
                    text(h.approvedBy()),
                    time(h.syncedAt()),
                    !current.isEmpty() && rev.startsWith(current)));
        }
        return out;
    }

    /** The spec's predictors, each graph node with the replicas {@code replicas} reports for it. */
    static List<PredictorView> predictors(ApplicationSpec spec, List<ReplicaRow> replicas) {
        final List<PredictorView> out = new ArrayList<>();
        int offset = 0;
        for (final ApplicationSpec.Predictor p : spec.predictors()) {
            out.add(new PredictorView(p.name(), p.traffic(), offset, p.shadow(), node(p.name(), p.graph(), replicas)));
            offset += p.shadow() ? 0 : p.traffic();
        }
        return out;
    }

    private static GraphNodeView node(String predictor, ApplicationSpec.Node n, List<ReplicaRow> replicas) {
        final String server = !text(n.implementation()).isEmpty()
                ? n.implementation()
                : !text(n.image()).isEmpty() ? n.image() : "custom server";
        return new GraphNodeView(
                n.name(),
                text(n.type()),
                server,
                text(n.modelUri()),
                n.replicas(),
                replicas.stream()
                        .filter(r -> r.predictor().equals(predictor) && r.node().equals(n.name()))
                        .toList(),
                n.children().stream().map(c -> node(predictor, c, replicas)).toList());
    }

    static List<ReplicaRow> replicas(Deployment d) {
        final List<ReplicaRow> out = new ArrayList<>();
        for (final Deployment.Replica r : d.replicas()) {
            out.add(new ReplicaRow(
                    text(r.predictor()),
                    text(r.node()),
                    text(r.replica()),
                    text(r.state()),
                    text(r.revision()),
                    r.port(),
                    r.restarts()));
        }
        return out;
    }

    /** Replicas ready of a deployment, e.g. {@code 2/3}. */
    static String ready(Deployment d) {
        final long ready = d.replicas().stream()
                .filter(r -> "ready".equalsIgnoreCase(r.state()))
                .count();
        return ready + "/" + d.replicas().size();
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

    /** {@code 1m 04s} between two times (the end defaults to now while it runs), or empty. */
    static String duration(Instant start, Instant end, Instant now) {
        return start == null ? "" : format(Duration.between(start, end == null ? now : end));
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

    private static String reason(Condition c) {
        return c == null || c.reason() == null ? "Pending" : c.reason();
    }

    private static String message(Condition c) {
        return c == null ? "" : text(c.message());
    }

    static String time(Instant t) {
        return t == null ? "" : t.toString();
    }

    static String text(String s) {
        return s == null ? "" : s;
    }
}
