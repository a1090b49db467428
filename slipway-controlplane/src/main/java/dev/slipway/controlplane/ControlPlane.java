package dev.slipway.controlplane;

import dev.slipway.artifact.ArtifactStore;
import dev.slipway.artifact.ImageResolver;
import dev.slipway.console.Console;
import dev.slipway.console.ConsoleConfig;
import dev.slipway.controlplane.api.ApiRoutes;
import dev.slipway.controlplane.api.ApiServer;
import dev.slipway.controlplane.api.ArtifactsApi;
import dev.slipway.controlplane.api.DeploymentsApi;
import dev.slipway.controlplane.api.ErrorMapper;
import dev.slipway.controlplane.api.GitOpsApi;
import dev.slipway.controlplane.api.PipelinesApi;
import dev.slipway.controlplane.api.PrometheusApi;
import dev.slipway.controlplane.api.Replies;
import dev.slipway.controlplane.api.ServersApi;
import dev.slipway.controlplane.api.WhoAmIApi;
import dev.slipway.controlplane.auth.AuthHandler;
import dev.slipway.controlplane.auth.Tokens;
import dev.slipway.controlplane.deploy.Deployments;
import dev.slipway.controlplane.maven.MavenRepository;
import dev.slipway.controlplane.maven.MavenRoutes;
import dev.slipway.controlplane.metrics.ControlPlaneMetrics;
import dev.slipway.controlplane.metrics.ScrapeTargetFinder;
import dev.slipway.gitops.promote.Reviewer;
import dev.slipway.gitops.promote.Rollback;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.servers.Servers;
import dev.slipway.gitops.spec.ServerRegistry;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.gitops.status.HistoryReader;
import dev.slipway.gitops.sync.SyncController;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.RuntimeTarget;
import dev.slipway.gitops.target.local.LocalRuntime;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import dev.slipway.pipeline.exec.Git;
import dev.slipway.pipeline.exec.Launcher;
import dev.slipway.pipeline.exec.ProcessStepExecutor;
import dev.slipway.pipeline.run.PipelineRunner;
import dev.slipway.pipeline.run.RunStore;
import dev.slipway.pipeline.secret.CredentialStore;
import dev.slipway.pipeline.service.GitHosting;
import dev.slipway.pipeline.service.GitHttpBackend;
import dev.slipway.pipeline.service.HostedRepositories;
import dev.slipway.pipeline.service.PipelineService;
import dev.slipway.pipeline.trigger.GitRemoteHeads;
import dev.slipway.pipeline.trigger.RunQueue;
import dev.slipway.pipeline.trigger.WebhookTrigger;
import dev.slipway.pipeline.trigger.WebhookVerifier;
import dev.slipway.serving.gateway.DeploymentRegistry;
import dev.slipway.serving.gateway.Gateway;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code slipway up}: the local runtime, the gateway in front of it, the pipelines, the sync controller (with
 * {@code --gitops}) and the REST API ({@link ApiServer}), with the stored state restored at start. Wiring only: each
 * part does its own job and gets what it needs by constructor.
 */
