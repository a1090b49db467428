package dev.slipway.serving.http;

import dev.slipway.protocol.v1.SeldonMessageWriter;
import dev.slipway.serving.handler.DataPlane;
import dev.slipway.serving.metrics.ServingMetrics;

/** Seldon's health paths and the Prometheus paths ({@code /prometheus} as Seldon, {@code /metrics}). */
final class HealthEndpoints {

    private HealthEndpoints() {}

    static void register(RouteTable<Endpoint> routes, DataPlane plane, ServingMetrics metrics) {
        routes.add("GET", "/health/ping", new Endpoint("ping", ErrorStyle.SELDON, false, r -> Reply.text(200, "pong")));
        routes.add(
                "GET",
                "/health/status",
                new Endpoint(
                        "health",
                        ErrorStyle.SELDON,
                        true,
                        r -> Reply.json(SeldonMessageWriter.write(plane.healthStatus()))));
        routes.add(
                "GET",
                "/ready",
                new Endpoint(
                        "ready",
                        ErrorStyle.SELDON,
                        false,
                        r -> plane.ready() ? Reply.text(200, "ready") : Reply.text(503, "not ready")));
        routes.add("GET", "/live", new Endpoint("live", ErrorStyle.SELDON, false, r -> Reply.text(200, "live")));
        Endpoint scrape = new Endpoint(
                "metrics",
                ErrorStyle.SELDON,
                false,
                r -> new Reply(
                        200,
                        ServingMetrics.CONTENT_TYPE,
                        metrics.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        routes.add("GET", "/prometheus", scrape);
        routes.add("GET", "/metrics", scrape);
    }
}
