package dev.slipway.serving.http;

import dev.slipway.serving.handler.DataPlane;
import dev.slipway.serving.metrics.ServingMetrics;

/** The model server's whole route table: Seldon v1, Open Inference v2, health and metrics. */
public final class Routes {

    private Routes() {}

    public static RouteTable<Endpoint> of(DataPlane plane, ServingMetrics metrics, String version) {
        RouteTable<Endpoint> routes = new RouteTable<Endpoint>();
        V1Endpoints.register(routes, plane);
        V2Endpoints.register(routes, plane, version);
        HealthEndpoints.register(routes, plane, metrics);
        return routes;
    }
}
