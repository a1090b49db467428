package dev.slipway.controlplane;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.gitops.target.Condition;
import dev.slipway.gitops.target.DeploymentStatus;
import dev.slipway.gitops.target.ReplicaStatus;
import java.util.List;

/** The API's JSON for deployment status (conditions with Kubernetes-style names). */
final class StatusJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StatusJson() {}

  static ObjectNode of(DeploymentStatus s) {
    final ObjectNode node = NODES.objectNode();
    node.put("namespace", s.namespace());
    node.put("name", s.name());
    node.put("generation", s.generation());
    node.put("ready", s.ready());
    final ArrayNode conditions = node.putArray("conditions");
    for (final Condition c : s.conditions()) {
      final ObjectNode cn = conditions.addObject();
      cn.put("type", camel(c.type().name()));
      cn.put("status", camel(c.status().name()));
      cn.put("reason", camel(c.reason().name()));
      cn.put("message", c.message());
      cn.put("lastTransitionTime", c.lastTransitionTime().toString());
    }
    final ArrayNode replicas = node.putArray("replicas");
    for (final ReplicaStatus r : s.replicas()) {
      final ObjectNode rn = replicas.addObject();
      rn.put("predictor", r.key().predictor());
      rn.put("node", r.key().node());
      rn.put("replica", r.key().replica());
      rn.put("state", camel(r.state().name()));
      rn.put("revision", r.revision());
      rn.put("port", r.port());
      rn.put("pid", r.pid());
      rn.put("restarts", r.restarts());
      if (r.lastExitCode() != null) {
        rn.put("lastExitCode", r.lastExitCode());
        rn.put("lastExitTime", String.valueOf(r.lastExitTime()));
      }
      rn.put("logFile", r.logFile());
      if (!r.logTail().isEmpty()) {
        final ArrayNode tail = rn.putArray("logTail");
        r.logTail().forEach(tail::add);
      }
    }
    final ArrayNode warnings = node.putArray("warnings");
    s.warnings().forEach(warnings::add);
    return node;
  }

  static ArrayNode list(List<DeploymentStatus> all) {
    final ArrayNode array = NODES.arrayNode();
    all.forEach(s -> array.add(of(s)));
    return array;
  }

  /** {@code REPLICAS_NOT_READY} → {@code ReplicasNotReady}; {@code TRUE} → {@code True}. */
  static String camel(String constant) {
    final StringBuilder sb = new StringBuilder();
    for (final String part : constant.split("_")) {
      sb.append(part.charAt(0)).append(part.substring(1).toLowerCase());
    }
    return sb.toString();
  }
}
