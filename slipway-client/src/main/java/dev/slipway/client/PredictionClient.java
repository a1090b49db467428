package dev.slipway.client;

import dev.slipway.model.Payload;
import dev.slipway.protocol.ProtocolException;
import dev.slipway.protocol.v1.DataForm;
import dev.slipway.protocol.v1.FeedbackMessage;
import dev.slipway.protocol.v1.Meta;
import dev.slipway.protocol.v1.SeldonMessage;
import dev.slipway.protocol.v1.SeldonMessageReader;
import dev.slipway.protocol.v1.SeldonMessageWriter;
import dev.slipway.protocol.v2.InferenceRequest;
import dev.slipway.protocol.v2.InferenceResponse;
import dev.slipway.protocol.v2.V2Codec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java counterpart of Seldon's Python {@code SeldonClient} (REST): predictions and feedback through
 * an Ambassador/Istio gateway or directly to a server, calls to a microservice's component paths, and
 * Open Inference v2. Thread-safe; one instance can serve many calls.
 */
public final class PredictionClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PredictionClient.class);

    private final ClientOptions options;
    private final HttpClient http;
    private final GrpcTransport grpc;

    /** A client over {@code options.transport()}: REST, or gRPC on one channel (close it with {@link #close()}). */
    public PredictionClient(ClientOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.timeout())
                .build();
        this.grpc = options.transport() == ClientOptions.Transport.GRPC ? new GrpcTransport(options) : null;
    }

    /** Closes the gRPC channel, if any. */
    @Override
    public void close() {
        if (grpc != null) {
            grpc.close();
        }
    }

    public ClientOptions options() {
        return options;
    }

    /** The message a predict call would send for {@code payload} with these options. */
    public SeldonMessage message(Payload payload, Map<String, Object> tags) {
        DataForm form =
                payload.kind() == Payload.Kind.TENSORS ? options.payloadType().form() : DataForm.NONE;
        return SeldonMessage.of(payload, form, Meta.EMPTY.withTags(tags));
    }

    /** Predicts through the configured gateway. */
    public Result predict(Payload payload, Map<String, Object> tags) {
        byte[] body = SeldonMessageWriter.write(message(payload, tags));
        if (grpc != null) {
            return grpc.predict(body);
        }
        return post(Urls.gatewayUrl(options, "predictions", false), "application/json", body, body, true);
    }

    /** Sends a request body as it is (for messages prepared elsewhere). */
    public Result predictRaw(byte[] body) {
        if (grpc != null) {
            return grpc.predict(body);
        }
        return post(Urls.gatewayUrl(options, "predictions", false), "application/json", body, body, true);
    }

    /** Sends feedback on a prediction through the configured gateway. */
    public Result feedback(SeldonMessage request, SeldonMessage response, double reward, SeldonMessage truth) {
        byte[] body = SeldonMessageWriter.writeFeedback(new FeedbackMessage(request, response, reward, truth));
        if (grpc != null) {
            return grpc.feedback(body);
        }
        return post(Urls.gatewayUrl(options, "feedback", true), "application/json", body, body, true);
    }

    /**
     * Calls a microservice's component path ({@code predict}, {@code route}, {@code transform-input},
     * {@code transform-output}, {@code send-feedback}) with a form-encoded {@code json} field, as
     * {@code SeldonClient.microservice} does.
     */
    public Result microservice(String method, SeldonMessage message) {
        if (!List.of("predict", "route", "transform-input", "transform-output", "send-feedback", "aggregate")
                .contains(method)) {
            throw new IllegalArgumentException("unknown microservice method '" + method + "'");
        }
        byte[] json = SeldonMessageWriter.write(message);
        byte[] form = ("json=" + URLEncoder.encode(new String(json, StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        return post(Urls.microserviceUrl(options, method), "application/x-www-form-urlencoded", form, json, true);
    }

    /** Open Inference v2 inference of {@code model}; the result's {@code responseBody} holds the v2 JSON. */
    public Result infer(String model, InferenceRequest request) {
        byte[] body = V2Codec.writeRequest(request);
        if (grpc != null) {
            return grpc.infer(model, request, body);
        }
        return post(Urls.v2InferUrl(options, model), "application/json", body, body, false);
    }

    /** Parses a v2 response body. */
    public static InferenceResponse parseV2(Result r) {
        return V2Codec.readResponse(r.responseBody().getBytes(StandardCharsets.UTF_8));
    }

    private Result post(String url, String contentType, byte[] wire, byte[] logical, boolean v1) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(options.timeout())
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(wire));
        if (options.gateway() != Gateway.SELDON) {
            options.headers().forEach(b::header);
        }
        if (options.callCredentialsToken() != null) {
            b.header("X-Auth-Token", options.callCredentialsToken());
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(false, "could not reach " + url + ": " + e, 0, logical, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted", 0, logical, null, null);
        }
        SeldonMessage parsed = null;
        if (v1 && r.body() != null && !r.body().isEmpty()) {
            try {
                parsed = SeldonMessageReader.readMessage(r.body().getBytes(StandardCharsets.UTF_8));
            } catch (ProtocolException ignored) {
                // not a SeldonMessage: the raw body is still returned
                LOG.debug("not a SeldonMessage: the raw body is still returned", ignored);
            }
        }
        boolean ok = r.statusCode() == 200;
        String msg = ok ? "" : r.statusCode() + ":" + reason(parsed, r.body());
        return new Result(ok, msg, r.statusCode(), logical, r.body(), parsed);
    }

    private static String reason(SeldonMessage parsed, String body) {
        if (parsed != null && parsed.status() != null && parsed.status().info() != null) {
            return parsed.status().info();
        }
        return body == null ? "" : body;
    }
}
