package dev.slipway.console;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Objects;

/**
 * The web console: one route table of pages, actions and assets, mounted on the API's router at {@code /} (before
 * the API's token check: pages use the session cookie, and every API call they make carries the user's token).
 * Pages: {@code /} overview, {@code /pipelines} (+ {@code /pipelines/runs/ID}), {@code /promotions} (+ {@code /ID}),
 * {@code /environments} (+ {@code /ENV}, {@code /ENV/apps/APP}), {@code /deployments} (+ {@code /NS/NAME/requests}),
 * {@code /servers},
 * {@code /signin}. Actions are JSON {@code POST}s with the session's CSRF token.
 */
public final class Console implements AutoCloseable {

    /** The console's paths (everything else is the API's). */
    public static final java.util.regex.Pattern PATHS = java.util.regex.Pattern.compile(
            "/|/(pipelines|promotions|environments|deployments|servers|signin|signout|assets)(/.*)?");

    private final Vertx vertx;
    private final ConsoleConfig config;
    private final TrafficSampler traffic;
    private long sampler = -1;
    private Web web;

    public Console(Vertx vertx, ConsoleConfig config) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.config = Objects.requireNonNull(config, "config");
        this.traffic = new TrafficSampler(config.gateway());
    }

    /** Adds the console's routes to {@code router} and starts sampling the gateway's metrics. */
    public void mount(Router router) {
        final Templates templates = new Templates();
        web = new Web(vertx, config, new Sessions(config.clock(), config.sessionsFile()), templates);
        final PipelinePages pipelines = new PipelinePages(web);
        final PromotionPages promotions = new PromotionPages(web, pipelines);
        final EnvironmentPages environments = new EnvironmentPages(web);
        final DeploymentPages deployments = new DeploymentPages(web, traffic);
        final RequestLogPages requests = new RequestLogPages(web);
        final OtherPages other = new OtherPages(web, pipelines, promotions);
        final RunEvents events = new RunEvents(vertx, web, pipelines);
        final SignIn signIn = new SignIn(web);
        final BodyHandler body = BodyHandler.create(false).setBodyLimit(2L * 1024 * 1024);

        router.get("/assets/*")
                .handler(StaticHandler.create("dev/slipway/console/assets")
                        .setCachingEnabled(true)
                        .setMaxAgeSeconds(3600)
                        .setDirectoryListing(false)
                        .setIncludeHidden(false));
        router.get("/").handler(other::overview);
        router.get("/signin").handler(signIn::form);
        router.post("/signin").handler(body).handler(signIn::signIn);
        router.post("/signout").handler(body).handler(signIn::signOut);

        router.get("/pipelines").handler(pipelines::list);
        router.post("/pipelines/runs").handler(body).handler(pipelines::submit);
        router.get("/pipelines/runs/:id").handler(pipelines::show);
        router.get("/pipelines/runs/:id/events").handler(events::stream);
        router.post("/pipelines/runs/:id/cancel").handler(body).handler(pipelines::cancel);
        router.post("/pipelines/runs/:id/rerun").handler(body).handler(pipelines::rerun);

        router.get("/promotions").handler(promotions::list);
        router.get("/promotions/:id").handler(promotions::show);
        router.post("/promotions/:id/approve").handler(body).handler(rc -> promotions.decide(rc, "approve"));
        router.post("/promotions/:id/reject").handler(body).handler(rc -> promotions.decide(rc, "reject"));

        router.get("/environments").handler(environments::list);
        router.post("/environments/refresh").handler(body).handler(environments::refresh);
        router.get("/environments/:env").handler(environments::show);
        router.get("/environments/:env/apps/:app").handler(environments::application);
        router.post("/environments/:env/rollback").handler(body).handler(environments::rollback);

        router.get("/deployments").handler(deployments::list);
        router.post("/deployments/:ns/:name/try").handler(body).handler(deployments::tryIt);
        router.get("/deployments/:ns/:name/requests").handler(requests::list);

        router.get("/servers").handler(other::servers);

        if (sampler < 0) {
            sampler = vertx.setPeriodic(
                    config.sample().toMillis(),
                    config.sample().toMillis(),
                    t -> vertx.executeBlocking(
                            () -> {
                                traffic.sample(config.clock().instant());
                                return null;
                            },
                            false));
        }
    }

    @Override
    public void close() {
        if (web != null) {
            web.close();
        }
        if (sampler >= 0) {
            vertx.cancelTimer(sampler);
            sampler = -1;
        }
    }
}
