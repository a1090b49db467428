package dev.slipway.serving.grpc;

import static dev.slipway.serving.testing.Rpc.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.Value;
import dev.slipway.protocol.grpc.inference.InferTensorContents;
import dev.slipway.protocol.grpc.inference.ModelInferRequest;
import dev.slipway.protocol.grpc.inference.ModelInferResponse;
import dev.slipway.protocol.grpc.inference.ModelMetadataRequest;
import dev.slipway.protocol.grpc.inference.ModelMetadataResponse;
import dev.slipway.protocol.grpc.inference.ServerLiveRequest;
import dev.slipway.protocol.grpc.inference.ServerLiveResponse;
import dev.slipway.protocol.grpc.seldon.DefaultData;
import dev.slipway.protocol.grpc.seldon.Feedback;
import dev.slipway.protocol.grpc.seldon.SeldonMessage;
import dev.slipway.protocol.grpc.seldon.SeldonMessageList;
import dev.slipway.protocol.grpc.seldon.SeldonModelMetadata;
import dev.slipway.protocol.grpc.seldon.Tensor;
import dev.slipway.serving.ServingConfig;
import dev.slipway.serving.testing.Rpc;
import dev.slipway.serving.testing.ServerExtension;
import dev.slipway.serving.testing.TestModels;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests for {@link ModelGrpc}: grpc-java against a real model server, on the same port as REST. */
class ModelGrpcTest {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(
            "doubler",
            TestModels.Doubler::new,
            ServingConfig.defaults().withLimits(64 * 1024, Duration.ofSeconds(60)),
            Map.of());

    private static Rpc rpc;

    @BeforeAll
    static void connect() {
        rpc = new Rpc("127.0.0.1", SERVER.server().port());
    }

    @AfterAll
    static void disconnect() {
        rpc.close();
    }

    private static SeldonMessage tensor(double... values) {
        return SeldonMessage.newBuilder()
                .setData(DefaultData.newBuilder()
                        .setTensor(Tensor.newBuilder()
                                .addShape(1)
                                .addShape(values.length)
                                .addAllValues(
                                        java.util.Arrays.stream(values).boxed().toList())))
                .build();
    }

    @Test
    void predict_tensor_ndarray_strData_binData_jsonData() {
        SeldonMessage out = seldon("seldon.protos.Model/Predict", tensor(1, 2));
        assertThat(out.getData().getTensor().getValuesList()).containsExactly(2.0, 4.0);
        assertThat(out.getData().getNamesList()).containsExactly("t:0", "t:1");
        assertThat(out.getMeta().getPuid()).hasSize(26);

        ListValue row = ListValue.newBuilder()
                .addValues(Value.newBuilder().setNumberValue(3))
                .addValues(Value.newBuilder().setNumberValue(4))
                .build();
        SeldonMessage nd = SeldonMessage.newBuilder()
                .setData(DefaultData.newBuilder()
                        .setNdarray(ListValue.newBuilder()
                                .addValues(Value.newBuilder().setListValue(row))))
                .build();
        SeldonMessage ndOut = seldon("seldon.protos.Seldon/Predict", nd);
        assertThat(ndOut.getData()
                        .getNdarray()
                        .getValues(0)
                        .getListValue()
                        .getValues(1)
                        .getNumberValue())
                .isEqualTo(8.0);

        SeldonMessage str = seldon("seldon.protos.Model/Predict", text("abc"));
        assertThat(str.getStrData()).isEqualTo("cba");
        SeldonMessage bin = seldon(
                "seldon.protos.Model/Predict",
                SeldonMessage.newBuilder()
                        .setBinData(ByteString.copyFrom(new byte[] {0, 1, (byte) 255}))
                        .build());
        assertThat(bin.getBinData().toByteArray()).containsExactly(0, 1, 255);
        SeldonMessage json = seldon(
                "seldon.protos.Model/Predict",
                SeldonMessage.newBuilder()
                        .setJsonData(Value.newBuilder().setStringValue("x"))
                        .build());
        assertThat(json.getJsonData().getStringValue()).isEqualTo("x");
    }

    @Test
    void componentServices_feedback_metadata() {
        SeldonMessage routed = seldon("seldon.protos.Router/Route", tensor(3));
        assertThat(routed.getData().getTensor().getValuesList()).containsExactly(1.0);
        SeldonMessage in = seldon("seldon.protos.Transformer/TransformInput", text("a"));
        assertThat(in.getStrData()).isEqualTo("in:a");
        SeldonMessage out = seldon("seldon.protos.OutputTransformer/TransformOutput", text("a"));
        assertThat(out.getStrData()).isEqualTo("out:a");
        SeldonMessage sum = rpc.call(
                "seldon.protos.Combiner/Aggregate",
                SeldonMessageList.newBuilder()
                        .addSeldonMessages(tensor(1, 2))
                        .addSeldonMessages(tensor(3))
                        .build(),
                SeldonMessage.getDefaultInstance());
        assertThat(sum.getData().getTensor().getValuesList()).containsExactly(6.0);
        SeldonMessage fb = seldon(
                "seldon.protos.Model/SendFeedback",
                Feedback.newBuilder().setRequest(tensor(1)).setReward(1).build());
        assertThat(fb.getJsonData().getStructValue().getFieldsOrThrow("reward").getNumberValue())
                .isEqualTo(1.0);
        SeldonModelMetadata meta = rpc.call(
                "seldon.protos.Model/Metadata", Empty.getDefaultInstance(), SeldonModelMetadata.getDefaultInstance());
        assertThat(meta.getName()).isEqualTo("doubler");
        assertThat(meta.getInputs(0).getDatatype()).isEqualTo("FP64");
    }

