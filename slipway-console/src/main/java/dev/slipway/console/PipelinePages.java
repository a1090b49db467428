package dev.slipway.console;

import dev.slipway.api.Promotion;
import dev.slipway.api.Repository;
import dev.slipway.api.Run;
import dev.slipway.api.RunFilter;
import dev.slipway.api.RunSubmission;
import dev.slipway.api.RunSummary;
import dev.slipway.client.SlipwayClient;
import dev.slipway.client.SlipwayException;
import dev.slipway.console.Web.Reply;
import dev.slipway.console.view.PromotionRow;
import dev.slipway.console.view.RunRow;
import dev.slipway.console.view.RunView;
import dev.slipway.console.view.StageView;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pipelines: the runs (filtered by repository, branch, pipeline and state), a run's stage view and log, and the
 * actions on runs — run a pipeline, cancel, re-run — all through the API's {@code /api/v1/pipelines/…} routes.
 */
final class PipelinePages {

    private final Web web;

    PipelinePages(Web web) {
        this.web = web;
    }

    /** All runs, newest first (as the API lists them). */
    List<RunRow> runs(SlipwayClient api) {
        return rows(api.runs());
    }

    /** The newest {@code limit} runs (the API sends no more). */
    List<RunRow> latest(SlipwayClient api, int limit) {
        return rows(api.runs(RunFilter.none(), limit));
    }

    /** The runs of {@code commit}, newest first (the API filters them). */
    List<RunRow> ofCommit(SlipwayClient api, String commit) {
        return rows(api.runs(RunFilter.ofCommit(commit)));
    }

    private List<RunRow> rows(List<RunSummary> runs) {
        final Instant now = web.config().clock().instant();
        final List<RunRow> rows = new ArrayList<>();
        for (final RunSummary r : runs) {
            rows.add(Read.run(r, now));
        }
        return rows;
    }

    /** Runs per page of the list. */
    static final int PAGE = 50;

