package dev.slipway.serving.grpc.h2;

import dev.slipway.serving.grpc.GrpcWeb;
import io.netty.buffer.ByteBuf;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The header blocks a {@link Connection} writes, HPACK-encoded by hand: static-table indexes and literals "without
 * indexing" only, so no encoder state is needed and any client's decoder reads them (RFC 7541, 6.1 and 6.2.2).
 */
final class Blocks {

    /** {@code :status: 200}, {@code content-type: application/grpc}: the headers of every gRPC answer. */
    static final byte[] GRPC_HEADERS = concat(new byte[] {(byte) 0x88}, indexedName(31, "application/grpc"));

    /** {@code grpc-status: 0}: the trailers of a successful call. */
    static final byte[] OK_TRAILERS = newName("grpc-status", "0");

    /** The gRPC headers, adding {@code content-type: application/grpc} to the dynamic table (RFC 7541, 6.2.1). */
    static final byte[] GRPC_HEADERS_INDEXING = concat(new byte[] {(byte) 0x88, 0x5f}, string("application/grpc"));

    /** {@code grpc-status: 0}, added to the dynamic table. */
    static final byte[] OK_TRAILERS_INDEXING = concat(concat(new byte[] {0x40}, string("grpc-status")), string("0"));

    /** The longest {@code grpc-message} written: clients bound the headers they accept (grpc-java: 8 KiB). */
    static final int MAX_MESSAGE = 4096;

    private Blocks() {}

    /** A trailers-only answer: the gRPC headers, {@code grpc-status} and, when given, {@code grpc-message}. */
    static byte[] failure(GrpcStatus status, @Nullable String message) {
        byte[] block = concat(GRPC_HEADERS, newName("grpc-status", Integer.toString(status.code)));
        if (message != null && !message.isEmpty()) {
            block = concat(block, newName("grpc-message", truncated(GrpcWeb.percentEncoded(message))));
        }
        return block;
    }

    /** {@code :status: CODE} alone (an answer without a body to a request that is not gRPC). */
    static byte[] status(int code) {
        return indexedName(8, Integer.toString(code));
    }

    /** Writes an HTTP/2 frame header (RFC 9113, 4.1). */
    static void frameHeader(ByteBuf out, int length, byte type, int flags, int streamId) {
        out.writeMedium(length);
        out.writeByte(type);
        out.writeByte(flags);
        out.writeInt(streamId);
    }

    private static String truncated(String encoded) {
        if (encoded.length() <= MAX_MESSAGE) {
            return encoded;
        }
        int end = MAX_MESSAGE;
        // never cut a %XX escape in two
        for (int i = end - 2; i < end; i++) {
            if (encoded.charAt(i) == '%') {
                end = i;
                break;
            }
        }
        return encoded.substring(0, end);
    }

    /**
     * One connection's header blocks for OK answers: the first answer adds its {@code content-type} and
     * {@code grpc-status: 0} to the client's dynamic table, every later one names them by index (one byte each), as
     * any HTTP/2 server's HPACK encoder would. When the client lowers its {@code SETTINGS_HEADER_TABLE_SIZE} below
     * the default, the next block starts with a table size update to 0 and the literals are used from then on.
     */
    static final class Encoder {
        private boolean indexing = true;
        private boolean sizeUpdate;
        private int added;

        /** The client's {@code SETTINGS_HEADER_TABLE_SIZE}: below the default, stop using the dynamic table. */
        void tableSize(long size) {
            if (size < 4096 && indexing) {
                indexing = false;
                sizeUpdate = true;
                added = 0;
            }
        }

        /** The headers of an OK answer. */
        byte[] headers() {
            if (!indexing) {
                return prefixed(GRPC_HEADERS);
            }
            if (added == 0) {
                added = 1;
                return GRPC_HEADERS_INDEXING;
            }
            // content-type is entry 62 alone, 63 once grpc-status was added after it
            return new byte[] {(byte) 0x88, (byte) (0x80 | (added == 1 ? 62 : 63))};
        }

        /** The trailers of an OK answer (always after its headers). */
        byte[] trailers() {
            if (!indexing || added == 0) {
                return prefixed(OK_TRAILERS);
            }
            if (added == 1) {
                added = 2;
                return OK_TRAILERS_INDEXING;
            }
            return new byte[] {(byte) (0x80 | 62)};
        }

        /** Any other block (literals only): after a table size change, with the size update first. */
        byte[] prefixed(byte[] block) {
            if (!sizeUpdate) {
                return block;
            }
            sizeUpdate = false;
            return concat(new byte[] {0x20}, block); // dynamic table size update: 0
        }
    }

    /** A string literal, not Huffman-coded. */
    private static byte[] string(String s) {
        final byte[] out = new byte[5 + s.length()];
        return java.util.Arrays.copyOf(out, string(out, 0, s));
    }

    /** A literal without indexing whose name is the static table's entry {@code index} (4-bit prefix). */
    private static byte[] indexedName(int index, String value) {
        final byte[] out = new byte[8 + value.length()];
        int at = integer(out, 0, index, 4, 0x00);
        at = string(out, at, value);
        return java.util.Arrays.copyOf(out, at);
    }

    /** A literal without indexing with a new name. */
    private static byte[] newName(String name, String value) {
        final byte[] out = new byte[1 + 8 + name.length() + 8 + value.length()];
        out[0] = 0x00;
        int at = string(out, 1, name);
        at = string(out, at, value);
        return java.util.Arrays.copyOf(out, at);
    }

    /** A string literal, not Huffman-coded: its length (7-bit prefix) and its ASCII bytes. */
    private static int string(byte[] out, int at, String s) {
        final byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        int next = integer(out, at, bytes.length, 7, 0x00);
        System.arraycopy(bytes, 0, out, next, bytes.length);
        return next + bytes.length;
    }

    /** An HPACK integer with an {@code n}-bit prefix after the bits {@code first} (RFC 7541, 5.1). */
    private static int integer(byte[] out, int at, int value, int n, int first) {
        final int max = (1 << n) - 1;
        if (value < max) {
            out[at] = (byte) (first | value);
            return at + 1;
        }
        out[at++] = (byte) (first | max);
        int rest = value - max;
        while (rest >= 128) {
            out[at++] = (byte) ((rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        out[at++] = (byte) rest;
        return at;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        final byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
