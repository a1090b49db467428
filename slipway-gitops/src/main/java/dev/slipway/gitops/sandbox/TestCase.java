package dev.slipway.gitops.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One declarative e2e case: send {@code request} to a deployment's predictions endpoint and compare the
 * answer with {@code expect} (a subset: every field given must match; numbers within {@code tolerance}).
 *
 * @param name its name
 * @param deployment the deployment's name
 * @param namespace its namespace, or null for the run's namespace
 * @param request the request body
 * @param expect the expected part of the answer
 * @param tolerance absolute tolerance for numbers
 * @param status the expected HTTP status (for gRPC: the status its code stands for, OK = 200)
 * @param transport {@code rest} or {@code grpc}
 */
public record TestCase(
        String name,
        String deployment,
        String namespace,
        JsonNode request,
        JsonNode expect,
        double tolerance,
        int status,
        String transport) {

    /** The transports a case may name. */
    public static final java.util.Set<String> TRANSPORTS = java.util.Set.of("rest", "grpc");
}
