package dev.slipway.cli.command;

import dev.slipway.model.ModelException;
import dev.slipway.model.Parameters;
import dev.slipway.serving.ModelServer;
import dev.slipway.serving.ServingConfig;
import dev.slipway.serving.model.LoadedModel;
import dev.slipway.serving.model.ModelLoader;
import dev.slipway.serving.model.ModelSource;
import dev.slipway.storage.ModelStorage;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code slipway serve}: one model behind Seldon v1 and Open Inference v2 on one port. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serve one model over Seldon v1 (/api/v1.0/predictions) and Open Inference v2 (/v2/models/NAME/infer).",
            "Either a prepackaged runtime (--implementation SKLEARN_SERVER --model-uri …), a custom Model class (--class … --classpath …),",
            "or a Seldon Python model class (--python DIR [--python-class NAME]) served by Python worker processes."
        })
public final class Serve extends CliCommand {

    @Option(
            names = "--implementation",
            paramLabel = "NAME",
            description = "Runtime name, e.g. SKLEARN_SERVER, ONNX_SERVER, XGBOOST_SERVER, MLFLOW_SERVER.")
    String implementation;

    @Option(
            names = "--class",
            paramLabel = "FQCN",
            description = "A custom dev.slipway.model.Model class (public, no-argument constructor).")
    String className;

    @Option(
            names = "--classpath",
            paramLabel = "JARS",
            split = "[:;,]",
            splitSynopsisLabel = ":",
            description = "Jars or folders holding the custom class or extra runtimes (separated by ':').")
    List<File> classpath = new ArrayList<>();

    @Mixin
    PythonOptions python = new PythonOptions();

    @Option(names = "--python-workers", paramLabel = "N", description = "Python worker processes. Default: 1.")
    Integer pythonWorkers;

    @Mixin
    ModelOptions load = new ModelOptions();

