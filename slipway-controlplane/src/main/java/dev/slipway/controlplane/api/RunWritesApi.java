package dev.slipway.controlplane.api;

import dev.slipway.api.PromoteRequest;
import dev.slipway.controlplane.auth.AuthHandler;
import dev.slipway.controlplane.runs.RunWrites;
import dev.slipway.gitops.promote.PromotionResult;
import dev.slipway.pipeline.model.PipelineRun;
import dev.slipway.pipeline.service.PipelineService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Objects;

/**
 * {@code POST /api/v1/promotions}: a pipeline run promotes its own repository's commit ({@link RunWrites}). Only a
 * running run's token ({@code SLIPWAY_TOKEN} in its steps) may: steps never get the GitOps repository itself, and a
 * person promotes from a checkout with {@code slipway promote --gitops}.
 */
public final class RunWritesApi implements ApiRoutes {

    private final Replies replies;
    private final PipelineService pipelines;
    private final RunWrites writes;

    public RunWritesApi(Replies replies, PipelineService pipelines, RunWrites writes) {
        this.replies = Objects.requireNonNull(replies, "replies");
        this.pipelines = Objects.requireNonNull(pipelines, "pipelines");
        this.writes = Objects.requireNonNull(writes, "writes");
    }

    @Override
    public void mount(Router router) {
        router.post("/api/v1/promotions")
                .handler(BodyHandler.create(false).setBodyLimit(64 * 1024))
                .handler(rc -> replies.blocking(rc, () -> {
                    final PromoteRequest asked = replies.body(rc, PromoteRequest.class);
                    final PipelineRun run = run(rc);
                    final String env = Replies.required(asked.environment(), "environment");
                    final String claimed =
                            asked.author() == null || asked.author().isBlank() ? "unknown" : asked.author();
                    final String author = AuthHandler.authenticated(rc) ? AuthHandler.author(rc, claimed) : claimed;
                    final PromotionResult r = writes.promote(
                            run,
                            new RunWrites.Author(
                                    author,
                                    AuthHandler.authenticated(rc) || asked.email() == null ? "" : asked.email()),
                            env,
                            asked.from() == null ? List.of() : asked.from(),
                            asked.images() == null ? List.of() : asked.images(),
                            asked.message(),
                            asked.strictOrDefault());
                    return Reply.json(
                            r.outcome() == PromotionResult.Outcome.NO_CHANGE ? 200 : 201,
                            new PromoteRequest.Result(
                                    r.outcome().name(),
                                    r.commit().isEmpty() ? null : r.commit(),
                                    r.request() == null ? null : Views.promotion(r.request()),
                                    r.superseded(),
                                    r.summary()));
                }));
    }

    /** The running run whose token called (authenticated or not: without --auth the step still sends it). */
    private PipelineRun run(RoutingContext rc) {
        String id = AuthHandler.runOf(rc);
        if (id == null) {
            final String auth = rc.request().getHeader("Authorization");
            final String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? auth.substring(7).trim()
                    : null;
            id = pipelines.runOfToken(token).orElse(null);
        }
        if (id == null) {
            throw new ApiException(
                    403,
                    "POST /api/v1/promotions is for a running pipeline run's token (SLIPWAY_TOKEN in its"
                            + " steps): it promotes that run's own commit; from a checkout use slipway promote --gitops");
        }
        final String runId = id;
        return pipelines.find(runId).orElseThrow(() -> ApiException.notFound("no run " + runId));
    }
}