    /** {@code ?page=N} (1 when missing or not a number). */
    static int pageNumber(String text) {
        try {
            return Math.max(1, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The filters as a query string for the pager's links ({@code &repository=…}, encoded). */
    private static String query(String repository, String branch, String pipeline, String state) {
        final StringBuilder q = new StringBuilder();
        for (final String[] kv :
                new String[][] {{"repository", repository}, {"branch", branch}, {"pipeline", pipeline}, {"state", state}
                }) {
            if (!kv[1].isEmpty()) {
                q.append('&').append(kv[0]).append('=').append(Web.enc(kv[1]));
            }
        }
        return q.toString();
    }

    void list(RoutingContext rc) {
        final String repository = param(rc, "repository");
        final String branch = param(rc, "branch");
        final String pipeline = param(rc, "pipeline");
        final String state = param(rc, "state");
        final int page = pageNumber(param(rc, "page"));
        web.page(rc, viewer -> {
            final SlipwayClient api = web.client(rc);
            final java.util.concurrent.CompletableFuture<List<String>> names = web.async(
                    () -> api.repositories().stream().map(Repository::name).toList());
            final List<RunRow> all = runs(api);
            final List<RunRow> shown = all.stream()
                    .filter(r -> repository.isEmpty()
                            || r.repositoryName().equals(repository)
                            || r.repository().equals(repository))
                    .filter(r -> branch.isEmpty() || r.branch().equals(branch))
                    .filter(r -> pipeline.isEmpty() || r.pipeline().equalsIgnoreCase(pipeline))
                    .filter(r -> state.isEmpty()
                            || r.reason().equalsIgnoreCase(state)
                            || (state.equalsIgnoreCase("running") && r.live()))
                    .toList();
            final List<String> repositories = Web.join(names);
            final int pages = Math.max(1, (shown.size() + PAGE - 1) / PAGE);
            final int at = Math.min(page, pages);
            return web.render(
                    "pipelines.jte",
                    Web.params(
                            viewer,
                            "runs",
                            shown.subList((at - 1) * PAGE, Math.min(shown.size(), at * PAGE)),
                            "matching",
                            shown.size(),
                            "page",
                            at,
                            "pages",
                            pages,
                            "query",
                            query(repository, branch, pipeline, state),
                            "total",
                            all.size(),
                            "repositories",
                            repositories,
                            "repository",
                            repository,
                            "branch",
                            branch,
                            "pipeline",
                            pipeline,
                            "state",
                            state,
                            "branches",
                            all.stream()
                                    .map(RunRow::branch)
                                    .filter(b -> !b.isEmpty())
                                    .distinct()
                                    .sorted()
                                    .toList()));
        });
    }

    /** The run with its stages, for the page and the live updates. */
    RunView view(SlipwayClient api, String id) {
        final Run run = api.run(id);
        final Instant now = web.config().clock().instant();
        final List<StageView> stages = Read.stages(run, now);
        return new RunView(Read.run(run, now), stages, Read.failedStep(stages), List.of());
    }

    /** The run's masked log so far. */
    static String log(SlipwayClient api, String id) {
        return new String(api.runLog(id), StandardCharsets.UTF_8);
    }

    void show(RoutingContext rc) {
        final String id = rc.pathParam("id");
        web.page(rc, viewer -> {
            final SlipwayClient api = web.client(rc);
            final RunView v = view(api, id);
            final String log = log(api, id);
            final List<PromotionRow> opened = new ArrayList<>();
            try {
                for (final Promotion p : api.promotions(null, null)) {
                    final PromotionRow row = Read.promotion(p);
                    if (!row.sourceCommit().isEmpty()
                            && row.sourceCommit().equals(v.run().commit())) {
                        opened.add(row);
                    }
                }
            } catch (SlipwayException e) {
                if (e.status() != 404) { // 404: no GitOps repository is followed, so no requests
                    throw e;
                }
            }
            return web.render(
                    "run.jte",
                    Web.params(viewer, "view", new RunView(v.run(), v.stages(), v.failedStep(), opened), "log", log));
        });
    }

    /** Runs a pipeline: {@code {repository, branch?, commit?, pipeline?}}. */
    void submit(RoutingContext rc) {
        web.action(rc, (s, body) -> {
            final String repository = body.path("repository").asText("").trim();
            if (repository.isEmpty()) {
                return Reply.error(400, "repository: choose a repository");
            }
            return Reply.ok(web.client(s)
                    .submitRun(new RunSubmission(
                            repository,
                            blank(body.path("commit").asText("")),
                            blank(body.path("branch").asText("")),
                            blank(body.path("pipeline").asText("")),
                            s == null ? null : s.user())));
        });
    }

    void cancel(RoutingContext rc) {
        final String id = rc.pathParam("id");
        web.action(rc, (s, body) -> Reply.ok(web.client(s).cancelRun(id)));
    }

    /** Runs the same repository, commit, branch and pipeline again. */
    void rerun(RoutingContext rc) {
        final String id = rc.pathParam("id");
        web.action(rc, (s, body) -> {
            final SlipwayClient api = web.client(s);
            final Run run = api.run(id);
            // a hosted repository by its name, as the run form sends it: any developer may run it; the location
            // itself (a folder or URL) only an admin may
            final String name = RunFilter.repositoryName(run.repository());
            final boolean hosted =
                    api.repositories().stream().anyMatch(r -> r.name().equals(name));
            return Reply.ok(api.submitRun(new RunSubmission(
                    hosted ? name : run.repository(),
                    run.commit(),
                    blank(run.branch()),
                    run.pipeline() == null ? null : run.pipeline().kind(),
                    s == null ? null : s.user())));
        });
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String param(RoutingContext rc, String name) {
        final String v = rc.queryParams().get(name);
        return v == null ? "" : v.trim().toLowerCase(Locale.ROOT).equals("all") ? "" : v.trim();
    }
}
