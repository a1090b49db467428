package dev.slipway.serving.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** The gateway's REST adapter: each route makes a {@link GatewayCall}, asks the {@link DeploymentService}, and answers once. */
final class HttpGateway {

  private final DeploymentService service;
  private final GatewayMetrics metrics;

  HttpGateway(DeploymentService service, GatewayMetrics metrics) {
    this.service = service;
    this.metrics = metrics;
  }

  private static GatewayCall call(RoutingContext rc, String service) {
    return new GatewayCall(rc.pathParam("ns"), rc.pathParam("dep"), service, rc.request().method().name());
  }

  void predictions(RoutingContext rc) {
    final GatewayCall call = call(rc, "predictions");
    final Buffer raw = rc.body().buffer() == null ? Buffer.buffer() : rc.body().buffer();
    json(rc, call, attempt(() -> service.predict(call, raw)));
  }

  void feedback(RoutingContext rc) {
    final GatewayCall call = call(rc, "feedback");
    final byte[] body = rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes();
    json(rc, call, attempt(() -> service.feedback(call, body)));
  }

  void metadata(RoutingContext rc) {
    final GatewayCall call = call(rc, "metadata");
    json(rc, call, attempt(() -> service.metadata(call, rc.pathParam("model"))));
  }

  /** Forwards {@code /seldon/{ns}/{dep}/v2/...} to the node that serves the named model. */
  void v2(RoutingContext rc) {
    final GatewayCall call = call(rc, "v2");
    final String uri = rc.request().uri();
    final String path = uri.substring(uri.indexOf("/v2/"));
    final HttpMethod method = rc.request().method();
    attempt(() -> service.v2(call, method, path, rc.request().getHeader("Content-Type"), rc.body().buffer()))
        .onComplete(r -> {
          if (r.failed()) {
            fail(rc, call, r.cause());
          } else if (call.answer()) {
            final HttpServerResponse response = rc.response().setStatusCode(r.result().status());
            if (r.result().contentType() != null) {
              response.putHeader("Content-Type", r.result().contentType());
            }
            response.end(r.result().body());
            metrics.server(call, r.result().status());
          }
        });
  }

  private static <T> Future<T> attempt(java.util.function.Supplier<Future<T>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private void json(RoutingContext rc, GatewayCall call, Future<? extends JsonNode> result) {
    result.onComplete(r -> {
      if (r.failed()) {
        fail(rc, call, r.cause());
      } else {
        reply(rc, call, 200, r.result());
      }
    });
  }

  private void reply(RoutingContext rc, GatewayCall call, int status, JsonNode body) {
    if (!call.answer()) {
      return;
    }
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(SeldonJson.bytes(body)));
    metrics.server(call, status);
  }

  private void fail(RoutingContext rc, GatewayCall call, Throwable cause) {
    final Failure f = Failure.of(cause);
    reply(rc, call, f.status(), f.body());
  }

  /** The status and Seldon error body of a failure. */
  record Failure(int status, ObjectNode body) {
    static Failure of(Throwable cause) {
      if (cause instanceof GatewayException g) {
        return new Failure(g.httpStatus(), SeldonJson.failure(g.httpStatus(), g.reason(), g.getMessage()));
      }
      if (cause instanceof ComponentException c) {
        return new Failure(c.httpStatus(), c.body());
      }
      return new Failure(500, SeldonJson.failure(500, "GATEWAY_ERROR", String.valueOf(cause)));
    }

    /** The human-readable message of the failure. */
    String info() {
      return body.path("status").path("info").asText(String.valueOf(status));
    }
  }
}
