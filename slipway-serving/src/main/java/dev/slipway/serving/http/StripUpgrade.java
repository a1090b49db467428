package dev.slipway.serving.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The first handler of a connection: holds its first bytes until the first request's header block is
 * complete, renames an {@code Upgrade: h2c} header there to {@code X-Noupg} (same length: nothing else moves),
 * then leaves the pipeline. A connection that starts with the HTTP/2 preface, or whose header block
 * exceeds {@link #MAX_HEAD} bytes, is passed on untouched (to the port's own HTTP/2 handler first when it has one:
 * {@link H2c#takeOver}). See {@link H2c}.
 */
final class StripUpgrade extends ChannelInboundHandlerAdapter {

    static final String NAME = "slipwayStripUpgrade";
    static final int MAX_HEAD = 64 * 1024;

    private static final byte[] PREFACE = "PRI * HTTP/2.0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NAME_UPGRADE = "upgrade:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RENAMED = "X-Noupg".getBytes(StandardCharsets.US_ASCII);

    private final H2c.@Nullable PriorKnowledge http2;
    private CompositeByteBuf held;

    StripUpgrade(H2c.@Nullable PriorKnowledge http2) {
        this.http2 = http2;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf chunk)) {
            release(ctx, msg);
            return;
        }
        if (held == null) {
            held = ctx.alloc().compositeBuffer();
        }
        held.addComponent(true, chunk);
        int n = Math.min(held.readableBytes(), PREFACE.length);
        if (startsWith(held, PREFACE, n)) {
            if (n == PREFACE.length) {
                if (http2 != null) {
                    ctx.pipeline().addAfter(ctx.name(), null, http2.connection());
                }
                release(ctx, null); // HTTP/2 with prior knowledge (gRPC): nothing to rewrite
            }
            return;
        }
        int end = headEnd(held);
        if (end < 0 && held.readableBytes() < MAX_HEAD) {
            return; // wait for the rest of the header block
        }
        if (end >= 0) {
            rename(held, end);
        }
        release(ctx, null);
    }

    /** True when the first {@code n} bytes are the first {@code n} of {@code prefix}. */
    private static boolean startsWith(ByteBuf b, byte[] prefix, int n) {
        for (int i = 0; i < n; i++) {
            if (b.getByte(b.readerIndex() + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int headEnd(ByteBuf b) {
        int from = b.readerIndex();
        int to = b.writerIndex() - 3;
        for (int i = from; i < to; i++) {
            if (b.getByte(i) == '\r'
                    && b.getByte(i + 1) == '\n'
                    && b.getByte(i + 2) == '\r'
                    && b.getByte(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Renames every header line starting {@code upgrade:} (any case) before {@code end}. */
    private static void rename(ByteBuf b, int end) {
        for (int i = b.readerIndex(); i < end; i++) {
            if (b.getByte(i) == '\n' && matches(b, i + 1, end) && asksForH2c(b, i + 1 + NAME_UPGRADE.length, end)) {
                b.setBytes(i + 1, RENAMED);
            }
        }
    }

    /** True when the header value from {@code at} to the end of its line names h2c (a WebSocket upgrade stays). */
    private static boolean asksForH2c(ByteBuf b, int at, int end) {
        StringBuilder value = new StringBuilder();
        for (int i = at; i < end && b.getByte(i) != '\r'; i++) {
            value.append((char) Character.toLowerCase(b.getByte(i)));
        }
        return value.indexOf("h2c") >= 0;
    }

    private static boolean matches(ByteBuf b, int at, int end) {
        if (at + NAME_UPGRADE.length > end) {
            return false;
        }
        for (int k = 0; k < NAME_UPGRADE.length; k++) {
            byte c = b.getByte(at + k);
            if (c >= 'A' && c <= 'Z') {
                c = (byte) (c + 32);
            }
            if (c != NAME_UPGRADE[k]) {
                return false;
            }
        }
        return true;
    }

    private void release(ChannelHandlerContext ctx, Object other) {
        CompositeByteBuf b = held;
        held = null;
        ctx.pipeline().remove(this);
        if (b != null) {
            ctx.fireChannelRead(b);
        }
        if (other != null) {
            ctx.fireChannelRead(other);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (held != null) {
            held.release();
            held = null;
        }
    }
}
