package dev.slipway.controlplane.api;

import dev.slipway.api.ArtifactInfo;
import dev.slipway.api.ChangeResult;
import dev.slipway.api.Condition;
import dev.slipway.api.Deployment;
import dev.slipway.api.EnvironmentStatus;
import dev.slipway.api.HistoryEntry;
import dev.slipway.api.Poller;
import dev.slipway.api.Promotion;
import dev.slipway.api.Run;
import dev.slipway.api.RunSummary;
import dev.slipway.api.ServerList;
import dev.slipway.api.ServerReport;
import dev.slipway.artifact.Artifact;
import dev.slipway.gitops.promote.Decision;
import dev.slipway.gitops.promote.PromotionRequest;
import dev.slipway.gitops.promote.PromotionResult;
import dev.slipway.gitops.servers.ServerUsage;
import dev.slipway.gitops.spec.RegisteredServer;
import dev.slipway.gitops.spec.ServerRegistry;
import dev.slipway.gitops.status.ApplicationStatus;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.ReplicaStatus;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.model.StageRun;
import dev.slipway.pipeline.model.StepRun;
import dev.slipway.pipeline.service.PipelineService;
import dev.slipway.support.Durations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The domain's types as the API's records ({@code dev.slipway.api}): the one mapping, used by the server and by the
 * CLI's local implementations, so both print the same.
 */
public final class Views {

    private Views() {}

    /** A deployment's status, with Kubernetes-style spellings ({@code Ready}, {@code True}, {@code ReplicasNotReady}). */
    public static Deployment deployment(DeploymentStatus s) {
        return new Deployment(
                s.namespace(),
                s.name(),
                s.generation(),
                s.ready(),
                s.conditions().stream().map(Views::condition).toList(),
                s.replicas().stream().map(Views::replica).toList(),
                s.warnings(),
                s.wanted(),
                s.readyUpToDate());
    }

    private static Deployment.Replica replica(ReplicaStatus r) {
        return new Deployment.Replica(
                r.key().predictor(),
                r.key().node(),
                r.key().replica(),
                r.state().toString(),
                r.revision(),
                r.port(),
                r.pid(),
                r.restarts(),
                r.lastExitCode(),
                r.lastExitCode() == null ? null : r.lastExitTime(),
                r.logFile(),
                r.logTail(),
                r.packedIn() == null ? null : r.packedIn().host(),
                r.packedIn() == null ? null : r.packedIn().model());
    }

    /** A run in a list. */
    public static RunSummary runSummary(PipelineRun r) {
        return new RunSummary(
                r.id(),
                r.pipeline().kind().yamlName(),
                r.repository(),
                r.commit(),
                r.branch(),
                r.trigger().type().name(),
                r.condition().status().name(),
                r.condition().reason().name(),
                r.condition().message(),
                r.startTime(),
                r.endTime());
    }

    /** A run with its stages and steps. */
    public static Run run(PipelineRun r) {
        return new Run(
                r.id(),
                r.repository(),
                r.commit(),
                r.branch(),
                new Run.Trigger(
                        r.trigger().type().name(),
                        r.trigger().detail(),
                        r.trigger().requeuedFrom().isEmpty()
                                ? null
                                : r.trigger().requeuedFrom()),
                new Run.Pipeline(r.pipeline().kind().yamlName()),
                condition(r.condition()),
                r.createTime(),
                r.startTime(),
                r.endTime(),
                r.stages().stream().map(Views::stage).toList(),
                r.warnings());
    }

    private static Run.Stage stage(StageRun s) {
        return new Run.Stage(
                s.name(),
                condition(s.condition()),
                s.startTime(),
                s.endTime(),
                s.steps().stream().map(Views::step).toList());
    }

    private static Run.Step step(StepRun s) {
        return new Run.Step(s.name(), condition(s.condition()), s.startTime(), s.endTime(), s.exitCode(), s.log());
    }

    private static Condition condition(dev.slipway.pipeline.model.Condition c) {
        return new Condition(c.type(), c.status().name(), c.reason().name(), c.message(), c.lastTransitionTime());
    }

    /** A poller. */
    public static Poller poller(PipelineService.PollerStatus p) {
        return new Poller(p.remote(), Durations.format(p.interval()), p.lastPoll(), p.lastError());
    }

    /** An environment's status, spelled as every condition is ({@code Ready}, {@code True}, {@code OutOfSync}). */
    public static EnvironmentStatus environment(dev.slipway.gitops.status.EnvironmentStatus e) {
        return new EnvironmentStatus(
                e.name(),
                e.folder(),
                e.namespace(),
                e.promotion(),
                e.revision(),
                e.lastReconcile(),
                e.conditions().stream().map(Views::condition).toList(),
                e.applications().stream().map(Views::application).toList(),
                e.events().stream()
                        .map(v -> new EnvironmentStatus.Event(
                                v.time(), v.application(), v.reason().toString(), v.message()))
                        .toList());
    }