public final class ControlPlane implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);

    private final ControlPlaneConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private final DeploymentRegistry routes = new DeploymentRegistry();
    private final Gateway gateway;

    /** The variable that sets the largest git push in bytes (default {@link GitHttpBackend#MAX_REQUEST}). */
    public static final String MAX_PUSH = "SLIPWAY_GIT_MAX_PUSH";

    private static long maxPush(String value) {
        if (value == null || value.isBlank()) {
            return GitHttpBackend.MAX_REQUEST;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_PUSH + "=" + value + ": not a number of bytes");
        }
    }

    /** The variable naming the default request-log sink of every deployment's logged nodes. */
    public static final String REQUEST_LOG_URL = "SLIPWAY_REQUEST_LOG_URL";
    /** The variable that turns the built-in request-log sink on ({@code true}; {@code slipway up --request-log}). */
    public static final String REQUEST_LOG = "SLIPWAY_REQUEST_LOG";

    private final dev.slipway.controlplane.requestlog.RequestLogSink requestLogSink;
    private final LocalRuntime runtime;
    private final ArtifactStore artifacts;
    private final SpecParser parser = new SpecParser();
    private final Deployments deployments;
    private final PipelineService pipelines;
    private final Tokens tokens;
    private final GitHosting gitHosting;
    private final MavenRepository maven;
    private final List<String> restoreProblems = new ArrayList<>();
    private ApiServer api;
    private Console console;
    private dev.slipway.controlplane.api.LogsApi logsApi;
    private GitOpsRepository gitopsRepo;
    private SyncController sync;
    private dev.slipway.kubernetes.target.EnvironmentTargets clusters;
    private final ImageResolver runtimeImages;
    private final StepSettings steps;

    public ControlPlane(ControlPlaneConfig config) {
        this(config, StepSettings.sameUser());
    }

    /** As above, with pipeline steps run as {@code steps} says (another OS user, more environment). */
    public ControlPlane(ControlPlaneConfig config, StepSettings steps) {
        this.config = config;
        this.steps = steps;
        DataFolder.makePrivate(config.runtime().dataDir());
        final Path data = config.runtime().dataDir();
        final List<Path> modelRoots = modelRoots(config, data);
        // replicas check the roots themselves too, after resolving links (the API's check reads the URI only)
        final LocalRuntimeConfig runtimeConfig = !modelRoots.isEmpty()
                        && config.runtime().command()
                                instanceof dev.slipway.gitops.target.local.JavaServerCommand javaCommand
                ? config.runtime().withCommand(javaCommand.withModelRoots(modelRoots))
                : config.runtime();
        this.clock = runtimeConfig.clock();
        this.vertx = dev.slipway.serving.http.H2c.vertx(new io.vertx.core.VertxOptions());
        // request logging (docs/request-logging.md): the default sink, and Seldon's switch for every deployment
        this.requestLogSink = "true"
                        .equalsIgnoreCase(config.environment()
                                .getOrDefault(REQUEST_LOG, "")
                                .strip())
                ? new dev.slipway.controlplane.requestlog.RequestLogSink(
                                vertx,
                                new dev.slipway.controlplane.requestlog.RequestLogStore(
                                        data.resolve("request-log"),
                                        dev.slipway.controlplane.requestlog.RequestLogStore.Limits.defaults()))
                        .start()
                : null;
        this.gateway = new Gateway(
                vertx,
                routes,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                requestLogSink == null
                        ? new dev.slipway.serving.gateway.RequestLogSinks(
                                config.environment().get(REQUEST_LOG_URL), null)
                        : dev.slipway.serving.gateway.RequestLogSinks.withBuiltIn(
                                config.environment().get(REQUEST_LOG_URL), requestLogSink));
        final Path artifactsDir = data.resolve("artifacts");
        this.artifacts = runtimeConfig.images() != null
                ? runtimeConfig.images().store()
                : new ArtifactStore(artifactsDir, clock);
        this.runtimeImages = runtimeConfig.images() != null
                ? runtimeConfig.images()
                : new ImageResolver(artifacts, artifactsDir.resolve("cache"), null);
        this.runtime = new LocalRuntime(
                runtimeConfig.withImages(runtimeImages),
                new GatewayBridge(
                        routes,
                        runtimeConfig.grace(),
                        "true"
                                .equalsIgnoreCase(config.environment()
                                        .getOrDefault(RouteMapper.LOG_MESSAGES_EXTERNALLY_ENV, ""))));
        this.deployments = new Deployments(
                runtime,
                data,
                this::parser,
                (namespace, name) -> {
                    routes.dropPools(namespace, name);
                    if (sync != null) {
                        sync.refresh(); // a deployment an environment holds comes back: git is the truth
                    }
                },
                new dev.slipway.controlplane.deploy.ModelRoots(modelRoots));
        this.pipelines = pipelineService(data);
        this.tokens = new Tokens(data.resolve("auth").resolve("tokens.json"));
        this.gitHosting = new GitHosting(
                new GitHttpBackend(
                        pipelines.repositories(),
                        "git",
                        1L << 30,
                        maxPush(config.environment().get(MAX_PUSH)),
                        600),
                pipelines);
        this.maven = MavenRepository.ofRunningDistribution();
    }

    /**
     * Where deployments applied through the API may load local models from: anywhere without {@code --auth} (the
     * operator's own machine); with it, the GitOps mirror, the artifact store and the caches, plus the folders in
     * {@code SLIPWAY_MODEL_ROOTS} (separated by {@code :}).
     */
    private static List<Path> modelRoots(ControlPlaneConfig config, Path data) {
        if (!config.auth()) {
            return List.of(); // any
        }
        final List<Path> roots =
                new ArrayList<>(List.of(data.resolve("gitops"), data.resolve("artifacts"), data.resolve("cache")));
        if (config.gitops() != null) {
            roots.add(config.gitops().dataDir());
        }
        final String extra = config.environment().get("SLIPWAY_MODEL_ROOTS");
        if (extra != null) {
            for (final String r : extra.split(":")) {
                if (!r.isBlank()) {
                    roots.add(Path.of(r.strip()));
                }
            }
        }
        return List.copyOf(roots);
    }

    /**
     * Pipelines in the control plane: runs in {@code DATA/runs}, hosted repositories in {@code DATA/git},
     * credentials in {@code DATA}; the GitHub webhook when the environment holds its secret.
     */
    private PipelineService pipelineService(Path data) {
        final Git git = new Git();
        final RunStore runs = new RunStore(data.resolve("runs"));
        // steps get the allow-listed part of the server's environment (never its tokens, keys or webhook secret)
        final java.util.Set<String> pass = new java.util.HashSet<>(steps.passEnv());
        pass.remove(ControlPlaneConfig.WEBHOOK_SECRET);
        final Path stepsRoot = DataFolder.stepsRoot(data, steps.stepUser() != null);
        final Path launcher = steps.stepUser() != null
                ? Launcher.forOtherUser(stepsRoot, Launcher.SLIPWAY_MAIN)
                : Launcher.dir(stepsRoot, Launcher.SLIPWAY_MAIN);
        PipelineRunner runner = new PipelineRunner(
                runs,
                new ProcessStepExecutor(steps.isolation(data, config.environment(), launcher)),
                git,
                new CredentialStore(data),
                config.environment(),
                pass,
                clock,
                stepsRoot);
        if (steps.stepUser() != null) {
            runner = runner.forStepUser(steps.stepUser());
        }
        final String secret = config.webhookSecret();
        final WebhookTrigger webhook = secret == null ? null : new WebhookTrigger(new WebhookVerifier(secret), "main");
        return new PipelineService(
                runner,
                runs,
                new HostedRepositories(data.resolve("git"), git),
                new RunQueue(),
                webhook,
                new GitRemoteHeads(git),
                data.resolve("pollers"),
                launcher,
                clock,
                this::stepVariables);
    }

    /**
     * What every pipeline step of this control plane gets: {@code SLIPWAY_URL} (this API). Never the GitOps repository
     * (a step could rewrite production, or approve in anyone's name, by writing to it): {@code slipway promote} and
     * {@code slipway servers register} in a step go through the API with the run's token, which may promote only the
     * run's own commit; {@code e2e}/{@code test-model} read the servers registry from the API.
     */
    Map<String, String> stepVariables() {
        final Map<String, String> vars = new LinkedHashMap<>();
        // steps run on this machine: a wildcard bind is reached on loopback (which Maven also accepts over plain HTTP)
        vars.put("SLIPWAY_URL", localUrl(apiPort()));
        return vars;
    }

    /** {@code http://HOST:PORT} that reaches {@code port} on this machine (a wildcard bind is reached on loopback). */
    String localUrl(int port) {
        return "http://" + ScrapeTargetFinder.address(config.host(), port);
    }

    /** Starts the gateway, the sync controller and the API, then re-applies the stored deployments. */
    public ControlPlane start() {
        try {
            gateway.start(config.host(), config.gatewayPort(), config.gatewayInstances());
            if (config.gitops() != null) {
                gitopsRepo = GitOpsRepository.open(
                        config.gitops().location(), config.gitops().dataDir());
                clusters = new dev.slipway.kubernetes.target.EnvironmentTargets(
                        new GitOpsTarget(runtime, routes, gateway.requestLogSinks()),
                        dev.slipway.kubernetes.target.ClusterConnector.fromEnvironment(),
                        config.gitops().dataDir(),
                        cluster -> new dev.slipway.kubernetes.target.ClusterPublisher(
                                cluster, runtimeImages, serverImage(cluster), System.getenv()),
                        ControlPlane::serverImage,
                        java.time.Clock.systemUTC());
                sync = new SyncController(config.gitops(), gitopsRepo, clusters, parser);
                deployments.managedBy(new GitOpsManager(sync));
            }
            if (config.apiPort() >= 0) {
                api = apiServer().start(config.host(), config.apiPort());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        if (sync != null) {
            sync.start();
        }
        deployments.restore(restoreProblems);
        try {
            pipelines
                    .recoverOrphans()
                    .forEach(r -> restoreProblems.add("pipeline run " + r.id() + ": queued again (the"
                            + " control plane had stopped during the run it repeats)"));
        } catch (RuntimeException e) {
            restoreProblems.add("pipeline runs left by a stopped control plane: " + e.getMessage());
        }
        try {
            pipelines.restorePollers();
        } catch (RuntimeException e) {
            restoreProblems.add("pipeline pollers: " + e.getMessage());
        }
        return this;
    }

    /** The API's parts, each with the services it needs. */
    private ApiServer apiServer() {
        final Replies replies = new Replies(vertx, new ErrorMapper());
        final List<ApiRoutes> parts = new ArrayList<>();
        parts.add(new DeploymentsApi(replies, deployments));
        logsApi = new dev.slipway.controlplane.api.LogsApi(
                replies,
                deployments,
                config.runtime().dataDir(),
                logFile(config.runtime().dataDir()),
                clock);
        parts.add(logsApi);
        parts.add(new MavenRoutes(vertx, maven)::mount);
        parts.add(new PipelinesApi(replies, pipelines, gitHosting));
        parts.add(
                sync == null
                        ? GitOpsApi.unavailable(replies)
                        : new GitOpsApi(
                                replies,
                                sync,
                                new Reviewer(gitopsRepo, clock, renderedDiff()),
                                new Rollback(gitopsRepo, clock),
                                new HistoryReader(gitopsRepo)));
        parts.add(new ArtifactsApi(replies, artifacts));
        final dev.slipway.controlplane.auth.NameOwners owners = new dev.slipway.controlplane.auth.NameOwners(
                config.runtime().dataDir().resolve("auth").resolve("owners.json"));
        parts.add(new dev.slipway.controlplane.api.OwnersApi(
                replies,
                owners,
                name -> HostedRepositories.valid(name)
                                && pipelines.repositories().exists(name)
                        ? pipelines.repositories().dir(name).toString()
                        : name));
        parts.add(new ServersApi(
                replies,
                gitopsRepo,
                clock,
                owners,
                run -> pipelines.find(run).map(dev.slipway.pipeline.model.PipelineRun::repository)));
        parts.add(new WhoAmIApi(replies, config.auth()));
        parts.add(new dev.slipway.controlplane.api.RequestsApi(
                replies, requestLogSink == null ? null : requestLogSink.store(), clock));
        // what Prometheus scrapes (docs/metrics.md): every replica, the gateway and this API, and the API's own metrics
        final ScrapeTargetFinder scrapeTargets = new ScrapeTargetFinder(
                deployments::list, config.runtime().host(), config.host(), this::gatewayPort, this::apiPort);
        final ControlPlaneMetrics metrics = new ControlPlaneMetrics(deployments::list);
        parts.add(
                new PrometheusApi(replies, scrapeTargets::targets, metrics::scrape, ControlPlaneMetrics.CONTENT_TYPE));
        if (sync != null) {
            parts.add(new dev.slipway.controlplane.api.RunWritesApi(
                    replies,
                    pipelines,
                    new dev.slipway.controlplane.runs.RunWrites(
                            sync,
                            this::parser,
                            new Git(),
                            config.runtime().dataDir().resolve("promotions"),
                            clock,
                            owners)));
        }
        // the web console at /: pages over this API, called on this machine with the signed-in user's token
        console = new Console(
                vertx,
                ConsoleConfig.of(config.auth(), () -> localUrl(apiPort()), () -> localUrl(gatewayPort()))
                        .withData(config.runtime().dataDir()));
        return new ApiServer(
                replies,
                List.of(console::mount),
                config.auth()
                        ? new AuthHandler(
                                tokens,
                                pipelines::runOfToken,
                                run -> pipelines
                                        .find(run)
                                        .map(dev.slipway.controlplane.runs.RunWrites::starter)
                                        .orElse("run:" + run))
                        : null,
                parts,
                config.publicHosts());
    }

    /** The control plane's own log in its data folder ({@code slipway up} writes it; {@code slipway logs --up} reads it). */
    public static Path logFile(Path data) {
        return data.resolve("slipway-up.log");
    }

    /** The API tokens of this control plane (in its data directory). */
    public Tokens tokens() {
        return tokens;
    }

    /** The pipelines service (runs, hosted repositories, webhooks). */
    public PipelineService pipelines() {
        return pipelines;
    }

    /** The deployments applied through the API. */
    public Deployments deployments() {
        return deployments;
    }

    /** Problems met while restoring the stored deployments. */
    public List<String> restoreProblems() {
        return List.copyOf(restoreProblems);
    }

    /** Where request-log events go by default and the built-in sink's URL (docs/request-logging.md). */
    public dev.slipway.serving.gateway.RequestLogSinks requestLogSinks() {
        return gateway.requestLogSinks();
    }

    public int gatewayPort() {
        return gateway.port();
    }

    public int apiPort() {
        return api == null ? -1 : api.port();
    }

    public String host() {
        return config.host();
    }

    /** The runtime target (for callers that apply without storing, such as the sandbox). */
    public RuntimeTarget target() {
        return runtime;
    }

    /** The parser the API uses: it knows the servers registered in the followed GitOps repository. */
    public SpecParser parser() {
        return gitopsRepo == null ? parser : parser.withServers(servers());
    }

    /** The servers registry on main of the followed GitOps repository (empty without one). */
    public ServerRegistry servers() {
        // JGit's object and ref reads are safe from several threads: no lock is needed to read main
        return gitopsRepo == null ? ServerRegistry.empty() : Servers.read(gitopsRepo, gitopsRepo.main());
    }

    /** The artifact store ({@code DATA/artifacts}). */
    public ArtifactStore artifacts() {
        return artifacts;
    }

    /** The sync controller, when {@code slipway up} follows a GitOps repository. */
    public Optional<SyncController> sync() {
        return Optional.ofNullable(sync);
    }

    /** Every deployment on the runtime. */
    public List<DeploymentStatus> list() {
        return deployments.list();
    }

    /** Stops the API and gateway, then every replica. */
    @Override
    public void close() {
        if (sync != null) {
            sync.close();
        }
        if (clusters != null) {
            clusters.close();
        }
        if (console != null) {
            console.close();
        }
        if (api != null) {
            api.close();
        }
        if (logsApi != null) {
            logsApi.close();
        }
        try {
            pipelines.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (gitopsRepo != null) {
            gitopsRepo.close();
        }
        gateway.close();
        if (requestLogSink != null) {
            requestLogSink.close();
        }
        runtime.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // closing: Vert.x's threads end with the JVM either way
            LOG.debug("closing: Vert.x's threads end with the JVM either way", e);
        }
    }

    /**
     * What a promotion request's diff shows besides the manifests: the Kubernetes objects of a mode-native environment,
     * rendered as its target renders them (docs/kubernetes.md).
     */
    public static dev.slipway.gitops.promote.RenderedDiff renderedDiff() {
        return new dev.slipway.kubernetes.target.RenderedObjectsDiff(ControlPlane::serverImage, System.getenv());
    }

    /**
     * The image of Slipway's server that a cluster environment runs: {@code SLIPWAY_SERVER_IMAGE}, else
     * {@code REGISTRY/slipway-server:VERSION} when the environment names a registry, else the default.
     */
    static String serverImage(dev.slipway.gitops.env.ClusterTarget cluster) {
        final String configured = System.getenv("SLIPWAY_SERVER_IMAGE");
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        return cluster.registry() != null
                ? cluster.registry() + "/slipway-server:" + dev.slipway.serving.ModelServer.VERSION
                : dev.slipway.kubernetes.render.RenderOptions.DEFAULT_SERVER_IMAGE;
    }
}