    @Test
    void oip_typedAndRawContents() {
        ModelInferRequest typed = ModelInferRequest.newBuilder()
                .setModelName("doubler")
                .setId("r1")
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder()
                        .setName("x")
                        .setDatatype("FP32")
                        .addShape(1)
                        .addShape(2)
                        .setContents(InferTensorContents.newBuilder()
                                .addFp32Contents(1)
                                .addFp32Contents(2)))
                .build();
        ModelInferResponse r =
                rpc.call("inference.GRPCInferenceService/ModelInfer", typed, ModelInferResponse.getDefaultInstance());
        assertThat(r.getId()).isEqualTo("r1");
        assertThat(r.getModelVersion()).isEqualTo("1");
        assertThat(r.getOutputs(0).getDatatype()).isEqualTo("FP64");
        assertThat(r.getOutputs(0).getShapeList()).containsExactly(1L, 2L);
        assertThat(r.getOutputs(0).getContents().getFp64ContentsList()).containsExactly(2.0, 4.0);

        ByteBuffer raw = ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(1.5)
                .putDouble(-1);
        ModelInferRequest rawReq = ModelInferRequest.newBuilder()
                .setModelName("doubler")
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder()
                        .setName("x")
                        .setDatatype("FP64")
                        .addShape(2))
                .addRawInputContents(ByteString.copyFrom(raw.array()))
                .build();
        ModelInferResponse rr =
                rpc.call("inference.GRPCInferenceService/ModelInfer", rawReq, ModelInferResponse.getDefaultInstance());
        ByteBuffer back = rr.getRawOutputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(back.getDouble()).isEqualTo(3.0);
        assertThat(back.getDouble()).isEqualTo(-2.0);

        assertThat(rpc.call(
                                "inference.GRPCInferenceService/ServerLive",
                                ServerLiveRequest.getDefaultInstance(),
                                ServerLiveResponse.getDefaultInstance())
                        .getLive())
                .isTrue();
        ModelMetadataResponse md = rpc.call(
                "inference.GRPCInferenceService/ModelMetadata",
                ModelMetadataRequest.newBuilder().setName("doubler").build(),
                ModelMetadataResponse.getDefaultInstance());
        assertThat(md.getInputs(0).getShapeList()).containsExactly(-1L, -1L);
    }

    private static SeldonMessage text(String strData) {
        return SeldonMessage.newBuilder().setStrData(strData).build();
    }

    /** A unary call of a Seldon service method that answers a SeldonMessage. */
    private static SeldonMessage seldon(String method, Message request) {
        return rpc.call(method, request, SeldonMessage.getDefaultInstance());
    }

    private static Runnable predict(SeldonMessage request) {
        return () -> seldon("seldon.protos.Model/Predict", request);
    }

    private static Runnable infer(ModelInferRequest.Builder request) {
        return () -> rpc.call(
                "inference.GRPCInferenceService/ModelInfer", request.build(), ModelInferResponse.getDefaultInstance());
    }

    @Test
    void badInput_getsTheRightStatus_andTheServerKeepsServing() throws Exception {
        assertStatus(
                predict(SeldonMessage.getDefaultInstance()), Status.Code.INVALID_ARGUMENT, "the request has no data");
        assertStatus(predict(text("bad")), Status.Code.INVALID_ARGUMENT, "expected 4 features");
        assertStatus(predict(text("fail")), Status.Code.INTERNAL, "failed on purpose");
        assertStatus(
                infer(ModelInferRequest.newBuilder().setModelName("other")),
                Status.Code.NOT_FOUND,
                "model 'other' not found");
        assertStatus(
                infer(Rpc.infer("doubler", "FP99", 1, InferTensorContents.newBuilder())),
                Status.Code.INVALID_ARGUMENT,
                "inputs[0].datatype: unknown datatype 'FP99'");
        assertStatus(
                infer(Rpc.infer(
                        "doubler", "FP32", 3, InferTensorContents.newBuilder().addFp32Contents(1))),
                Status.Code.INVALID_ARGUMENT,
                "inputs[0].contents.fp32_contents: holds 1 values but the shape needs 3");

        StatusRuntimeException malformed = rpc.callRaw("seldon.protos.Model/Predict", new byte[] {(byte) 0xff, 1, 2});
        assertThat(malformed.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        StatusRuntimeException big = rpc.callRaw(
                "seldon.protos.Model/Predict",
                SeldonMessage.newBuilder()
                        .setStrData("x".repeat(100_000))
                        .build()
                        .toByteArray());
        assertThat(big.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        StatusRuntimeException unknown = rpc.callRaw("seldon.protos.Nothing/Predict", new byte[0]);
        assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);

        assertThat(seldon("seldon.protos.Model/Predict", tensor(5))
                        .getData()
                        .getTensor()
                        .getValues(0))
                .isEqualTo(10.0);
    }

    @Test
    void restOnTheSamePort_stillWorks_forJdkClientsThatAskForAnH2cUpgrade() throws Exception {
        HttpClient jdk =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        String big = "{\"strData\": \"" + "y".repeat(40_000) + "\"}";
        HttpResponse<String> r = jdk.send(
                HttpRequest.newBuilder(URI.create(SERVER.url("/api/v1.0/predictions")))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(big))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        HttpResponse<String> get = jdk.send(
                HttpRequest.newBuilder(URI.create(SERVER.url("/prometheus")))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(get.body()).contains("method=\"GRPC\"");
    }
}
