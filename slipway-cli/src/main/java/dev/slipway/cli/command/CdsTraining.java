package dev.slipway.cli.command;

import dev.slipway.client.ClientOptions;
import dev.slipway.client.Gateway;
import dev.slipway.client.PayloadType;
import dev.slipway.client.PredictionClient;
import dev.slipway.model.Model;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.protocol.v2.InferenceRequest;
import dev.slipway.serving.ModelServer;
import dev.slipway.serving.ServingConfig;
import dev.slipway.serving.model.LoadedModel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Hidden: exercises a server's request paths once (v1 in every payload type, v2, health, metrics) so the
 * launcher can record the classes a server loads in a class-data-sharing archive.
 */
@Command(
        name = "cds-training",
        hidden = true,
        description = "Exercise the server once (for the launcher's CDS archive).")
public final class CdsTraining implements Callable<Integer> {

    /** An identity model. */
    static final class Echo implements Model {
        @Override
        public Payload predict(Payload input) {
            return input;
        }
    }

    @Override
    public Integer call() {
        Echo echo = new Echo();
        try (ModelServer server = ModelServer.start(
                ServingConfig.defaults(), new LoadedModel("model", "echo", echo, echo.metadata(), null))) {
            String endpoint = "127.0.0.1:" + server.port();
            for (PayloadType type : PayloadType.values()) {
                PredictionClient c = new PredictionClient(ClientOptions.builder()
                        .gateway(Gateway.SELDON)
                        .gatewayEndpoint(endpoint)
                        .payloadType(type)
                        .build());
                c.predict(Payload.of(Tensor.ofDoubles(new double[] {5.1, 3.5, 1.4, 0.2}, 1, 4)), Map.of("k", "v"));
                c.predict(Payload.of(Tensor.ofStrings(new String[] {"text"}, 1)), Map.of());
            }
            PredictionClient c = new PredictionClient(ClientOptions.builder()
                    .gateway(Gateway.SELDON)
                    .gatewayEndpoint(endpoint)
                    .build());
            c.predictRaw("{\"data\":{\"ndarray\":[1,2".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            c.infer(
                    "model",
                    new InferenceRequest("1", Map.of(), Payload.of(Tensor.ofFloats(new float[] {1f}, 1)), List.of()));
        }
        return 0;
    }
}
