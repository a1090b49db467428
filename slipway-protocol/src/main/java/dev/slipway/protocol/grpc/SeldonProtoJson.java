package dev.slipway.protocol.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.slipway.protocol.ProtocolException;
import dev.slipway.protocol.grpc.seldon.Feedback;
import dev.slipway.protocol.grpc.seldon.SeldonMessage;
import dev.slipway.protocol.grpc.seldon.SeldonMessageList;
import dev.slipway.protocol.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Seldon's protobuf messages and their JSON form, converted the way Seldon's own wrapper does
 * ({@code json_format}): a gRPC call is handled exactly as the REST call with the same JSON, by the same
 * readers and writers, so both transports accept and answer the same things. Numbers in {@code ndarray}
 * and {@code jsonData} are doubles on the protobuf side ({@code 2} comes back as {@code 2.0}), as with
 * Seldon. The common spellings go through Jackson's streaming API ({@link ProtoJsonWriter},
 * {@link ProtoJsonReader}: {@code JsonFormat}'s reflection cost more than the rest of a prediction); anything else
 * through {@code JsonFormat} itself, so the results are the same.
 */
public final class SeldonProtoJson {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    /** Answers may carry fields outside the schema: they are dropped, as the Python client does. */
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private SeldonProtoJson() {}

    /** The JSON of any Seldon message (SeldonMessage, Feedback, SeldonMessageList, metadata). */
    public static byte[] toJson(Message message) {
        final byte[] fast = ProtoJsonWriter.write(message);
        if (fast != null) {
            return fast;
        }
        try {
            return PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            // only an Any whose type is unknown here gets this far: customData is not supported over JSON
            throw new ProtocolException("the message cannot be converted: " + e.getMessage());
        }
    }

    /** A SeldonMessage from its JSON. */
    public static SeldonMessage message(byte[] json) {
        SeldonMessage fast = null;
        try {
            fast = ProtoJsonReader.read(Json.parser(json));
        } catch (IOException e) {
            // JsonFormat reads it below, and says what is wrong
        }
        return fast != null ? fast : (SeldonMessage) merge(json, SeldonMessage.newBuilder(), "SeldonMessage");
    }

    /** A SeldonMessage from its JSON tree (without writing it out first). */
    public static SeldonMessage message(JsonNode json) {
        final SeldonMessage fast = ProtoJsonReader.read(Json.MAPPER.treeAsTokens(json));
        if (fast != null) {
            return fast;
        }
        try {
            return message(Json.MAPPER.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new ProtocolException("the answer cannot be written as JSON: " + e.getMessage());
        }
    }

    /** A Feedback from its JSON. */
    public static Feedback feedback(byte[] json) {
        return (Feedback) merge(json, Feedback.newBuilder(), "Feedback");
    }

    /** A SeldonMessageList from its JSON. */
    public static SeldonMessageList list(byte[] json) {
        return (SeldonMessageList) merge(json, SeldonMessageList.newBuilder(), "SeldonMessageList");
    }

    /** Merges {@code json} into {@code builder}; a JSON that does not fit the schema is a {@link ProtocolException}. */
    public static Message merge(byte[] json, Message.Builder builder, String what) {
        try {
            PARSER.merge(new String(json, StandardCharsets.UTF_8), builder);
            return builder.build();
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new ProtocolException("the answer does not fit Seldon's " + what + ": " + e.getMessage());
        }
    }
}
