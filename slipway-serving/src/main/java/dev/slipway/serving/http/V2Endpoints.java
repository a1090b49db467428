package dev.slipway.serving.http;

import dev.slipway.protocol.json.Json;
import dev.slipway.protocol.v2.V2Codec;
import dev.slipway.serving.handler.DataPlane;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Open Inference Protocol v2: server liveness/readiness/metadata, model metadata/readiness, and
 * inference, with and without a version segment.
 */
final class V2Endpoints {

    static final String SERVER_NAME = "slipway";

    private V2Endpoints() {}

    static void register(RouteTable<Endpoint> routes, DataPlane plane, String version) {
        routes.add("GET", "/v2/health/live", cheap("live", r -> Reply.json(Json.write(Map.of("live", true)))));
        routes.add("GET", "/v2/health/ready", cheap("ready", r -> readiness(plane.ready())));
        routes.add("GET", "/v2", cheap("server_metadata", r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", SERVER_NAME);
            m.put("version", version);
            m.put("extensions", List.of());
            return Reply.json(Json.write(m));
        }));
        for (String prefix : List.of("/v2/models/{model}", "/v2/models/{model}/versions/{version}")) {
            routes.add("GET", prefix, cheap("model_metadata", r -> {
                check(plane, r);
                return Reply.json(V2Codec.writeModelMetadata(plane.modelName(), plane.metadata()));
            }));
            routes.add("GET", prefix + "/ready", cheap("model_ready", r -> {
                check(plane, r);
                return readiness(plane.ready());
            }));
            routes.add("POST", prefix + "/infer", new Endpoint("infer", ErrorStyle.V2, true, r -> {
                check(plane, r);
                return Reply.json(V2Codec.writeResponse(plane.infer(V2Codec.readRequest(r.body()))));
            }));
        }
    }

    private static Endpoint cheap(String service, Endpoint.Handler h) {
        return new Endpoint(service, ErrorStyle.V2, false, h);
    }

    private static Reply readiness(boolean ready) {
        return Reply.json(ready ? 200 : 503, Json.write(Map.of("ready", ready)));
    }

    private static void check(DataPlane plane, Request r) {
        String name = r.param("model");
        if (!plane.modelName().equals(name)) {
            throw new HttpError(
                    404,
                    "MODEL_NOT_FOUND",
                    "model '" + name + "' not found (this server serves '" + plane.modelName() + "')");
        }
        String version = r.param("version");
        List<String> versions = plane.metadata().versions();
        if (version != null && !versions.isEmpty() && !versions.contains(version)) {
            throw new HttpError(
                    404,
                    "MODEL_NOT_FOUND",
                    "model '" + name + "' has no version '" + version + "' (versions: " + versions + ")");
        }
    }
}
