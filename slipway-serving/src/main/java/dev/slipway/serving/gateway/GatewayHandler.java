package dev.slipway.serving.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The gateway's request handlers: predictions and feedback through the graph executor (with traffic split
 * and shadows), metadata, and the OIP v2 proxy; errors in Seldon's shape.
 */
final class GatewayHandler {

  static final String DEFAULT_NAMESPACE = "default";

  private final Vertx vertx;
  private final RouteTable routes;
  private final GraphExecutor executor;
  private final ComponentClient client;
  private final GatewayMetrics metrics;

  GatewayHandler(Vertx vertx, RouteTable routes, GraphExecutor executor, ComponentClient client,
      GatewayMetrics metrics) {
    this.vertx = vertx;
    this.routes = routes;
    this.executor = executor;
    this.client = client;
    this.metrics = metrics;
  }

  private static String namespace(RoutingContext rc) {
    final String ns = rc.pathParam("ns");
    return ns == null ? DEFAULT_NAMESPACE : ns;
  }

  private RouteTable.Active active(RoutingContext rc) {
    final String ns = namespace(rc);
    final String name = rc.pathParam("dep");
    return routes.active(ns, name).orElseThrow(() ->
        GatewayException.notFound("no deployment '" + name + "' in namespace '" + ns + "'"));
  }

  static PredictorRoute choose(RouteTable.Active active) {
    final PredictorRoute p = active.splitter().next();
    if (p == null) {
      throw GatewayException.unavailable("deployment " + active.route().name() + " has no predictor taking traffic");
    }
    return p;
  }

  /** A one-node MODEL graph: the request goes to the model as received (its server validates it). */
  static boolean direct(GraphRoute graph) {
    return graph.children().isEmpty() && graph.steps().contains(Step.PREDICT)
        && !graph.steps().contains(Step.TRANSFORM_OUTPUT);
  }

  void predictions(RoutingContext rc) {
    final long start = System.nanoTime();
    final AtomicBoolean answered = new AtomicBoolean();
    final String deployment = rc.pathParam("dep");
    PredictorRoute chosen = null;
    try {
      final RouteTable.Active active = active(rc);
      final Buffer raw = rc.body().buffer() == null ? Buffer.buffer() : rc.body().buffer();
      final PredictorRoute predictor = choose(active);
      chosen = predictor;
      final CallContext ctx = new CallContext(active.route(), predictor);
      final Future<ObjectNode> result;
      final JsonNode requestTags;
      final String requestPuid;
      if (direct(predictor.graph())) {
        requestTags = null;
        requestPuid = null;
        result = executor.callRaw(predictor.graph(), Step.PREDICT, raw, ctx);
        for (final PredictorRoute shadow : active.shadows()) {
          shadow(active, shadow, raw.getBytes());
        }
      } else {
        final ObjectNode request = SeldonJson.parseRequest(raw.getBytes());
        final ObjectNode meta = request.get("meta") instanceof ObjectNode m ? m : request.putObject("meta");
        requestPuid = meta.path("puid").isTextual() && !meta.path("puid").asText().isEmpty()
            ? meta.get("puid").asText() : Puid.next();
        meta.put("puid", requestPuid);
        requestTags = meta.get("tags");
        for (final PredictorRoute shadow : active.shadows()) {
          executor.predict(shadow.graph(), request.deepCopy(), new CallContext(active.route(), shadow))
              .onComplete(ignored -> { });
        }
        result = executor.predict(predictor.graph(), request, ctx);
      }
      final long timer = vertx.setTimer(ctx.timeoutMillis, t -> fail(rc, answered, start, deployment, predictor,
          "predictions", GatewayException.timeout("no answer within " + ctx.timeoutMillis + " ms")));
      result.onComplete(done -> {
        vertx.cancelTimer(timer);
        if (done.failed()) {
          fail(rc, answered, start, deployment, predictor, "predictions", done.cause());
          return;
        }
        reply(rc, answered, start, deployment, predictor, "predictions", 200,
            finish(done.result(), ctx, requestPuid, requestTags));
      });
    } catch (RuntimeException e) {
      fail(rc, answered, start, deployment, chosen, "predictions", e);
    }
  }

  void shadow(RouteTable.Active active, PredictorRoute shadow, byte[] raw) {
    final CallContext ctx = new CallContext(active.route(), shadow);
    if (direct(shadow.graph())) {
      executor.callRaw(shadow.graph(), Step.PREDICT, Buffer.buffer(raw), ctx).onComplete(ignored -> { });
      return;
    }
    final ObjectNode request = SeldonJson.parseReply(raw);
    if (request != null) {
      executor.predict(shadow.graph(), request, ctx).onComplete(ignored -> { });
    }
  }

