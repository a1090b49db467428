package dev.slipway.controlplane.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.slipway.support.Mappers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every route answers: records as (pretty) JSON, errors through the one {@link ErrorMapper}, blocking work off the
 * event loop, request bodies read into records with errors that name the field.
 */
public final class Replies {

    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private final Vertx vertx;
    private final ErrorMapper errors;
    private final ObjectMapper json;

    public Replies(Vertx vertx, ErrorMapper errors) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.json = mapper();
    }

    /** The API's JSON: the shared limits and ISO-8601 times, indented, unknown request fields ignored. */
    public static ObjectMapper mapper() {
        return Mappers.json()
                .rebuild()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** The event loops' owner (for routes that stream). */
    public Vertx vertx() {
        return vertx;
    }

    /** Runs {@code work} off the event loop and sends its reply, or the mapped error. */
    public void blocking(RoutingContext rc, Callable<Reply> work) {
        vertx.executeBlocking(work, false).onComplete(ar -> {
            if (ar.succeeded()) {
                send(rc, ar.result());
            } else {
                fail(rc, ar.cause());
            }
        });
    }

    /** Runs {@code work} off the event loop and sends what it returns as JSON with {@code status}. */
    public void blockingJson(RoutingContext rc, int status, Callable<?> work) {
        blocking(rc, () -> Reply.json(status, work.call()));
    }

    /** Sends {@code reply}. */
    public void send(RoutingContext rc, Reply reply) {
        if (rc.response().ended()) {
            return;
        }
        if (reply.file() != null) {
            rc.response()
                    .setStatusCode(reply.status())
                    .putHeader("Content-Type", reply.contentType())
                    .sendFile(reply.file().toString())
                    .onComplete(x -> {
                        try {
                            Files.deleteIfExists(reply.file());
                        } catch (IOException e) {
                            // a leftover temporary file under the data folder is harmless; the next one has another
                            // name
                            LOG.debug(
                                    "a leftover temporary file under the data folder is harmless; the next one has another name",
                                    e);
                        }
                    });
        } else if (reply.bytes() != null) {
            rc.response()
                    .setStatusCode(reply.status())
                    .putHeader("Content-Type", reply.contentType())
                    .end(Buffer.buffer(reply.bytes()));
        } else {
            json(rc, reply.status(), reply.body());
        }
    }

    /** Sends {@code body} as JSON. */
    public void json(RoutingContext rc, int status, Object body) {
        final String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            fail(rc, e);
            return;
        }
        if (!rc.response().ended()) {
            rc.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .end(text + "\n");
        }
    }

    /** Sends the error answer for {@code failure}. */
    public void fail(RoutingContext rc, Throwable failure) {
        final ErrorMapper.Mapped m = errors.map(failure);
        json(rc, m.status(), m.body());
    }

    /**
     * The request's body as {@code type}: 400 naming the field when it is missing, not JSON, not an object, or a field
     * has the wrong type.
     */
    public <T> T body(RoutingContext rc, Class<T> type) {
        final String text = rc.body() == null ? null : rc.body().asString();
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("request body: a JSON object is required");
        }
        try {
            if (!json.readTree(text).isObject()) {
                throw ApiException.badRequest("request body: must be a JSON object");
            }
            return json.readValue(text, type);
        } catch (JsonMappingException e) {
            final String field = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw ApiException.badRequest((field.isEmpty() ? "request body" : field) + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("invalid"));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("request body: malformed JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    /** {@code value}, or 400 {@code FIELD: missing} when it is null or blank. */
    public static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + ": missing");
        }
        return value;
    }
}