    private static EnvironmentStatus.Application application(ApplicationStatus a) {
        return new EnvironmentStatus.Application(
                a.name(),
                a.file(),
                a.namespace(),
                a.sync().toString(),
                a.health().toString(),
                a.revision(),
                a.appliedRevision(),
                a.message(),
                a.conditions().stream().map(Views::condition).toList());
    }

    /** One condition in Slipway's one spelling (gitops.target.Spelling): {@code Ready}, {@code True}, {@code FetchFailed}. */
    private static Condition condition(dev.slipway.gitops.target.Condition c) {
        return new Condition(
                c.type().toString(), c.status().toString(), c.reason().toString(), c.message(), c.lastTransitionTime());
    }

    /** One change of an environment. */
    public static HistoryEntry history(dev.slipway.gitops.status.HistoryEntry h) {
        return new HistoryEntry(
                h.revision(), h.time(), h.action(), h.message(), h.author(), h.approvedBy(), h.syncedAt());
    }

    /** A promotion request, without its diff. */
    public static Promotion promotion(PromotionRequest p) {
        return promotion(p, null, null);
    }

    /** A promotion request as shown: with its diff and why approving it would be refused now (or null). */
    public static Promotion promotion(dev.slipway.gitops.promote.Reviewer.Shown shown) {
        return promotion(shown.request(), shown.diff(), shown.conflict());
    }

    /** A promotion request with its diff (null: none) and conflict (null: none). */
    public static Promotion promotion(PromotionRequest p, String diff, String conflict) {
        return new Promotion(
                p.id(),
                p.environment(),
                p.author(),
                p.email(),
                p.message(),
                p.sourceRepository(),
                p.sourceCommit(),
                p.branch(),
                p.baseCommit(),
                p.headCommit(),
                p.deployments(),
                p.changedFiles(),
                p.assignees(),
                p.state().name(),
                p.createdAt(),
                p.updatedAt(),
                p.decisions().stream().map(Views::decision).toList(),
                p.mergeCommit(),
                diff,
                conflict);
    }

    private static Promotion.Decision decision(Decision d) {
        return new Promotion.Decision(d.user(), d.verdict().name(), d.reason(), d.at());
    }

    /** What a change of the GitOps repository did. */
    public static ChangeResult change(PromotionResult r) {
        return new ChangeResult(
                r.outcome().name(),
                r.commit(),
                r.request() == null ? null : promotion(r.request()),
                r.superseded(),
                r.summary());
    }

    /** What a rollback did or (dry run) would do, with the diff and the applications it removes and changes. */
    public static ChangeResult rollback(dev.slipway.gitops.promote.Rollback.Result r) {
        final PromotionResult p = r.result();
        return new ChangeResult(
                p.outcome().name(), p.commit(), null, p.superseded(), p.summary(), r.diff(), r.removes(), r.changes());
    }

    /** The registered servers by name; with their usage when {@code usage} is not null. */
    public static ServerList servers(ServerRegistry registry, List<ServerUsage.Report> usage) {
        final Map<String, ServerList.Server> all = new LinkedHashMap<>();
        for (final RegisteredServer s : registry.servers()) {
            all.put(s.name(), new ServerList.Server(s.image(), s.modelClass()));
        }
        return new ServerList(
                all,
                usage == null ? List.of() : usage.stream().map(Views::server).toList());
    }

    /** A server's versions and users. */
    public static ServerReport server(ServerUsage.Report r) {
        return new ServerReport(
                r.server().name(),
                r.server().image(),
                r.server().modelClass(),
                r.versions().stream()
                        .map(v -> new ServerReport.Version(v.image(), v.commit(), v.time(), v.author(), v.action()))
                        .toList(),
                r.uses().stream()
                        .map(u -> new ServerReport.Use(u.environment(), u.deployment(), u.node(), u.file(), u.via()))
                        .toList());
    }

    /** A published artifact. */
    public static ArtifactInfo artifact(Artifact a) {
        return new ArtifactInfo(
                a.ref().name(),
                a.ref().version(),
                a.digest(),
                blob(a.config()),
                a.layers().stream().map(Views::blob).toList(),
                a.size(),
                a.labels(),
                a.entrypoint(),
                a.published());
    }

    private static ArtifactInfo.Blob blob(Artifact.Descriptor d) {
        return new ArtifactInfo.Blob(d.mediaType(), d.digest(), d.size());
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    /** {@code REPLICAS_NOT_READY} → {@code ReplicasNotReady}; {@code TRUE} → {@code True}. */
    public static String camel(String constant) {
        final StringBuilder sb = new StringBuilder();
        for (final String part : constant.split("_")) {
            if (!part.isEmpty()) {
                sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return sb.toString();
    }
}
