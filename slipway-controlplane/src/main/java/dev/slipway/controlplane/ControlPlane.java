package dev.slipway.controlplane;

import dev.slipway.artifact.ArtifactStore;
import dev.slipway.artifact.ImageResolver;
import dev.slipway.gitops.servers.Servers;
import dev.slipway.gitops.spec.RegisteredServer;
import dev.slipway.gitops.spec.ServerRegistry;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import java.nio.file.Path;
import dev.slipway.gitops.repo.GitOpsRepository;
import dev.slipway.gitops.spec.Manifest;
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
import dev.slipway.gitops.sync.SyncController;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.RuntimeTarget;
import dev.slipway.gitops.target.local.LocalRuntime;
import dev.slipway.serving.gateway.Gateway;
import dev.slipway.serving.gateway.RouteTable;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code slipway up}: the local runtime, the gateway in front of it, the REST API, and the stored state
 * (what is deployed), restored at start. Wiring only: each part does its own job.
 */
public final class ControlPlane implements AutoCloseable {

  private final ControlPlaneConfig config;
  private final Vertx vertx;
  private final RouteTable routes = new RouteTable();
  private final Gateway gateway;
  private final LocalRuntime runtime;
  private final StateStore store;
  private final ArtifactStore artifacts;
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final SpecParser parser = new SpecParser();
  private final List<String> restoreProblems = new ArrayList<>();
  private DeploymentsApi api;
  private final PipelineService pipelines;
  private final dev.slipway.controlplane.auth.Tokens tokens;
  private final dev.slipway.controlplane.auth.AuthHandler auth;
  private final GitHosting gitHosting;
  private final dev.slipway.controlplane.maven.MavenRepository maven;
  private GitOpsRepository gitopsRepo;
  private SyncController sync;

