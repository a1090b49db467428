package dev.slipway.client;

import dev.slipway.protocol.v1.SeldonMessage;

/**
 * The outcome of a call, as {@code SeldonClientPrediction}: {@code success} when the server answered
 * 200, {@code msg} otherwise ({@code "<code>:<reason>"} or the transport error), the request sent, the
 * raw response body and, when it parsed as a SeldonMessage, the response message.
 */
public record Result(boolean success, String msg, int status, byte[] requestBody, String responseBody, SeldonMessage response) {}