    @Option(
            names = "--model-root",
            paramLabel = "DIR",
            description = "Load a local model (file:, plain path) only from"
                    + " under DIR (repeatable; the control plane sets its GitOps repository, artifact store and caches for the"
                    + " replicas it starts; with --packed at least one is required). Default: any local path.")
    java.util.List<Path> modelRoots = new java.util.ArrayList<>();

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "The model's name (v2 paths, metrics). Default: model.")
    String name = "model";

    @Option(names = "--host", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
    String host = "127.0.0.1";

    @Option(
            names = "--access-log",
            description = "Log one line per request (method, path, status, bytes, ms, client)"
                    + " on stderr, logger dev.slipway.serving.access; also on when env SLIPWAY_ACCESS_LOG=true (what a deployment's"
                    + " annotation slipway.dev/access-log: \"true\" sets).")
    boolean accessLog;

    @Option(names = "--port", description = "Port (0: any free one). Default: ${DEFAULT-VALUE}.")
    int port = 9000;

    @Option(
            names = "--grpc-port",
            paramLabel = "PORT",
            description =
                    "A second port for gRPC (and REST), as Seldon's"
                            + " wrapper listens on 5000; gRPC is always served on --port too; -1: no second port. Default: ${DEFAULT-VALUE}.")
    int grpcPort = 5000;

    @Option(
            names = "--packed",
            description = "Host many models (SKLEARN, XGBOOST, ONNX, MLFLOW servers) in this one"
                    + " process, loaded and unloaded through POST /v2/repository/models/NAME/load|unload, each served under"
                    + " /models/NAME/… and /v2/models/NAME/…; models only from under --model-root.")
    boolean packed;

    @Option(
            names = "--socket",
            paramLabel = "PATH",
            description = "Also listen on a Unix domain socket at PATH (the"
                    + " native transport only; a local gateway prefers it to the port).")
    Path socket;

    @Option(
            names = "--max-request-bytes",
            paramLabel = "BYTES",
            description = "Largest request body. Default: ${DEFAULT-VALUE}.")
    long maxRequestBytes = 32L << 20;

    @Option(
            names = "--request-timeout",
            defaultValue = "60s",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Longest model call, e.g. 60s, 500ms. Default: ${DEFAULT-VALUE}.")
    Duration requestTimeout = Duration.ofSeconds(60);

    @Option(
            names = "--shutdown-grace",
            defaultValue = "30s",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long in-flight requests may finish at shutdown. Default: ${DEFAULT-VALUE}.")
    Duration shutdownGrace = Duration.ofSeconds(30);

    @Option(names = "--workers", description = "Threads running model calls. Default: 2 x cores, at least 4.")
    Integer workers;

    @Option(names = "--event-loops", description = "I/O threads. Default: cores.")
    Integer eventLoops;

    @Option(
            names = "--model-on-event-loop",
            description = "Run model calls on the I/O threads (only for models that answer in microseconds).")
    boolean modelOnEventLoop;

    @Option(
            names = "--watch-parent",
            paramLabel = "PID",
            hidden = true,
            description =
                    "Stop (gracefully) when process PID is gone: a supervisor that dies, even by kill -9, leaves no orphan.")
    Long watchParent;

    @Option(
            names = "--cds-training",
            hidden = true,
            description = "Send this server a few requests, then exit: the local runtime's training run for the CDS"
                    + " archive of a replica class path.")
    boolean cdsTraining;

    @Override
    public Integer call() throws Exception {
        // watch from the start: a supervisor killed while this server still loads its model leaves no orphan either
        if (watchParent != null) {
            ParentWatch.start(watchParent);
        }
        if (packed) {
            return packed();
        }
        if ((implementation != null ? 1 : 0) + (className != null ? 1 : 0) + (python.given() ? 1 : 0) != 1) {
            throw new ParameterException(
                    spec.commandLine(), "give exactly one of --implementation or --class (or --python DIR)");
        }
        if (!python.given() && (python.cls != null || python.exec != null || pythonWorkers != null)) {
            throw new ParameterException(
                    spec.commandLine(), "--python-class, --python-exec and --python-workers need --python DIR");
        }
        ServingConfig config = config().withGrpcPort(grpcPort);
        Parameters parameters = load.parameters();
        if (python.given()) {
            parameters = python.parameters(parameters, pythonWorkers, config.requestTimeout());
            implementation = PythonOptions.RUNTIME;
        }
        List<Path> jars = classpath.stream().map(File::toPath).toList();
        ModelSource source = implementation != null
                ? new ModelSource(name, implementation, null, jars, load.uri, parameters)
                : ModelSource.custom(name, className, jars, load.uri, parameters);
        Path cache = load.cache();
        ModelLoader loader = new ModelLoader(
                new ModelStorage(
                        cache, System.getenv(), dev.slipway.storage.StorageOptions.DEFAULTS, List.of(), modelRoots),
                Serve.class.getClassLoader());
        LoadedModel model;
        try {
            model = loader.load(source);
        } catch (ModelException e) {
            err().println("error: " + e.getMessage());
            return 1;
        }
        ModelServer server;
        try {
            server = ModelServer.start(config, model);
        } catch (RuntimeException e) {
            model.close();
            throw e; // printed by Slipway's handler, which names the flag of a busy port
        }
        CountDownLatch stopped = serveUntilStopped(server, socket != null && server.listenOnSocket(socket));
        out().println("Slipway model server listening on " + server.url()
                + " (model '" + model.name() + "', " + model.implementation() + "; gRPC on port "
                + server.port()
                + (server.grpcPort() != server.port() ? " and " + server.grpcPort() : "") + ")");
        out().flush();
        if (cdsTraining) {
            ReplicaTraining.exercise(server.url(), model.name());
            server.close();
            return 0;
        }
        stopped.await();
        return 0;
    }

    /**
     * Closes {@code server} at shutdown (also the exit when {@code --watch-parent}'s process is gone); prints the socket line
     * when {@code onSocket}. The latch opens once the server is closed.
     */
    private CountDownLatch serveUntilStopped(AutoCloseable server, boolean onSocket) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                server.close();
                            } catch (Exception e) {
                                err().println("error: closing the server: " + e.getMessage());
                            }
                            stopped.countDown();
                        },
                        "slipway-shutdown"));
        if (onSocket) {
            out().println("Slipway model server socket " + socket.toAbsolutePath());
        }
        return stopped;
    }

    /** The flags' server settings (no second gRPC port). */
    private ServingConfig config() {
        ServingConfig defaults = ServingConfig.defaults();
        return defaults.withHost(host)
                .withPort(port)
                .withGrpcPort(-1)
                .withLimits(maxRequestBytes, requestTimeout)
                .withShutdownGrace(shutdownGrace)
                .withThreads(
                        eventLoops != null ? eventLoops : defaults.eventLoops(),
                        workers != null ? workers : defaults.workers(),
                        modelOnEventLoop);
    }

    /** {@code serve --packed}: a server for many models, empty until models are loaded through its repository API. */
    private int packed() throws InterruptedException {
        if (implementation != null || className != null || python.given() || load.uri != null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--packed starts an empty server: load models through"
                            + " POST /v2/repository/models/NAME/load, not --implementation/--class/--python/--model-uri");
        }
        if (modelRoots.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--packed needs at least one --model-root DIR");
        }
        Path cache = load.cache();
        ModelLoader loader = new ModelLoader(new ModelStorage(cache, System.getenv()), Serve.class.getClassLoader());
        dev.slipway.serving.pack.PackedServer server;
        try {
            server = dev.slipway.serving.pack.PackedServer.start(config(), loader, modelRoots);
        } catch (RuntimeException e) {
            err().println("error: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = serveUntilStopped(server, socket != null && server.listenOnSocket(socket));
        out().println("Slipway model server listening on http://" + host + ":" + server.port()
                + " (packed: models from " + modelRoots + ")");
        out().flush();
        if (cdsTraining) { // a shared server's class path has no model to exercise: starting it is the training
            server.close();
            return 0;
        }
        stopped.await();
        return 0;
    }

    /** Exits this process (running its shutdown hooks) once a given process is gone. */
    static final class ParentWatch {
        private ParentWatch() {}

        static void start(long pid) {
            Thread t = new Thread(
                    () -> {
                        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                            try {
                                Thread.sleep(500);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                        System.exit(0);
                    },
                    "slipway-parent-watch");
            t.setDaemon(true);
            t.start();
        }
    }
}
