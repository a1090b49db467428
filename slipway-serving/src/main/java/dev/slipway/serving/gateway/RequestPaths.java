package dev.slipway.serving.gateway;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Adds a node's {@code meta.requestPath} entry to a serialized {@code SeldonMessage} without parsing it: protobuf
 * merges a message's fields when its bytes are concatenated (embedded messages merge, map entries add up, the last
 * wins), so appending the bytes of {@code {meta{requestPath{node: image}}}} is the same as setting the entry. Those
 * bytes are written directly (field numbers of {@code prediction.proto}: {@code SeldonMessage.meta} 2,
 * {@code Meta.requestPath} 4, a map entry's key 1 and value 2), with no message builders per call.
 */
final class RequestPaths {

    private static final int META = 2;
    private static final int REQUEST_PATH = 4;

    private RequestPaths() {}

    static Buffer append(Buffer message, GraphRoute node) {
        final int entry = CodedOutputStream.computeStringSize(1, node.name())
                + CodedOutputStream.computeStringSize(2, node.image());
        final int field = CodedOutputStream.computeTagSize(REQUEST_PATH)
                + CodedOutputStream.computeUInt32SizeNoTag(entry)
                + entry;
        final byte[] out = new byte
                [CodedOutputStream.computeTagSize(META) + CodedOutputStream.computeUInt32SizeNoTag(field) + field];
        final CodedOutputStream coded = CodedOutputStream.newInstance(out);
        try {
            coded.writeTag(META, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            coded.writeUInt32NoTag(field);
            coded.writeTag(REQUEST_PATH, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            coded.writeUInt32NoTag(entry);
            coded.writeString(1, node.name());
            coded.writeString(2, node.image());
            coded.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an array of the right size
        }
        return Buffer.buffer(message.length() + out.length)
                .appendBuffer(message)
                .appendBytes(out);
    }
}
