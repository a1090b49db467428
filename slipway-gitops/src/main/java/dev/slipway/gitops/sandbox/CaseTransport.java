package dev.slipway.gitops.sandbox;

import java.io.IOException;
import java.time.Duration;

/**
 * Sends a case's request by a transport other than REST ({@code transport: grpc} in a cases file): the module that
 * has a gRPC client supplies it to the {@link Sandbox}.
 */
@FunctionalInterface
public interface CaseTransport {

    /**
     * The answer to a case, as REST would report it.
     *
     * @param status the HTTP status the call's outcome stands for (200 for OK; gRPC codes as the gateway maps them:
     *     INVALID_ARGUMENT 400, NOT_FOUND 404, RESOURCE_EXHAUSTED 413, …)
     * @param body the answer's JSON (or the error message)
     */
    record Answer(int status, String body) {}

    /** Sends {@code json} (a SeldonMessage) to {@code deployment} in {@code namespace} through {@code gateway}. */
    Answer predict(String gateway, String namespace, String deployment, String json, Duration timeout)
            throws IOException, InterruptedException;
}
