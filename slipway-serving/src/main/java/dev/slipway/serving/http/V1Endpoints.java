package dev.slipway.serving.http;

import dev.slipway.model.ModelMetadata;
import dev.slipway.model.TensorSpec;
import dev.slipway.protocol.json.Json;
import dev.slipway.protocol.v1.SeldonMessageReader;
import dev.slipway.protocol.v1.SeldonMessageWriter;
import dev.slipway.serving.handler.DataPlane;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seldon v1: the external paths ({@code /api/v1.0/predictions}, {@code /feedback}, {@code /metadata};
 * {@code /api/v0.1/…} as aliases) and the component paths a graph orchestrator calls on any node
 * ({@code /predict}, {@code /transform-input}, {@code /transform-output}, {@code /route},
 * {@code /aggregate}, {@code /send-feedback}). Each accepts POST, and GET with {@code ?json=}.
 */
public final class V1Endpoints {

    private V1Endpoints() {}

    static void register(RouteTable<Endpoint> routes, DataPlane plane) {
        Endpoint predict = model(
                "predictions",
                r -> Reply.message(
                        SeldonMessageWriter.write(plane.predict(SeldonMessageReader.readMessage(r.body())))));
        Endpoint feedback = model(
                "feedback",
                r -> Reply.message(
                        SeldonMessageWriter.write(plane.sendFeedback(SeldonMessageReader.readFeedback(r.body())))));
        for (String version : List.of("v1.0", "v0.1")) {
            both(routes, "/api/" + version + "/predictions", predict);
            both(routes, "/api/" + version + "/feedback", feedback);
        }
        both(routes, "/predict", predict);
        both(routes, "/send-feedback", new Endpoint("send-feedback", ErrorStyle.SELDON, true, feedback.handler()));
        both(
                routes,
                "/transform-input",
                model(
                        "transform-input",
                        r -> Reply.message(SeldonMessageWriter.write(
                                plane.transformInput(SeldonMessageReader.readMessage(r.body()))))));
        both(
                routes,
                "/transform-output",
                model(
                        "transform-output",
                        r -> Reply.message(SeldonMessageWriter.write(
                                plane.transformOutput(SeldonMessageReader.readMessage(r.body()))))));
        both(
                routes,
                "/route",
                model(
                        "route",
                        r -> Reply.message(
                                SeldonMessageWriter.write(plane.route(SeldonMessageReader.readMessage(r.body()))))));
        both(
                routes,
                "/aggregate",
                model(
                        "aggregate",
                        r -> Reply.message(
                                SeldonMessageWriter.write(plane.aggregate(SeldonMessageReader.readList(r.body()))))));
        Endpoint metadata = new Endpoint("metadata", ErrorStyle.SELDON, false, r -> Reply.json(metadata(plane)));
        routes.add("GET", "/api/v1.0/metadata", metadata);
        routes.add("GET", "/metadata", metadata);
    }

    private static Endpoint model(String service, Endpoint.Handler h) {
        return new Endpoint(service, ErrorStyle.SELDON, true, h);
    }

    private static void both(RouteTable<Endpoint> routes, String path, Endpoint e) {
        routes.add("POST", path, e);
        routes.add("GET", path, e);
    }

    /** Seldon's model metadata: name, versions, platform, inputs, outputs, custom. */
    public static byte[] metadata(DataPlane plane) {
        ModelMetadata m = plane.metadata();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", plane.modelName());
        out.put("versions", m.versions());
        out.put("platform", m.platform());
        out.put("inputs", specs(m.inputs()));
        out.put("outputs", specs(m.outputs()));
        out.put("custom", m.custom());
        return Json.write(out);
    }

    private static List<Object> specs(List<TensorSpec> specs) {
        List<Object> l = new ArrayList<>();
        for (TensorSpec s : specs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put(
                    "datatype",
                    s.type() == dev.slipway.model.DataType.STRING
                            ? "BYTES"
                            : s.type().name());
            m.put("shape", s.shape());
            l.add(m);
        }
        return l;
    }
}