  /** The caller's answer: schema fields only, with puid, echoed and collected tags, routing, requestPath. */
  static ObjectNode finish(ObjectNode result, CallContext ctx, String requestPuid, JsonNode requestTags) {
    final ObjectNode answer = SeldonJson.sanitize(result);
    final ObjectNode outMeta = answer.get("meta") instanceof ObjectNode m ? m : answer.putObject("meta");
    if (requestPuid != null) {
      outMeta.put("puid", requestPuid);
    } else if (!outMeta.path("puid").isTextual() || outMeta.path("puid").asText().isEmpty()) {
      outMeta.put("puid", Puid.next());
    }
    final ObjectNode tags = SeldonJson.NODES.objectNode();
    if (requestTags != null && requestTags.isObject()) {
      tags.setAll((ObjectNode) requestTags);
    }
    ctx.tags.forEach(tags::set);
    if (!tags.isEmpty()) {
      outMeta.set("tags", tags);
    }
    if (!ctx.routing.isEmpty()) {
      final ObjectNode routing = outMeta.putObject("routing");
      ctx.routing.forEach(routing::put);
    }
    final ObjectNode path = outMeta.putObject("requestPath");
    ctx.requestPath.forEach(path::put);
    if (!ctx.metrics.isEmpty()) {
      outMeta.set("metrics", ctx.metrics);
    }
    return answer;
  }

  void feedback(RoutingContext rc) {
    final long start = System.nanoTime();
    final AtomicBoolean answered = new AtomicBoolean();
    final String deployment = rc.pathParam("dep");
    PredictorRoute predictor = null;
    try {
      final RouteTable.Active active = active(rc);
      final ObjectNode feedback = SeldonJson.parseRequest(rc.body().buffer() == null ? new byte[0]
          : rc.body().buffer().getBytes());
      predictor = servedBy(active, feedback);
      final PredictorRoute p = predictor;
      final CallContext ctx = new CallContext(active.route(), predictor);
      executor.feedback(predictor.graph(), feedback, ctx).onComplete(result -> {
        if (result.failed()) {
          fail(rc, answered, start, deployment, p, "feedback", result.cause());
          return;
        }
        final ObjectNode answer = result.result() == null ? emptyAnswer() : SeldonJson.sanitize(result.result());
        reply(rc, answered, start, deployment, p, "feedback", 200, answer);
      });
    } catch (RuntimeException e) {
      fail(rc, answered, start, deployment, predictor, "feedback", e);
    }
  }

  /** The predictor whose nodes the feedback's response names in its requestPath, else the traffic split's. */
  private static PredictorRoute servedBy(RouteTable.Active active, ObjectNode feedback) {
    final JsonNode path = feedback.path("response").path("meta").path("requestPath");
    if (path.isObject() && path.size() > 0) {
      for (final PredictorRoute p : active.route().predictors()) {
        if (!p.shadow() && matches(p.graph(), path)) {
          return p;
        }
      }
    }
    return choose(active);
  }

  private static boolean matches(GraphRoute node, JsonNode requestPath) {
    final List<String> names = new ArrayList<>();
    collect(node, names);
    final List<String> seen = new ArrayList<>();
    requestPath.fieldNames().forEachRemaining(seen::add);
    return names.containsAll(seen);
  }

  private static void collect(GraphRoute node, List<String> names) {
    names.add(node.name());
    node.children().forEach(c -> collect(c, names));
  }

  private static ObjectNode emptyAnswer() {
    final ObjectNode answer = SeldonJson.NODES.objectNode();
    answer.putObject("data").putArray("ndarray");
    answer.putObject("meta");
    return answer;
  }

