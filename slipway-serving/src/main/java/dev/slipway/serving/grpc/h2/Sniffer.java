package dev.slipway.serving.grpc.h2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The first look at an HTTP/2 connection with prior knowledge: answers the preface with the server's SETTINGS (gRPC
 * clients such as grpc-java wait for them before their first request), holds what arrives until the first request's
 * header block is complete, then either replaces Vert.x's handlers behind it with a {@link Connection} (the request is
 * gRPC) or steps aside and lets them have everything (any other request, a frame it cannot read, or more than
 * {@link #MAX_HELD} bytes without a request). Vert.x's own SETTINGS are the same, so a connection passed on sees the
 * same settings twice, which HTTP/2 allows.
 */
final class Sniffer extends ChannelInboundHandlerAdapter {

    /** At most this many bytes are held while waiting for the first request's headers. */
    static final int MAX_HELD = 64 * 1024;

    private static final int PREFACE_LENGTH =
            Http2CodecUtil.connectionPrefaceBuf().readableBytes();

    private final GrpcH2 server;
    private @Nullable CompositeByteBuf held;
    private boolean settingsSent;

    Sniffer(GrpcH2 server) {
        this.server = server;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf chunk)) {
            ctx.fireChannelRead(msg);
            return;
        }
        CompositeByteBuf bytes = held;
        if (bytes == null) {
            bytes = ctx.alloc().compositeBuffer();
            held = bytes;
        }
        bytes.addComponent(true, chunk);
        if (bytes.readableBytes() < PREFACE_LENGTH) {
            return;
        }
        if (!settingsSent) {
            if (!ByteBufUtil.equals(
                    bytes, bytes.readerIndex(), Http2CodecUtil.connectionPrefaceBuf(), 0, PREFACE_LENGTH)) {
                passOn(ctx); // Vert.x answers a broken preface
                return;
            }
            settingsSent = true;
            new DefaultHttp2FrameWriter().writeSettings(ctx, server.settings(), ctx.voidPromise());
            ctx.flush();
        }
        final Http2Headers first;
        try {
            first = firstHeaders(ctx, bytes);
        } catch (Http2Exception e) {
            passOn(ctx); // Vert.x answers frames it cannot read with the right error
            return;
        }
        if (first != null) {
            if (isGrpc(first)) {
                keep(ctx);
            } else {
                passOn(ctx);
            }
        } else if (bytes.readableBytes() > MAX_HELD) {
            passOn(ctx);
        }
    }

    /** The headers of the first request once its header block is complete (read on a copy), else null. */
    private @Nullable Http2Headers firstHeaders(ChannelHandlerContext ctx, ByteBuf bytes) throws Http2Exception {
        final ByteBuf view = bytes.duplicate().skipBytes(PREFACE_LENGTH);
        final Long maxList = server.settings().maxHeaderListSize();
        final FirstHeaders found = new FirstHeaders();
        try (DefaultHttp2FrameReader reader = new DefaultHttp2FrameReader(new DefaultHttp2HeadersDecoder(
                true, maxList == null ? Http2CodecUtil.DEFAULT_HEADER_LIST_SIZE : maxList))) {
            reader.readFrame(ctx, view, found);
        }
        return found.headers;
    }

    private static boolean isGrpc(Http2Headers headers) {
        final CharSequence type = headers.get("content-type");
        return type != null && isGrpc(type.toString());
    }

    /** Whether a request's content type is gRPC's own ({@code application/grpc…}, not gRPC-Web). */
    static boolean isGrpc(String contentType) {
        return contentType.startsWith("application/grpc") && !contentType.startsWith("application/grpc-web");
    }

    /** The connection is gRPC: a {@link Connection} replaces every handler behind this one, then reads it all. */
    private void keep(ChannelHandlerContext ctx) {
        final ChannelPipeline pipeline = ctx.pipeline();
        final List<String> behind = new ArrayList<>();
        boolean after = false;
        for (String name : pipeline.names()) {
            if (after && pipeline.get(name) != null) {
                behind.add(name);
            }
            after |= name.equals(ctx.name());
        }
        for (String name : behind) {
            pipeline.remove(name);
        }
        if (server.idleSeconds() > 0) {
            pipeline.addLast(new IdleStateHandler(0, 0, server.idleSeconds(), TimeUnit.SECONDS));
        }
        pipeline.addLast(new Connection(server));
        final ByteBuf bytes = held;
        held = null;
        pipeline.remove(this);
        if (bytes != null) {
            pipeline.fireChannelRead(bytes);
            pipeline.fireChannelReadComplete();
        }
    }

    /** Not gRPC: Vert.x's handlers behind this one get everything from the preface on. */
    private void passOn(ChannelHandlerContext ctx) {
        final ByteBuf bytes = held;
        held = null;
        ctx.pipeline().remove(this);
        if (bytes != null) {
            ctx.fireChannelRead(bytes);
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        final CompositeByteBuf bytes = held;
        if (bytes != null) {
            held = null;
            bytes.release();
        }
    }

    /** Notes the first request's headers; every other frame is only read past. */
    private static final class FirstHeaders extends Http2FrameAdapter {
        @Nullable
        Http2Headers headers;

        @Override
        public void onHeadersRead(
                ChannelHandlerContext ctx, int streamId, Http2Headers h, int padding, boolean endOfStream) {
            if (headers == null) {
                headers = h;
            }
        }

        @Override
        public void onHeadersRead(
                ChannelHandlerContext ctx,
                int streamId,
                Http2Headers h,
                int streamDependency,
                short weight,
                boolean exclusive,
                int padding,
                boolean endOfStream) {
            onHeadersRead(ctx, streamId, h, padding, endOfStream);
        }
    }
}
