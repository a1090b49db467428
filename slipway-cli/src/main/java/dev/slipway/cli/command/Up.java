package dev.slipway.cli.command;

import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.ControlPlaneConfig;
import dev.slipway.controlplane.auth.Role;
import dev.slipway.gitops.target.local.LocalRuntimeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway up}: the control plane: local runtime, Seldon-compatible gateway and REST API. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Run the control plane: model servers as supervised local processes behind a Seldon-compatible"
                + " gateway, and the REST API that 'slipway deploy|get|delete' use. What is deployed survives a restart."
                + " Its log goes to stderr and DATA/slipway-up.log ('slipway logs --up'); 'slipway down' stops it."
                + " With --gitops its sync controller follows that repository, and pipeline steps get it as"
                + " SLIPWAY_GITOPS, so 'slipway promote' in a step writes where the controller reads.")
public final class Up extends CliCommand {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Up.class);

    @Mixin
    DataDir dataDir = new DataDir();

    @Mixin
    PlaneAddress listen = new PlaneAddress();

    @Option(names = "--gateway-threads", description = "Gateway event loops. Default: cores.")
    Integer gatewayThreads;

    @Mixin
    GitOpsRepositoryOptions gitops = new GitOpsRepositoryOptions();

    @Option(
            names = "--gitops-poll",
            defaultValue = "30s",
            paramLabel = "DURATION",
            converter = DurationConverter.Positive.class,
            description = "How often a remote GitOps repository is fetched and everything re-checked (e.g. 30s, 1m)."
                    + " Default: 30s.")
    java.time.Duration gitopsPoll = java.time.Duration.ofSeconds(30);

    @Option(
            names = "--auth",
            description = "Require a token on the API and git hosting (first start: an admin token is"
                    + " written to DATA/auth/admin.token; more with 'slipway token create').")
    boolean auth;

    @Option(
            names = "--step-user",
            paramLabel = "USER",
            description = "The unprivileged OS user pipeline steps run as when slipway up runs as root. Default: "
                    + StepUserDefault.NAME + " (created as a system user when missing).")
    String stepUser;

    @Option(
            names = "--public-url",
            paramLabel = "URL",
            description =
                    "The URL others reach this API at (behind a proxy, or by a host name): its host is accepted in the"
                            + " Host header besides loopback names and IP addresses; env SLIPWAY_PUBLIC_URL.")
    String publicUrl;

    @Option(
            names = "--pass-env",
            paramLabel = "NAME",
            description =
                    "Also give steps this variable of slipway up's environment (besides PATH, HOME, locale, proxies"
                            + " and CA bundles). Repeatable.")
    java.util.List<String> passEnv = new java.util.ArrayList<>();

    @Option(
            names = "--pack-models",
            description = "Serve the replicas of built-in runtimes (SKLEARN_SERVER, XGBOOST_SERVER, ONNX_SERVER,"
                    + " MLFLOW_SERVER) with a local modelUri and no container env as models of a few shared server"
                    + " processes instead of a process each (a deployment opts out with the annotation "
                    + dev.slipway.gitops.target.local.PackConfig.ANNOTATION + ": \"false\", or in without this flag"
                    + " with \"true\"). See docs/serving.md, \"Packed replicas\".")
    boolean packModels;

    @Option(
            names = "--pack-processes",
            paramLabel = "N",
            description = "How many shared server processes packed replicas are spread over, at most. Default: "
                    + dev.slipway.gitops.target.local.PackConfig.DEFAULT_PROCESSES + ".")
    int packProcesses = dev.slipway.gitops.target.local.PackConfig.DEFAULT_PROCESSES;

    @Option(
            names = "--request-log",
            negatable = true,
            fallbackValue = "true",
            description = "Keep the request-log events of deployments that log (Seldon's annotation"
                    + " seldon.io/engine-seldon-log-messages-externally, a node's logger) in the data folder: the last ones per"
                    + " deployment, joined with feedback; 'slipway logs requests DEPLOYMENT' shows them. Default: off (on in"
                    + " the quickstart).")
    boolean requestLog;

    @Option(
            names = "--request-log-url",
            paramLabel = "URL",
            description =
                    "The default request-log sink (CloudEvents over HTTP) of nodes and environments that name none;"
                            + " env SLIPWAY_REQUEST_LOG_URL. With --request-log the built-in sink also gets every event.")
    String requestLogUrl;

    /** The default step user's name, for the help text. */
    static final class StepUserDefault {
        static final String NAME = dev.slipway.pipeline.exec.StepUser.DEFAULT;
    }

    /** What is risky about how this control plane is started (printed, not refused: a trusted network may be fine). */
    java.util.List<String> warnings(Path data) {
        final java.util.List<String> out = new java.util.ArrayList<>();
        if (!auth && !loopback(listen.host)) {
            out.add("--host " + listen.host
                    + " is reachable from other machines and --auth is off: anyone who reaches it can run"
                    + " pipelines and deploy; start with --auth");
        }
        if (!auth && Files.exists(data.resolve("auth").resolve("tokens.json"))) {
            out.add("this data folder has API tokens (" + data.resolve("auth")
                    + ") but --auth is off: nothing checks them;" + " start with --auth");
        }
        return out;
    }

    /** {@code env} with the request-log flags as the control plane reads them; a bad URL is refused naming the flag. */
    java.util.Map<String, String> requestLogEnvironment(java.util.Map<String, String> env) {
        final java.util.Map<String, String> out = new java.util.HashMap<>(env);
        if (requestLogUrl != null) {
            out.put(
                    ControlPlane.REQUEST_LOG_URL,
                    dev.slipway.support.HttpUrls.require("--request-log-url", requestLogUrl));
        } else if (env.get(ControlPlane.REQUEST_LOG_URL) != null
                && !env.get(ControlPlane.REQUEST_LOG_URL).isBlank()) {
            dev.slipway.support.HttpUrls.require(ControlPlane.REQUEST_LOG_URL, env.get(ControlPlane.REQUEST_LOG_URL));
        }
        if (requestLog) {
            out.put(ControlPlane.REQUEST_LOG, "true");
        }
        return out;
    }

    static boolean loopback(String host) {
        final String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equals("localhost") || h.equals("::1") || h.startsWith("127.");
    }

    @Override
    public Integer call() throws Exception {
        final Path data = dataDir.path();
        final LocalRuntimeConfig runtime = LocalRuntimeConfig.defaults(
                        data, dev.slipway.cli.replica.ReplicaJvm.command())
                .withPack(new dev.slipway.gitops.target.local.PackConfig(packModels, packProcesses));
        final int threads =
                gatewayThreads != null ? gatewayThreads : Runtime.getRuntime().availableProcessors();
        ControlPlaneConfig config = new ControlPlaneConfig(
                        runtime, listen.host, listen.gatewayPort, listen.apiPort, threads)
                .withEnvironment(System.getenv()); // what pipeline steps inherit, and the webhook secret
        if (publicUrl != null && !publicUrl.isBlank()) {
            final java.util.Map<String, String> env = new java.util.HashMap<>(config.environment());
            env.put(ControlPlaneConfig.PUBLIC_URL, publicUrl.strip());
            config = config.withEnvironment(env);
            config.publicHosts(); // refuses a URL without a host before anything starts
        }
        config = config.withEnvironment(requestLogEnvironment(config.environment()));
        gitops.warnOfTokenFlag();
        final dev.slipway.cli.backend.Settings settings = dev.slipway.cli.backend.Settings.fromEnvironment();
        if (gitops.repository(settings) != null) {
            final java.time.Duration poll = gitopsPoll;
            config = config.withGitOps(dev.slipway.gitops.sync.SyncConfig.defaults(
                            gitops.location(settings, "--gitops"), data.resolve("gitops"))
                    .withPoll(poll)
                    .withResync(poll));
        }
        if (auth) {
            config = config.withAuth(true);
        }
        final java.util.Optional<UpPidFile.Entry> other =
                UpPidFile.read(data).filter(e -> UpPidFile.running(e).isPresent());
        if (other.isPresent()) {
            throw new IllegalStateException("another slipway up (pid "
                    + other.get().pid() + ", API " + other.get().api()
                    + ") runs on " + data + ": stop it first with 'slipway down --data-dir " + data
                    + "', or choose another"
                    + " --data-dir");
        }
        UpLog.start(data);
        warnings(data).forEach(w -> err().println("warning: " + w));
        final dev.slipway.controlplane.StepSettings steps =
                dev.slipway.controlplane.StepSettings.forUp(stepUser, new java.util.HashSet<>(passEnv));
        steps.warnings().forEach(w -> err().println("warning: " + w));
        final ControlPlane plane = new ControlPlane(config, steps).start();
        if (auth && !plane.tokens().hasAdmin()) {
            final Path adminToken = data.resolve("auth").resolve("admin.token");
            Files.writeString(adminToken, plane.tokens().create("admin", Role.ADMIN) + "\n");
            if (java.nio.file.FileSystems.getDefault()
                    .supportedFileAttributeViews()
                    .contains("posix")) {
                Files.setPosixFilePermissions(
                        adminToken, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
            out().println("Authentication on: the admin token is in " + adminToken);
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("stopping (signal or slipway down): API, gateway, pipeline steps and replicas");
                            plane.close();
                            UpPidFile.removeOwn(data);
                            LOG.info("stopped");
                            stopped.countDown();
                        },
                        "slipway-up-shutdown"));
        UpPidFile.write(data, "http://" + listen.host + ":" + plane.apiPort());
        final var out = out();
        out.println("Slipway control plane: gateway http://" + listen.host + ":" + plane.gatewayPort() + ", API http://"
                + listen.host
                + ":" + plane.apiPort() + ", data " + data
                + (config.gitops() == null
                        ? ""
                        : ", following " + config.gitops().location()));
        out.println("Web console: http://" + listen.host + ":" + plane.apiPort() + "/"
                + (auth ? " (sign in with a token)" : " (unauthenticated: start with --auth to require sign-in)"));
        if (requestLog || plane.requestLogSinks().defaultUrl() != null) {
            out.println("Request log: "
                    + (requestLog
                            ? "kept in " + data.resolve("request-log") + " ('slipway logs requests" + " DEPLOYMENT')"
                            : "built-in sink off")
                    + (plane.requestLogSinks().defaultUrl() == null
                            ? ""
                            : "; default sink "
                                    + dev.slipway.support.HttpUrls.redact(
                                            plane.requestLogSinks().defaultUrl())));
        }
        plane.restoreProblems().forEach(p -> err().println("warning: not restored: " + p));
        LOG.info(
                "started: gateway http://{}:{}, API http://{}:{}, data {} (log {}; stop with slipway down --data-dir {})",
                listen.host,
                plane.gatewayPort(),
                listen.host,
                plane.apiPort(),
                data,
                ControlPlane.logFile(data),
                data);
        out.flush();
        stopped.await();
        return 0;
    }
}