  void metadata(RoutingContext rc) {
    final long start = System.nanoTime();
    final AtomicBoolean answered = new AtomicBoolean();
    final String deployment = rc.pathParam("dep");
    try {
      final RouteTable.Active active = active(rc);
      final PredictorRoute predictor = active.route().predictors().stream().filter(p -> !p.shadow())
          .max((a, b) -> Integer.compare(a.traffic(), b.traffic())).orElseThrow();
      final String model = rc.pathParam("model");
      final List<GraphRoute> nodes = new ArrayList<>();
      flatten(predictor.graph(), nodes);
      final long timeout = active.route().timeout().toMillis();
      if (model != null) {
        final GraphRoute node = nodes.stream().filter(n -> n.name().equals(model)).findFirst().orElseThrow(() ->
            new GatewayException(404, "MODEL_NOT_FOUND", "no model '" + model + "' in predictor " + predictor.name()));
        nodeMetadata(node, timeout).onComplete(r -> {
          if (r.failed()) {
            fail(rc, answered, start, deployment, predictor, "metadata", r.cause());
          } else {
            reply(rc, answered, start, deployment, predictor, "metadata", 200, r.result());
          }
        });
        return;
      }
      final List<Future<JsonNode>> all = new ArrayList<>();
      nodes.forEach(n -> all.add(nodeMetadata(n, timeout)));
      Future.all(all).onComplete(r -> {
        if (r.failed()) {
          fail(rc, answered, start, deployment, predictor, "metadata", r.cause());
          return;
        }
        final ObjectNode answer = SeldonJson.NODES.objectNode();
        answer.put("name", predictor.name());
        final ObjectNode models = answer.putObject("models");
        for (int i = 0; i < nodes.size(); i++) {
          models.set(nodes.get(i).name(), all.get(i).result());
        }
        answer.set("graphinputs", all.get(0).result().path("inputs"));
        answer.set("graphoutputs", all.get(0).result().path("outputs"));
        reply(rc, answered, start, deployment, predictor, "metadata", 200, answer);
      });
    } catch (RuntimeException e) {
      fail(rc, answered, start, deployment, null, "metadata", e);
    }
  }

  private Future<JsonNode> nodeMetadata(GraphRoute node, long timeout) {
    return client.send(node.pool(), HttpMethod.GET, "/api/v1.0/metadata", null, null, timeout).map(r -> {
      final ObjectNode parsed = SeldonJson.parseReply(r.body().getBytes());
      if (r.status() != 200 || parsed == null) {
        throw new GatewayException(502, "MICROSERVICE_BAD_RESPONSE", "node " + node.name() + " answered "
            + r.status() + " to /api/v1.0/metadata");
      }
      return parsed;
    });
  }

  private static void flatten(GraphRoute node, List<GraphRoute> into) {
    into.add(node);
    node.children().forEach(c -> flatten(c, into));
  }

  /** Forwards {@code /seldon/{ns}/{dep}/v2/...} to a replica of the chosen predictor's root node. */
  void v2(RoutingContext rc) {
    final long start = System.nanoTime();
    final AtomicBoolean answered = new AtomicBoolean();
    final String deployment = rc.pathParam("dep");
    PredictorRoute predictor = null;
    try {
      final RouteTable.Active active = active(rc);
      predictor = choose(active);
      final PredictorRoute p = predictor;
      final String path = rc.request().uri().substring(rc.request().uri().indexOf("/v2/"));
      final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
      final String contentType = rc.request().getHeader("Content-Type");
      if (contentType != null) {
        headers.add("Content-Type", contentType);
      }
      final Buffer body = rc.body().buffer();
      client.send(predictor.graph().pool(), rc.request().method(), path, headers,
          rc.request().method() == HttpMethod.GET ? null : body, active.route().timeout().toMillis())
          .onComplete(r -> {
            if (r.failed()) {
              fail(rc, answered, start, deployment, p, "v2", r.cause());
              return;
            }
            if (answered.compareAndSet(false, true)) {
              final HttpServerResponse response = rc.response().setStatusCode(r.result().status());
              if (r.result().contentType() != null) {
                response.putHeader("Content-Type", r.result().contentType());
              }
              response.end(r.result().body());
              metrics.server(deployment, p, "v2", rc.request().method().name(), r.result().status(),
                  System.nanoTime() - start);
            }
          });
    } catch (RuntimeException e) {
      fail(rc, answered, start, deployment, predictor, "v2", e);
    }
  }

  private void reply(RoutingContext rc, AtomicBoolean answered, long start, String deployment,
      PredictorRoute predictor, String service, int status, JsonNode body) {
    if (!answered.compareAndSet(false, true)) {
      return;
    }
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(SeldonJson.bytes(body)));
    metrics.server(deployment, predictor, service, rc.request().method().name(), status, System.nanoTime() - start);
  }

  private void fail(RoutingContext rc, AtomicBoolean answered, long start, String deployment,
      PredictorRoute predictor, String service, Throwable cause) {
    final Failure f = Failure.of(cause);
    reply(rc, answered, start, deployment, predictor, service, f.status(), f.body());
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
  }


}
