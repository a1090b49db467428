package dev.slipway.serving.gateway;

import dev.slipway.protocol.grpc.seldon.Meta;
import dev.slipway.protocol.grpc.seldon.SeldonMessage;
import io.vertx.core.buffer.Buffer;

/**
 * Adds a node's {@code meta.requestPath} entry to a serialized {@code SeldonMessage} without parsing it: protobuf
 * merges a message's fields when its bytes are concatenated (embedded messages merge, map entries add up, the last
 * wins), so appending the bytes of {@code {meta{requestPath{node: image}}}} is the same as setting the entry.
 */
final class RequestPaths {

    private RequestPaths() {}

    static Buffer append(Buffer message, GraphRoute node) {
        final byte[] entry = SeldonMessage.newBuilder()
                .setMeta(Meta.newBuilder().putRequestPath(node.name(), node.image()))
                .build()
                .toByteArray();
        return Buffer.buffer(message.length() + entry.length)
                .appendBuffer(message)
                .appendBytes(entry);
    }
}
