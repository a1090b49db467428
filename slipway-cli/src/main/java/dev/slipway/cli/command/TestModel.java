package dev.slipway.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.artifact.ArtifactException;
import dev.slipway.artifact.ResolvedImage;
import dev.slipway.artifact.ServerImageBuilder;
import dev.slipway.cli.testmodel.ModelCase;
import dev.slipway.cli.testmodel.ModelCases;
import dev.slipway.cli.testmodel.ResponseMatcher;
import dev.slipway.gitops.spec.RegisteredServer;
import dev.slipway.gitops.spec.ServerRegistry;
import dev.slipway.model.ModelException;
import dev.slipway.model.Parameters;
import dev.slipway.protocol.v1.SeldonMessage;
import dev.slipway.protocol.v1.SeldonMessageReader;
import dev.slipway.protocol.v1.SeldonMessageWriter;
import dev.slipway.serving.handler.DataPlane;
import dev.slipway.serving.metrics.ServingMetrics;
import dev.slipway.serving.model.LoadedModel;
import dev.slipway.serving.model.ModelLoader;
import dev.slipway.serving.model.ModelSource;
import dev.slipway.storage.ModelStorage;
import dev.slipway.support.Limits;
import dev.slipway.support.Mappers;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code slipway test-model}: the model unit test, in-process (the counterpart of the reference's
 * {@code test_model.py}): the model is loaded exactly as {@code slipway serve} loads it and each case's
 * Seldon request goes through the same data plane.
 */
@Command(
        name = "test-model",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Load a model as 'slipway serve' would and check its answers to the cases of a YAML file.",
            "The file: cases: [{name, request: <Seldon message>, expect: {data: {ndarray: …}} | {equals: …} | {contains: …}"
                    + " | {error: …}, tolerance: {abs, rel}}]. Exit status 1 when a case fails or the model cannot be loaded."
        })
public final class TestModel extends CliCommand {

    private static final Logger LOG = LoggerFactory.getLogger(TestModel.class);

    private static final ObjectMapper JSON = Mappers.json(Limits.PAYLOAD);

    @Option(
            names = "--implementation",
            paramLabel = "NAME",
            description =
                    "Runtime name, e.g. SKLEARN_SERVER, ONNX_SERVER, XGBOOST_SERVER, MLFLOW_SERVER, or a reusable"
                            + " custom server's registered name (its image from --artifacts, the registry from --gitops/--servers).")
    String implementation;

    @Mixin
    CustomServerOptions servers = new CustomServerOptions();

    @Mixin
    PythonOptions python = new PythonOptions();

    @Mixin
    ModelOptions load = new ModelOptions();

    @Option(names = "--cases", paramLabel = "FILE", required = true, description = "The cases file (YAML or JSON).")
    Path cases;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        PrintWriter err = err();
        if ((implementation == null) == !python.given()) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "give exactly one of --implementation or --python");
        }
        if (!python.given() && load.uri == null) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--model-uri is required with --implementation");
        }
        List<ModelCase> all = ModelCases.read(cases);
        Parameters parameters = load.parameters();
        if (python.given()) {
            parameters = python.parameters(parameters, null, null);
            implementation = PythonOptions.RUNTIME;
        }
        Path cache = load.cache();
        ModelLoader loader =
                new ModelLoader(new ModelStorage(cache, System.getenv()), TestModel.class.getClassLoader());
        Path work = null;
        LoadedModel model;
        try {
            ModelSource source = ModelSource.runtime("model", implementation, load.uri, parameters);
            if (!python.given() && ServerRegistry.nameProblem(implementation).isEmpty()) { // a registered server's name
                work = Files.createTempDirectory("slipway-test-model-");
                source = custom(work, parameters);
            }
            model = loader.load(source);
        } catch (ModelException | IllegalArgumentException | ArtifactException e) {
            err.println("error: cannot load model " + (python.given() ? python.dir : load.uri) + " with "
                    + implementation + ": " + e.getMessage());
            deleteQuietly(work);
            return 1;
        }
        int failed = 0;
        try (model) {
            final DataPlane plane = new DataPlane(model, new ServingMetrics("test-model", "default", model.name()));
            for (ModelCase c : all) {
                List<String> diffs = run(plane, c);
                if (diffs.isEmpty()) {
                    out.println("PASS  " + c.name());
                } else {
                    failed++;
                    out.println("FAIL  " + c.name());
                    diffs.forEach(d -> out.println("      " + d));
                }
            }
        } finally {
            deleteQuietly(work); // after the model (and its class loader) is closed
        }
        out.println((all.size() - failed) + " passed, " + failed + " failed ("
                + (python.given() ? python.dir : load.uri) + ", " + implementation + ")");
        return failed == 0 ? 0 : 1;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary folder left behind is not a test failure
            LOG.debug("a temporary folder left behind is not a test failure", e);
        }
    }

    /** The registered server {@link #implementation}: its image resolved into {@code work}, its class, the model. */
    private ModelSource custom(Path work, Parameters parameters) {
        final RegisteredServer server = servers.registry()
                .find(implementation)
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + implementation + "' is neither a runtime nor registered in " + servers.registrySource()));
        final ResolvedImage image = servers.images(work).resolve(server.image());
        if (image.pythonDir().isPresent()) {
            final String label = image.artifact().pythonClass().orElse("");
            final String cls = server.modelClass() != null ? server.modelClass() : label.isEmpty() ? null : label;
            return ModelSource.runtime(
                    "model",
                    PythonOptions.RUNTIME,
                    load.uri,
                    PythonOptions.parameters(parameters, image.pythonDir().get(), cls, null, null, null));
        }
        final String modelClass = server.modelClass() != null
                ? server.modelClass()
                : image.artifact()
                        .modelClass()
                        .orElseThrow(() -> new IllegalArgumentException("image " + server.image()
                                + " names no model class (label " + ServerImageBuilder.MODEL_CLASS_LABEL + ") and "
                                + implementation
                                + " is registered without one"));
        return ModelSource.custom("model", modelClass, image.classpath(), load.uri, parameters);
    }

    private static List<String> run(DataPlane plane, ModelCase c) throws Exception {
        SeldonMessage request;
        try {
            request = SeldonMessageReader.readMessage(JSON.writeValueAsBytes(c.request()));
        } catch (RuntimeException e) {
            return List.of("request: not a valid Seldon message: " + e.getMessage());
        }
        SeldonMessage response;
        try {
            response = plane.predict(request);
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (ResponseMatcher.expectsError(c.expect())) {
                String diff = ResponseMatcher.errorDifference(c.expect(), message);
                return diff == null ? List.of() : List.of(diff);
            }
            return List.of("the model refused the request: " + message);
        }
        JsonNode body = JSON.readTree(SeldonMessageWriter.write(response));
        if (response.status() != null
                && "FAILURE".equals(body.path("status").path("status").asText())) {
            String message =
                    body.path("status").path("info").asText(body.path("status").toString());
            if (ResponseMatcher.expectsError(c.expect())) {
                String diff = ResponseMatcher.errorDifference(c.expect(), message);
                return diff == null ? List.of() : List.of(diff);
            }
            return List.of("the model refused the request: " + message);
        }
        if (ResponseMatcher.expectsError(c.expect())) {
            return List.of(
                    "expected an error containing '" + c.expect().get("error").asText() + "', got " + body);
        }
        return ResponseMatcher.differences(c.expect(), body, c.tolerance());
    }
}
