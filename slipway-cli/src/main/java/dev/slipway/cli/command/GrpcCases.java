package dev.slipway.cli.command;

import dev.slipway.client.ClientOptions;
import dev.slipway.client.Gateway;
import dev.slipway.client.PredictionClient;
import dev.slipway.client.Result;
import dev.slipway.gitops.sandbox.CaseTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The sandbox's {@code transport: grpc} cases: {@code seldon.protos.Seldon/Predict} through the sandbox's gateway with
 * Ambassador's metadata, by {@link PredictionClient}'s gRPC path. A gRPC failure is reported as the HTTP status the
 * gateway gives the same failure over REST, so a case's {@code status} means the same on both transports.
 */
final class GrpcCases implements CaseTransport {

    @Override
    public Answer predict(String gateway, String namespace, String deployment, String json, Duration timeout) {
        final ClientOptions options = ClientOptions.builder()
                .transport(ClientOptions.Transport.GRPC)
                .gateway(Gateway.AMBASSADOR)
                .gatewayEndpoint(gateway)
                .namespace(namespace)
                .deploymentName(deployment)
                .timeout(timeout)
                .build();
        try (PredictionClient client = new PredictionClient(options)) {
            final Result r = client.predictRaw(json.getBytes(StandardCharsets.UTF_8));
            return r.success() ? new Answer(200, r.responseBody()) : new Answer(httpStatus(r.status()), r.msg());
        }
    }

    /** The HTTP status a gRPC status code stands for (as the gateway maps its errors). */
    static int httpStatus(int grpcCode) {
        return switch (io.grpc.Status.Code.values()[grpcCode]) {
            case OK -> 200;
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED -> 409;
            case RESOURCE_EXHAUSTED -> 413;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case DEADLINE_EXCEEDED -> 504;
            default -> 500;
        };
    }
}
