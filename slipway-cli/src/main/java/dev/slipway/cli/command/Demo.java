package dev.slipway.cli.command;

import dev.slipway.client.ClientOptions;
import dev.slipway.client.Gateway;
import dev.slipway.client.PayloadType;
import dev.slipway.client.PredictionClient;
import dev.slipway.client.Result;
import dev.slipway.model.ModelException;
import dev.slipway.model.Parameters;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.serving.ModelServer;
import dev.slipway.serving.ServingConfig;
import dev.slipway.serving.model.LoadedModel;
import dev.slipway.serving.model.ModelLoader;
import dev.slipway.serving.model.ModelSource;
import dev.slipway.storage.ModelStorage;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code slipway demo}: serves the bundled scikit-learn iris model with SKLEARN_SERVER, sends it the
 * request Seldon's Python client sends, and prints both (then stops, unless {@code --keep-running}).
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Serve the bundled iris model (SKLEARN_SERVER) and show a prediction over the Seldon protocol.")
public final class Demo extends CliCommand {

    @Option(names = "--port", description = "Port to serve on (0: any free one). Default: ${DEFAULT-VALUE}.")
    int port = 0;

    @Option(names = "--keep-running", description = "Keep serving after the demonstration (Ctrl-C stops).")
    boolean keepRunning;

    @Option(
            names = "--model-uri",
            description = "Another scikit-learn model folder to serve instead of the bundled iris model.")
    String modelUri;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        String uri = modelUri != null ? modelUri : bundledIris().toString();
        ModelLoader loader = new ModelLoader(
                new ModelStorage(Files.createTempDirectory("slipway-demo-cache"), System.getenv()),
                Demo.class.getClassLoader());
        LoadedModel model;
        try {
            model = loader.load(ModelSource.runtime("iris", "SKLEARN_SERVER", uri, Parameters.empty()));
        } catch (ModelException e) {
            err().println("error: " + e.getMessage());
            return 1;
        }
        ModelServer server = ModelServer.start(ServingConfig.defaults().withPort(port), model);
        try {
            out.println("1. Serving " + uri + " with SKLEARN_SERVER at " + server.url());
            PredictionClient client = new PredictionClient(ClientOptions.builder()
                    .gateway(Gateway.SELDON)
                    .gatewayEndpoint("127.0.0.1:" + server.port())
                    .payloadType(PayloadType.NDARRAY)
                    .build());
            Payload iris = Payload.of(Tensor.ofDoubles(new double[] {5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3}, 2, 4));
            Result r = client.predict(iris, Map.of());
            out.println("2. POST " + server.url() + "/api/v1.0/predictions");
            out.println("   " + new String(r.requestBody(), StandardCharsets.UTF_8));
            out.println("3. Response (predict_proba: setosa, versicolor, virginica):");
            out.println("   " + r.responseBody());
            out.println("Try it yourself:");
            out.println("   ./slipway serve --implementation SKLEARN_SERVER --model-uri " + uri + " --port 9000");
            out.println("   ./slipway predict --url http://127.0.0.1:9000 --data '[[5.1, 3.5, 1.4, 0.2]]'");
            out.flush();
            if (!r.success()) {
                err().println("error: " + r.msg());
                return 1;
            }
            if (keepRunning) {
                out.println("Serving until Ctrl-C.");
                out.flush();
                CountDownLatch forever = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.close();
                    forever.countDown();
                }));
                forever.await();
            }
            return 0;
        } finally {
            if (!keepRunning) {
                server.close();
            }
        }
    }

    /** examples/models/iris under the installation (the launcher sets slipway.home), or the working folder. */
    static Path bundledIris() {
        List<Path> roots = List.of(Path.of(System.getProperty("slipway.home", ".")), Path.of("."));
        for (Path root : roots) {
            Path p = root.resolve("examples/models/iris").toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "the bundled example examples/models/iris was not found (run from the repository, or give --model-uri)");
    }
}
