package dev.slipway.serving.grpc.h2;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersDecoder;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One connection's HPACK decoder that remembers the last header block it decoded: a client sends every call of a
 * method with the same header block, byte for byte, once its dynamic table holds what it repeats (grpc-java, grpcio
 * and h2load all do), so a block equal to the last one gets the headers decoded from that one, without Huffman
 * decoding, validation and a new headers object again (~1/6 of a model server's CPU on a gRPC call).
 *
 * <p>Only a block that leaves the dynamic table as it was is remembered: one made of indexed fields and literals
 * without indexing or never indexed (RFC 7541 6.1, 6.2.2, 6.2.3). Such a block decodes to the same headers for as
 * long as the table does not change, and the table changes only through a block that is not remembered (a literal
 * with incremental indexing, a table size update), which forgets the last one, as does a change of the table's size
 * limit or a failure. Everything else goes to {@code decoder}, in order, as before. The headers handed out twice are
 * shared between the calls: read, never changed (the lean path only reads a call's metadata).
 */
final class RepeatedHeaders implements Http2HeadersDecoder, Http2HeadersDecoder.Configuration {

    /** The longest block remembered: a call's block is ~20–300 bytes. */
    static final int MAX_BLOCK = 1024;

    private final Http2HeadersDecoder decoder;
    private final byte[] last = new byte[MAX_BLOCK];
    private int lastLength;
    private @Nullable Http2Headers lastHeaders;

    RepeatedHeaders(Http2HeadersDecoder decoder) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    @Override
    public Http2Headers decodeHeaders(int streamId, ByteBuf block) throws Http2Exception {
        final int length = block.readableBytes();
        final int from = block.readerIndex();
        final Http2Headers known = lastHeaders;
        if (known != null && length == lastLength && same(block, from, length)) {
            block.skipBytes(length);
            return known;
        }
        final boolean keep = length <= MAX_BLOCK && leavesTableAlone(block, from, from + length);
        lastHeaders = null; // until the block is decoded: a failure leaves nothing to reuse
        final Http2Headers headers = decoder.decodeHeaders(streamId, block);
        if (keep) {
            block.getBytes(from, last, 0, length);
            lastLength = length;
            lastHeaders = headers;
        }
        return headers;
    }

    private boolean same(ByteBuf block, int from, int length) {
        for (int i = 0; i < length; i++) {
            if (block.getByte(from + i) != last[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the block at {@code [from, to)} is made only of fields that do not touch the dynamic table (and is
     * well formed as far as this reads it; anything else is left to the decoder, which says what is wrong).
     */
    static boolean leavesTableAlone(ByteBuf block, int from, int to) {
        int at = from;
        while (at < to) {
            final int first = block.getUnsignedByte(at);
            if ((first & 0x80) != 0) { // indexed field
                at = skipInteger(block, at, to, 7);
            } else if ((first & 0xc0) == 0x40 || (first & 0xe0) == 0x20) {
                return false; // literal with incremental indexing, or a table size update
            } else { // literal without indexing (0000) or never indexed (0001): a name (indexed or literal), a value
                final boolean newName = (first & 0x0f) == 0;
                at = skipInteger(block, at, to, 4);
                if (newName) {
                    at = skipString(block, at, to);
                }
                at = skipString(block, at, to);
            }
            if (at < 0) {
                return false;
            }
        }
        return at == to;
    }

    /** Skips an integer with an N-bit prefix at {@code at} (RFC 7541 5.1): where the next field starts, or -1. */
    private static int skipInteger(ByteBuf block, int at, int to, int prefixBits) {
        if (at < 0 || at >= to) {
            return -1;
        }
        final int mask = (1 << prefixBits) - 1;
        if ((block.getUnsignedByte(at) & mask) != mask) {
            return at + 1;
        }
        for (int i = at + 1; i < to && i <= at + 5; i++) {
            if ((block.getUnsignedByte(i) & 0x80) == 0) {
                return i + 1;
            }
        }
        return -1; // cut short or longer than an int
    }

    /** Skips a string literal (RFC 7541 5.2): its length as a 7-bit-prefix integer, then its bytes; or -1. */
    private static int skipString(ByteBuf block, int at, int to) {
        if (at < 0 || at >= to) {
            return -1;
        }
        long length = block.getUnsignedByte(at) & 0x7f;
        int next = at + 1;
        if (length == 0x7f) {
            int shift = 0;
            while (true) {
                if (next >= to || shift > 28) {
                    return -1;
                }
                final int b = block.getUnsignedByte(next++);
                length += (long) (b & 0x7f) << shift;
                shift += 7;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
        }
        final long end = next + length;
        return end > to ? -1 : (int) end;
    }

    @Override
    public Configuration configuration() {
        return this;
    }

    @Override
    public void maxHeaderTableSize(long max) throws Http2Exception {
        lastHeaders = null;
        decoder.configuration().maxHeaderTableSize(max);
    }

    @Override
    public long maxHeaderTableSize() {
        return decoder.configuration().maxHeaderTableSize();
    }

    @Override
    public void maxHeaderListSize(long max, long goAwayMax) throws Http2Exception {
        lastHeaders = null;
        decoder.configuration().maxHeaderListSize(max, goAwayMax);
    }

    @Override
    public long maxHeaderListSize() {
        return decoder.configuration().maxHeaderListSize();
    }

    @Override
    public long maxHeaderListSizeGoAway() {
        return decoder.configuration().maxHeaderListSizeGoAway();
    }
}
