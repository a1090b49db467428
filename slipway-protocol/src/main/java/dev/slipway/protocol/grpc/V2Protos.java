package dev.slipway.protocol.grpc;

import com.google.protobuf.ByteString;
import dev.slipway.model.Payload;
import dev.slipway.model.Tensor;
import dev.slipway.protocol.ProtocolException;
import dev.slipway.protocol.grpc.inference.InferParameter;
import dev.slipway.protocol.grpc.inference.InferTensorContents;
import dev.slipway.protocol.grpc.inference.ModelInferRequest;
import dev.slipway.protocol.grpc.inference.ModelInferResponse;
import dev.slipway.protocol.v2.InferenceRequest;
import dev.slipway.protocol.v2.InferenceResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Open Inference Protocol messages over gRPC ({@code inference.ModelInferRequest/Response}) to and from
 * the protocol records, so gRPC and REST reach the model identically. Tensors come as typed
 * {@code contents} or as {@code raw_*_contents} (little-endian, row-major; BYTES elements each prefixed
 * by a 4-byte little-endian length). BYTES that are valid UTF-8 become text, as a JSON string would.
 */
public final class V2Protos {

    private V2Protos() {}

    /** The request as the data plane takes it. */
    public static InferenceRequest request(ModelInferRequest r) {
        if (r.getInputsCount() == 0) {
            throw new ProtocolException("inputs: missing or empty (expected at least one tensor)");
        }
        boolean raw = r.getRawInputContentsCount() > 0;
        if (raw && r.getRawInputContentsCount() != r.getInputsCount()) {
            throw new ProtocolException("raw_input_contents: holds " + r.getRawInputContentsCount()
                    + " entries but there are " + r.getInputsCount() + " inputs");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < r.getInputsCount(); i++) {
            ModelInferRequest.InferInputTensor in = r.getInputs(i);
            String path = "inputs[" + i + "]";
            if (raw && in.hasContents()) {
                throw new ProtocolException(path + ".contents: must be empty when raw_input_contents is used");
            }
            Tensor t = TensorContents.decode(
                    path, in.getDatatype(), in.getShapeList(), in.getContents(), raw ? r.getRawInputContents(i) : null);
            if (tensors.put(in.getName().isEmpty() ? "input-" + i : in.getName(), t) != null) {
                throw new ProtocolException(path + ".name: '" + in.getName() + "' appears twice");
            }
        }
        List<String> outputs = new ArrayList<>();
        r.getOutputsList().forEach(o -> outputs.add(o.getName()));
        return new InferenceRequest(
                r.getId().isEmpty() ? null : r.getId(),
                parameters(r.getParametersMap()),
                Payload.ofTensors(tensors),
                outputs);
    }

    /** The response on the wire: raw contents when the request came raw, typed contents otherwise. */
    public static ModelInferResponse response(InferenceResponse r, boolean raw) {
        ModelInferResponse.Builder b = ModelInferResponse.newBuilder().setModelName(r.modelName());
        if (r.modelVersion() != null) {
            b.setModelVersion(r.modelVersion());
        }
        if (r.id() != null) {
            b.setId(r.id());
        }
        b.putAllParameters(toParameters(r.parameters()));
        for (Map.Entry<String, Tensor> e : r.outputs().tensors().entrySet()) {
            Tensor t = e.getValue();
            ModelInferResponse.InferOutputTensor.Builder o = ModelInferResponse.InferOutputTensor.newBuilder()
                    .setName(e.getKey())
                    .setDatatype(TensorContents.wireType(t));
            for (long d : t.shape()) {
                o.addShape(d);
            }
            if (raw) {
                b.addRawOutputContents(TensorContents.raw(t));
            } else {
                o.setContents(TensorContents.typed(t));
            }
            b.addOutputs(o);
        }
        return b.build();
    }

    /** A request on the wire (for clients), with typed contents. */
    public static ModelInferRequest toWire(String modelName, InferenceRequest r) {
        ModelInferRequest.Builder b = ModelInferRequest.newBuilder().setModelName(modelName);
        if (r.id() != null) {
            b.setId(r.id());
        }
        b.putAllParameters(toParameters(r.parameters()));
        for (Map.Entry<String, Tensor> e : r.inputs().tensors().entrySet()) {
            Tensor t = e.getValue();
            ModelInferRequest.InferInputTensor.Builder in = ModelInferRequest.InferInputTensor.newBuilder()
                    .setName(e.getKey())
                    .setDatatype(TensorContents.wireType(t))
                    .setContents(TensorContents.typed(t));
            for (long d : t.shape()) {
                in.addShape(d);
            }
            b.addInputs(in);
        }
        r.requestedOutputs()
                .forEach(n -> b.addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder()
                        .setName(n)));
        return b.build();
    }

    /** A response from the wire (for clients). */
    public static InferenceResponse fromWire(ModelInferResponse r) {
        boolean raw = r.getRawOutputContentsCount() > 0;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < r.getOutputsCount(); i++) {
            ModelInferResponse.InferOutputTensor o = r.getOutputs(i);
            tensors.put(
                    o.getName(),
                    TensorContents.decode(
                            "outputs[" + i + "]",
                            o.getDatatype(),
                            o.getShapeList(),
                            o.getContents(),
                            raw && i < r.getRawOutputContentsCount() ? r.getRawOutputContents(i) : null));
        }
        return new InferenceResponse(
                r.getModelName(),
                r.getModelVersion().isEmpty() ? null : r.getModelVersion(),
                r.getId().isEmpty() ? null : r.getId(),
                parameters(r.getParametersMap()),
                Payload.ofTensors(tensors));
    }

    private static Map<String, Object> parameters(Map<String, InferParameter> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> {
            switch (v.getParameterChoiceCase()) {
                case BOOL_PARAM -> out.put(k, v.getBoolParam());
                case INT64_PARAM -> out.put(k, v.getInt64Param());
                case STRING_PARAM -> out.put(k, v.getStringParam());
                default -> {}
            }
        });
        return out;
    }

    private static Map<String, InferParameter> toParameters(Map<String, Object> in) {
        Map<String, InferParameter> out = new LinkedHashMap<>();
        in.forEach((k, v) -> {
            if (v instanceof Boolean b) {
                out.put(k, InferParameter.newBuilder().setBoolParam(b).build());
            } else if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
                out.put(
                        k,
                        InferParameter.newBuilder().setInt64Param(n.longValue()).build());
            } else if (v != null) {
                out.put(
                        k,
                        InferParameter.newBuilder()
                                .setStringParam(String.valueOf(v))
                                .build());
            }
        });
        return out;
    }

    /** Exposed for tests of the raw layout. */
    static ByteString raw(Tensor t) {
        return TensorContents.raw(t);
    }

    static InferTensorContents typed(Tensor t) {
        return TensorContents.typed(t);
    }
}