  public ControlPlane(ControlPlaneConfig config) {
    this.config = config;
    this.vertx = Vertx.vertx();
    this.gateway = new Gateway(vertx, routes, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    final Path artifactsDir = config.runtime().dataDir().resolve("artifacts");
    this.artifacts = config.runtime().images() != null ? config.runtime().images().store()
        : new ArtifactStore(artifactsDir, config.runtime().clock());
    final LocalRuntimeConfig runtimeConfig = config.runtime().images() != null ? config.runtime()
        : config.runtime().withImages(new ImageResolver(artifacts, artifactsDir.resolve("cache"), null));
    this.runtime = new LocalRuntime(runtimeConfig, new GatewayBridge(routes, config.runtime().grace()));
    this.store = new StateStore(config.runtime().dataDir());
    this.pipelines = pipelineService(config.runtime().dataDir());
    this.tokens = new dev.slipway.controlplane.auth.Tokens(config.runtime().dataDir().resolve("auth").resolve("tokens.json"));
    this.auth = config.auth() ? new dev.slipway.controlplane.auth.AuthHandler(tokens, pipelines::runOfToken) : null;
    this.gitHosting = new GitHosting(new GitHttpBackend(pipelines.repositories()), pipelines);
    this.maven = dev.slipway.controlplane.maven.MavenRepository.ofRunningDistribution();
  }

  /**
   * Pipelines in the control plane: runs in {@code DATA/runs}, hosted repositories in {@code DATA/git},
   * credentials in {@code DATA}, two executors; webhooks need {@code SLIPWAY_WEBHOOK_SECRET}.
   */
  private PipelineService pipelineService(java.nio.file.Path data) {
    final Git git = new Git();
    final RunStore runs = new RunStore(data.resolve("runs"));
    final String secret = System.getenv("SLIPWAY_WEBHOOK_SECRET");
    // steps inherit the server's environment, but never its webhook secret
    final java.util.Map<String, String> stepEnv = new java.util.HashMap<>(System.getenv());
    stepEnv.remove("SLIPWAY_WEBHOOK_SECRET");
    final PipelineRunner runner = new PipelineRunner(runs, new ProcessStepExecutor(), git, new CredentialStore(data),
        stepEnv, java.time.Clock.systemUTC(), data.resolve("workspaces"));
    final WebhookTrigger webhook = secret == null || secret.isEmpty() ? null : new WebhookTrigger(new WebhookVerifier(secret), "main");
    return new PipelineService(runner, runs, new HostedRepositories(data.resolve("git"), git), new RunQueue(), webhook,
        new GitRemoteHeads(git), data.resolve("pollers"), Launcher.dir(data, Launcher.SLIPWAY_MAIN),
        java.time.Clock.systemUTC(), this::stepVariables);
  }

  /**
   * What every pipeline step of this control plane gets: {@code SLIPWAY_URL} (this API) and, when a GitOps
   * repository is followed, {@code SLIPWAY_GITOPS} (its absolute folder or URL, so {@code slipway promote}
   * in a step writes where the sync controller reads) and {@code SLIPWAY_GITOPS_USER}. A token is never
   * passed this way (it would be unmasked): give steps a stored credential instead.
   */
  java.util.Map<String, String> stepVariables() {
    final java.util.Map<String, String> vars = new java.util.LinkedHashMap<>();
    // steps run on this machine: a wildcard bind is reached on loopback (which Maven also accepts over plain HTTP)
    final String host = config.host();
    final boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    vars.put("SLIPWAY_URL", "http://" + (wildcard ? "127.0.0.1" : host) + ":" + apiPort());
    if (config.gitops() != null) {
      final dev.slipway.gitops.repo.GitOpsLocation location = config.gitops().location();
      vars.put("SLIPWAY_GITOPS", location.remote() ? location.spec() : location.folder().toString());
      if (location.user() != null && !location.user().isBlank()) {
        vars.put("SLIPWAY_GITOPS_USER", location.user());
      }
    }
    return vars;
  }

  /** Adds the read-only Maven repository of the model API ({@code /maven/}, public) to the API's router. */
  void mavenRoutes(io.vertx.ext.web.Router router) {
    new dev.slipway.controlplane.maven.MavenRoutes(vertx, maven).mount(router);
  }

  /** Adds the pipelines routes (git hosting, runs, webhooks) to the API's router. */
  void mountPipelines(io.vertx.ext.web.Router router) {
    new PipelinesApi(vertx, pipelines, gitHosting).mount(router);
  }

  /** The pipelines service (runs, hosted repositories, webhooks). */
  /** The API tokens of this control plane (in its data directory). */
  public dev.slipway.controlplane.auth.Tokens tokens() {
    return tokens;
  }

  /** The handler that guards the API and git hosting, or null when authentication is off. */
  dev.slipway.controlplane.auth.AuthHandler auth() {
    return auth;
  }

  public PipelineService pipelines() {
    return pipelines;
  }

  /** Starts the gateway and the API, then re-applies the stored deployments (in the background). */
  public ControlPlane start() {
    try {
      gateway.start(config.host(), config.gatewayPort(), config.gatewayInstances());
      if (config.gitops() != null) {
        gitopsRepo = GitOpsRepository.open(config.gitops().location(), config.gitops().dataDir());
        sync = new SyncController(config.gitops(), gitopsRepo, new GitOpsTarget(runtime, routes), parser);
      }
      if (config.apiPort() >= 0) {
        api = new DeploymentsApi(vertx, this);
        api.start(config.host(), config.apiPort());
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    if (sync != null) {
      sync.start();
    }
    for (final StateStore.Entry entry : store.list(restoreProblems)) {
      try {
        final Manifest manifest = parser.parse(entry.manifestJson(), entry.source(), null);
        runtime.apply(manifest, entry.namespace());
      } catch (RuntimeException e) {
        restoreProblems.add(entry.namespace() + "/" + entry.name() + ": " + e.getMessage());
      }
    }
    try {
      pipelines.restorePollers();
    } catch (RuntimeException e) {
      restoreProblems.add("pipeline pollers: " + e.getMessage());
    }
    return this;
  }

  /** Problems met while restoring the stored deployments. */
  public List<String> restoreProblems() {
    return List.copyOf(restoreProblems);
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

  /** The parser the API and commands use: it knows the servers registered in the followed GitOps repository. */
  public SpecParser parser() {
    if (gitopsRepo == null) {
      return parser;
    }
    return parser.withServers(servers());
  }

  /** The servers registry on main of the followed GitOps repository (empty without one). */
  public ServerRegistry servers() {
    if (gitopsRepo == null) {
      return ServerRegistry.empty();
    }
    synchronized (gitopsRepo) {
      return Servers.read(gitopsRepo, gitopsRepo.main());
    }
  }

  /** The artifact store ({@code DATA/artifacts}). */
  public ArtifactStore artifacts() {
    return artifacts;
  }

  /** Adds the artifact and servers routes to the API's router. */
  void artifactRoutes(io.vertx.ext.web.Router router) {
    new ArtifactsApi(vertx, artifacts).routes(router);
    router.get("/api/v1/servers").handler(rc -> {
      final com.fasterxml.jackson.databind.node.ObjectNode n = JSON.createObjectNode();
      final com.fasterxml.jackson.databind.node.ObjectNode list = n.putObject("servers");
      try {
        for (final RegisteredServer s : servers().servers()) {
          final com.fasterxml.jackson.databind.node.ObjectNode e = list.putObject(s.name());
          e.put("image", s.image());
          if (s.modelClass() != null) {
            e.put("modelClass", s.modelClass());
          }
        }
      } catch (RuntimeException e) {
        rc.response().setStatusCode(500).putHeader("Content-Type", "application/json")
            .end(JSON.createObjectNode().put("error", e.getMessage()).toString());
        return;
      }
      rc.response().putHeader("Content-Type", "application/json").end(n.toString());
    });
  }

  /**
   * Checks, stores and applies {@code manifest} in {@code namespace}: the stored state is written before
   * anything starts, so it survives a restart.
   */
  public ApplyResult apply(Manifest manifest, String namespace) {
    runtime.check(manifest, namespace);
    store.put(new StateStore.Entry(namespace, manifest.deployment().name(), manifest.source(),
        manifest.resolvedJson()));
    final CompletableFuture<dev.slipway.gitops.target.DeploymentStatus> rollout = runtime.apply(manifest, namespace);
    if (sync != null) {
      rollout.whenComplete((s, f) -> sync.refresh()); // a GitOps-managed deployment changed by hand shows OutOfSync
    }
    return new ApplyResult(namespace, manifest.deployment().name(), rollout);
  }

  /**
   * Deletes a deployment: forgets it, withdraws its route, drains and stops its replicas. One that a GitOps
   * environment holds comes back on the sync controller's next reconcile (git is the truth), which is nudged.
   */
  public CompletableFuture<Boolean> delete(String namespace, String name) {
    final boolean stored = store.remove(namespace, name);
    return runtime.delete(namespace, name).thenApply(existed -> {
      routes.dropPools(namespace, name);
      if (sync != null) {
        sync.refresh();
      }
      return existed || stored;
    });
  }

  /**
   * Why {@code namespace/name} must not be changed or deleted by hand: a GitOps environment manages it (its
   * inventory holds it), so a change by hand lasts only until self-heal. Empty when nothing manages it.
   */
  public Optional<String> managedByGitOps(String namespace, String name) {
    if (sync == null) {
      return Optional.empty();
    }
    return sync.managing(namespace, name).map(env -> "deployment " + name + " in namespace " + namespace
        + " is managed by GitOps: environment '" + env.name() + "' (folder " + env.folder() + "/) of the GitOps "
        + "repository " + sync.repository().location() + "; change it there (slipway promote, slipway env rollback),"
        + " or pass --force (it shows OutOfSync and self-heal puts it back)");
  }

  /** The sync controller, when {@code slipway up} follows a GitOps repository. */
  public Optional<SyncController> sync() {
    return Optional.ofNullable(sync);
  }

  /** Adds the GitOps routes to the API's router (when a repository is followed). */
  void gitopsRoutes(io.vertx.ext.web.Router router) {
    if (sync != null) {
      new GitOpsApi(vertx, sync, config.runtime().clock()).routes(router);
    } else {
      router.route("/api/v1/environments*").handler(rc -> rc.response().setStatusCode(404)
          .putHeader("Content-Type", "application/json")
          .end("{\"error\": \"this control plane follows no GitOps repository (start it with --gitops)\"}"));
      router.route("/api/v1/promotions*").handler(rc -> rc.response().setStatusCode(404)
          .putHeader("Content-Type", "application/json")
          .end("{\"error\": \"this control plane follows no GitOps repository (start it with --gitops)\"}"));
    }
  }

  public Optional<DeploymentStatus> status(String namespace, String name) {
    return runtime.status(namespace, name);
  }

  public List<DeploymentStatus> list() {
    return runtime.list();
  }

  /** Stops the API and gateway, then every replica. */
  @Override
  public void close() {
    if (sync != null) {
      sync.close();
    }
    if (api != null) {
      api.close();
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
    runtime.close();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing
    }
  }
}
