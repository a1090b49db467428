package dev.slipway.client;

import dev.slipway.protocol.v1.SeldonMessage;

/**
 * The outcome of a call, as {@code SeldonClientPrediction}: {@code success} when the server answered
 * 200, {@code msg} otherwise ({@code "<code>:<reason>"} or the transport error), the request sent, the
 * raw response body and, when it parsed as a SeldonMessage, the response message. {@code status} is the HTTP status
 * over REST and the gRPC status code over gRPC (0 = OK; {@code msg} then starts with the code's name).
 */
public record Result(
        boolean success, String msg, int status, byte[] requestBody, String responseBody, SeldonMessage response) {}
