package dev.slipway.serving.gateway;

import static dev.slipway.serving.testing.Rpc.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.slipway.protocol.grpc.inference.InferTensorContents;
import dev.slipway.protocol.grpc.inference.ModelInferRequest;
import dev.slipway.protocol.grpc.inference.ModelInferResponse;
import dev.slipway.protocol.grpc.seldon.DefaultData;
import dev.slipway.protocol.grpc.seldon.Feedback;
import dev.slipway.protocol.grpc.seldon.SeldonMessage;
import dev.slipway.protocol.grpc.seldon.Tensor;
import dev.slipway.serving.testing.Rpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link GrpcGateway}: grpc-java through a real gateway to real model servers, a canary split
 * whose predictors name their nodes differently ({@code lr} and {@code xgb}).
 */
class GrpcGatewayTest {

    private static final Map<String, String> IRIS = Map.of("seldon", "iris", "namespace", "seldon");

    private CanaryDeployment canary;
    private Gateway gateway;
    private Rpc rpc;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        canary = new CanaryDeployment();
        gateway = canary.gateway;
        rpc = new Rpc("127.0.0.1", canary.port());
    }

    @AfterEach
    void stop() throws Exception {
        rpc.close();
        canary.close();
    }

    /** A Seldon Predict of the iris deployment through the gateway. */
    private SeldonMessage predict(SeldonMessage request) {
        return rpc.call("seldon.protos.Seldon/Predict", request, SeldonMessage.getDefaultInstance(), IRIS);
    }

    /** The node's own failures (no data: 400, its exception: 500) come back as gRPC statuses with its message. */
    private void assertNodeFailuresKeepTheirStatus() {
        assertStatus(
                () -> predict(SeldonMessage.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT,
                "the request has no data");
        assertStatus(
                () -> predict(SeldonMessage.newBuilder().setStrData("fail").build()),
                Status.Code.INTERNAL,
                "failed on purpose");
    }

    private static SeldonMessage tensor(double... values) {
        final Tensor.Builder t = Tensor.newBuilder().addShape(1).addShape(values.length);
        for (final double v : values) {
            t.addValues(v);
        }
        return SeldonMessage.newBuilder()
                .setData(DefaultData.newBuilder().setTensor(t))
                .build();
    }

    @Test
    void seldonPredict_routedByMetadata_throughTheSplit() throws Exception {
        final Set<String> served = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            final SeldonMessage out = predict(tensor(1, 2));
            assertThat(out.getData().getTensor().getValuesList()).containsExactly(2.0, 4.0);
            assertThat(out.getMeta().getPuid()).isNotEmpty();
            served.addAll(out.getMeta().getRequestPathMap().keySet());
        }
        assertThat(served).containsExactlyInAnyOrder("lr", "xgb");
        // after each node's first answer (as JSON) proved it a Slipway model server, the gateway sent the messages
        // unparsed to the node's own gRPC service (gRPC-Web over HTTP/1.1): the replicas counted gRPC calls
        for (final var server : canary.servers.values()) {
            final HttpResponse<String> metrics = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/prometheus"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).contains("method=\"GRPC\"");
        }
        // and the node's own failures over that path keep their status and message
        for (int i = 0; i < 2; i++) {
            assertNodeFailuresKeepTheirStatus();
        }
        final SeldonMessage fb = rpc.call(
                "seldon.protos.Seldon/SendFeedback",
                Feedback.newBuilder().setRequest(tensor(1)).setReward(1).build(),
                SeldonMessage.getDefaultInstance(),
                IRIS);
        assertThat(fb.getJsonData().getStructValue().getFieldsOrThrow("reward").getNumberValue())
                .isEqualTo(1.0);
    }

    @Test
    void oipInfer_byModelName_throughASplitWhosePredictorsNameNodesDifferently() throws Exception {
        for (int i = 0; i < 8; i++) {
            for (final String model : List.of("lr", "xgb")) {
                final ModelInferResponse r = rpc.call(
                        "inference.GRPCInferenceService/ModelInfer",
                        ModelInferRequest.newBuilder()
                                .setModelName(model)
                                .addInputs(ModelInferRequest.InferInputTensor.newBuilder()
                                        .setName("x")
                                        .setDatatype("FP64")
                                        .addShape(1)
                                        .setContents(
                                                InferTensorContents.newBuilder().addFp64Contents(21)))
                                .build(),
                        ModelInferResponse.getDefaultInstance(),
                        IRIS);
                assertThat(r.getModelName()).isEqualTo(model);
                assertThat(r.getOutputs(0).getContents().getFp64Contents(0)).isEqualTo(42.0);
                final HttpResponse<String> rest = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                                        + "/seldon/seldon/iris/v2/models/" + model + "/infer"))
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP64\",\"data\":[1]}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(rest.statusCode()).as(rest.body()).isEqualTo(200);
                assertThat(rest.body()).contains("\"model_name\":\"" + model + "\"");
            }
        }
        assertStatus(
                () -> rpc.call(
                        "inference.GRPCInferenceService/ModelInfer",
                        Rpc.infer(
                                        "nope",
                                        "FP64",
                                        1,
                                        InferTensorContents.newBuilder().addFp64Contents(1))
                                .build(),
                        ModelInferResponse.getDefaultInstance(),
                        IRIS),
                Status.Code.NOT_FOUND,
                "no model 'nope' in deployment iris (models: lr, xgb)");
    }

    @Test
    void badCalls_getTheRightStatus_andTheGatewayKeepsServing() {
        assertStatus(
                () -> rpc.call(
                        "seldon.protos.Seldon/Predict",
                        tensor(1),
                        SeldonMessage.getDefaultInstance(),
                        Map.of("seldon", "missing", "namespace", "seldon")),
                Status.Code.NOT_FOUND,
                "no deployment 'missing' in namespace 'seldon'");
        assertStatus(
                () -> rpc.call("seldon.protos.Seldon/Predict", tensor(1), SeldonMessage.getDefaultInstance()),
                Status.Code.NOT_FOUND,
                "name the deployment in the gRPC metadata 'seldon'");
        assertNodeFailuresKeepTheirStatus();
        assertStatus(
                () -> predict(SeldonMessage.newBuilder()
                        .setBinData(ByteString.copyFromUtf8("x"))
                        .setCustomData(com.google.protobuf.Any.newBuilder().setTypeUrl("type.googleapis.com/x.Y"))
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "cannot be converted");
        final StatusRuntimeException malformed = rpc.callRaw("seldon.protos.Seldon/Predict", new byte[] {(byte) 0xff});
        assertThat(malformed.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        // over the gateway's body limit (as REST's 413): refused before anything is parsed
        final StatusRuntimeException oversized = rpc.callRaw(
                "seldon.protos.Seldon/Predict",
                SeldonMessage.newBuilder()
                        .setStrData("x".repeat((int) Gateway.MAX_BODY_BYTES + 1))
                        .build()
                        .toByteArray());
        assertThat(oversized.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(oversized.getStatus().getDescription()).contains("more than the limit");
        // a wrong type through the gateway: the node's 400 comes back as INVALID_ARGUMENT naming the field
        assertStatus(
                () -> rpc.call(
                        "inference.GRPCInferenceService/ModelInfer",
                        Rpc.infer("lr", "FP99", 1, InferTensorContents.newBuilder())
                                .build(),
                        ModelInferResponse.getDefaultInstance(),
                        IRIS),
                Status.Code.INVALID_ARGUMENT,
                "FP99");
        assertThat(predict(tensor(3)).getData().getTensor().getValues(0)).isEqualTo(6.0);
    }
}
