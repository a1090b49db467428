package dev.slipway.serving.grpc.h2;

import dev.slipway.serving.grpc.GrpcErrors;
import dev.slipway.serving.grpc.Unary;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2FrameTypes;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.net.impl.ShutdownEvent;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cleartext HTTP/2 connection serving unary gRPC calls (RFC 9113, as much as a unary gRPC server needs): Netty's
 * frame reader decodes frames and HPACK; this class keeps the streams, both directions' flow-control windows, PING,
 * SETTINGS and GOAWAY, and writes each answer as at most three frames in one write (HEADERS, DATA, trailers) with header
 * blocks encoded once ({@link Blocks}). A request that is not gRPC gets {@code 415} (or {@code 405} for a method other
 * than POST); a stream or connection error is answered with RST_STREAM or GOAWAY and the right error code; Vert.x's
 * graceful shutdown ({@link ShutdownEvent}) and the idle timeout end the connection with GOAWAY.
 */
final class Connection extends ByteToMessageDecoder implements Http2FrameListener {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    /** The connection-level window granted to the client at once (its initial 65,535 bytes are raised to this). */
    static final int CONNECTION_WINDOW = 1 << 20;

    private static final int PREFACE_LENGTH =
            Http2CodecUtil.connectionPrefaceBuf().readableBytes();
    private static final int END_STREAM = 0x1;
    private static final int END_HEADERS = 0x4;

    private final GrpcH2 server;
    private final Unary unary;
    private final DefaultHttp2FrameReader reader;
    private final DefaultHttp2FrameWriter writer = new DefaultHttp2FrameWriter();
    private final IntObjectMap<Stream> streams = new IntObjectHashMap<>();
    private final ArrayDeque<Stream> blocked = new ArrayDeque<>();
    private final Blocks.Encoder hpack = new Blocks.Encoder();
    private final int streamReceiveWindow;
    private final long maxStreams;
    private @Nullable ChannelHandlerContext ctx;
    private @Nullable ContextInternal context;
    private boolean prefaceRead;
    private int lastStreamId;
    private boolean goingAway;
    private boolean failed;
    private boolean reading;
    private boolean flushNeeded;
    private int connectionReceiveWindow = Http2CodecUtil.DEFAULT_WINDOW_SIZE;
    private int connectionUnacked;
    private int connectionSendWindow = Http2CodecUtil.DEFAULT_WINDOW_SIZE;
    private int initialSendWindow = Http2CodecUtil.DEFAULT_WINDOW_SIZE;
    private int maxFrameOut = Http2CodecUtil.DEFAULT_MAX_FRAME_SIZE;

    Connection(GrpcH2 server) {
        this.server = server;
        this.unary = server.unary();
        final Http2Settings local = server.settings();
        final Integer window = local.initialWindowSize();
        this.streamReceiveWindow = window == null ? Http2CodecUtil.DEFAULT_WINDOW_SIZE : window;
        final Long max = local.maxConcurrentStreams();
        this.maxStreams = max == null ? Long.MAX_VALUE : max;
        final Long maxList = local.maxHeaderListSize();
        this.reader = new DefaultHttp2FrameReader(new RepeatedHeaders(new DefaultHttp2HeadersDecoder(
                true, maxList == null ? Http2CodecUtil.DEFAULT_HEADER_LIST_SIZE : maxList)));
        final Integer maxFrame = local.maxFrameSize();
        if (maxFrame != null) {
            try {
                reader.maxFrameSize(maxFrame);
            } catch (Http2Exception e) {
                throw new IllegalArgumentException("max frame size " + maxFrame, e);
            }
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext c) {
        this.ctx = c;
        this.context = server.vertx()
                .contextBuilder()
                .withEventLoop(c.channel().eventLoop())
                .build();
        // the connection window a gRPC message needs, at once (the SETTINGS were sent by the Sniffer)
        writer.writeWindowUpdate(c, 0, CONNECTION_WINDOW - connectionReceiveWindow, c.voidPromise());
        connectionReceiveWindow = CONNECTION_WINDOW;
        flushNeeded = true;
    }

    @Override
    public void channelRead(ChannelHandlerContext c, Object msg) throws Exception {
        reading = true;
        super.channelRead(c, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext c) throws Exception {
        reading = false;
        flushIfNeeded(c);
        super.channelReadComplete(c);
    }

    @Override
    protected void decode(ChannelHandlerContext c, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (!prefaceRead) {
            if (in.readableBytes() < PREFACE_LENGTH) {
                return;
            }
            if (!ByteBufUtil.equals(in, in.readerIndex(), Http2CodecUtil.connectionPrefaceBuf(), 0, PREFACE_LENGTH)) {
                connectionError(c, Http2Error.PROTOCOL_ERROR, "not the HTTP/2 connection preface");
                return;
            }
            in.skipBytes(PREFACE_LENGTH);
            prefaceRead = true;
        }
        try {
            reader.readFrame(c, in, this);
        } catch (Http2Exception.StreamException e) {
            reset(c, e.streamId(), e.error());
        } catch (Http2Exception e) {
            connectionError(c, e.error(), e.getMessage());
        }
    }

    // --- requests

    @Override
    public void onHeadersRead(
            ChannelHandlerContext c, int streamId, Http2Headers headers, int padding, boolean endOfStream)
            throws Http2Exception {
        final Stream open = streams.get(streamId);
        if (open != null) { // trailers of the request
            if (open.requestDone || !endOfStream) {
                throw Http2Exception.streamError(
                        streamId, Http2Error.PROTOCOL_ERROR, "a second header block without END_STREAM");
            }
            endRequest(open);
            return;
        }
        if ((streamId & 1) == 0 || streamId <= lastStreamId) {
            throw Http2Exception.connectionError(
                    Http2Error.PROTOCOL_ERROR, "a request on stream %d after stream %d", streamId, lastStreamId);
        }
        if (goingAway) {
            return; // after GOAWAY: not processed, the client retries elsewhere
        }
        lastStreamId = streamId;
        if (streams.size() >= maxStreams) {
            reset(c, streamId, Http2Error.REFUSED_STREAM);
            return;
        }
        final CharSequence method = headers.method();
        final CharSequence path = headers.path();
        final CharSequence type = headers.get("content-type");
        final String contentType = type == null ? null : type.toString();
        final boolean grpc = contentType != null && Sniffer.isGrpc(contentType);
        final Unary.Method work = grpc && path != null ? unary.method(path.toString()) : null;
        final CharSequence encoding = headers.get("grpc-encoding");
        final Stream stream = new Stream(
                streamId,
                this,
                work,
                metadata(headers),
                encoding == null ? null : encoding.toString(),
                streamReceiveWindow,
                initialSendWindow);
        streams.put(streamId, stream);
        if (endOfStream) {
            stream.requestDone = true;
        }
        if (method == null || !"POST".contentEquals(method) || !grpc || path == null) {
            stream.abandonCall();
            writeHeadersOnly(
                    stream, hpack.prefixed(Blocks.status(method != null && !"POST".contentEquals(method) ? 405 : 415)));
            return;
        }
        final GrpcErrors.GrpcFailure refused = unary.refusal(work, path.toString(), contentType);
        if (refused != null) {
            unary.fail(stream, work, refused);
            return;
        }
        if (endOfStream) {
            run(stream);
        }
    }

    @Override
    public void onHeadersRead(
            ChannelHandlerContext c,
            int streamId,
            Http2Headers headers,
            int streamDependency,
            short weight,
            boolean exclusive,
            int padding,
            boolean endOfStream)
            throws Http2Exception {
        onHeadersRead(c, streamId, headers, padding, endOfStream);
    }

    @Override
    public int onDataRead(ChannelHandlerContext c, int streamId, ByteBuf data, int padding, boolean endOfStream)
            throws Http2Exception {
        final int n = data.readableBytes() + padding;
        connectionReceiveWindow -= n;
        if (connectionReceiveWindow < 0) {
            throw Http2Exception.connectionError(Http2Error.FLOW_CONTROL_ERROR, "DATA beyond the connection's window");
        }
        connectionUnacked += n;
        if (connectionUnacked >= CONNECTION_WINDOW / 2) {
            writer.writeWindowUpdate(c, 0, connectionUnacked, c.voidPromise());
            connectionReceiveWindow += connectionUnacked;
            connectionUnacked = 0;
            flushNeeded = true;
        }
        final Stream stream = streams.get(streamId);
        if (stream == null) {
            if (streamId > lastStreamId) {
                throw Http2Exception.connectionError(Http2Error.PROTOCOL_ERROR, "DATA on idle stream %d", streamId);
            }
            return n; // a stream answered and reset already (or refused): ignored, RFC 9113 5.1
        }
        if (stream.requestDone) {
            throw Http2Exception.streamError(streamId, Http2Error.STREAM_CLOSED, "DATA after END_STREAM");
        }
        stream.receiveWindow -= n;
        if (stream.receiveWindow < 0) {
            throw Http2Exception.streamError(streamId, Http2Error.FLOW_CONTROL_ERROR, "DATA beyond the window");
        }
        final Unary.Method method = stream.method;
        if (!stream.isAnswered() && method != null) {
            ((BufferInternal) stream.body).appendBuffer(BufferInternal.buffer(data));
            final GrpcErrors.GrpcFailure tooLarge = unary.oversized(method, stream.body);
            if (tooLarge != null) {
                unary.fail(stream, method, tooLarge);
            }
        }
        if (endOfStream) {
            endRequest(stream);
        } else {
            stream.unacked += n;
            if (stream.unacked >= streamReceiveWindow / 2) {
                writer.writeWindowUpdate(c, streamId, stream.unacked, c.voidPromise());
                stream.receiveWindow += stream.unacked;
                stream.unacked = 0;
                flushNeeded = true;
            }
        }
        return n;
    }

    private void endRequest(Stream stream) {
        stream.requestDone = true;
        if (stream.closed) {
            streams.remove(stream.id); // answered before the request ended
            closeIfDone();
        } else if (!stream.isAnswered()) {
            run(stream);
        }
    }

    private void run(Stream stream) {
        final Unary.Method method = stream.method;
        final ContextInternal c = context;
        if (method == null || c == null) {
            return;
        }
        c.dispatch(() -> unary.run(stream, method, stream.body, stream.encoding, stream.metadata));
    }

    /** The call's metadata: a view of its headers (as Vert.x's HTTP/2 server gave them), nothing copied. */
    private static MultiMap metadata(Http2Headers headers) {
        return new io.vertx.core.http.impl.headers.Http2HeadersAdaptor(headers);
    }

    // --- answers

    /** Writes {@code message} and an OK status on {@code stream}: in one write when the client's windows allow. */
    void answer(Stream stream, Buffer message) {
        final ChannelHandlerContext c = ctx;
        if (c == null) {
            return;
        }
        if (!c.executor().inEventLoop()) {
            c.executor().execute(() -> answer(stream, message));
            return;
        }
        if (stream.closed || failed) {
            return;
        }
        final int length = 5 + message.length();
        final ByteBuf payload = ((BufferInternal) message).getByteBuf();
        if (length <= maxFrameOut && length <= connectionSendWindow && length <= stream.sendWindow) {
            final byte[] head = hpack.headers();
            final byte[] tail = hpack.trailers();
            final ByteBuf out = c.alloc().buffer(27 + head.length + length + tail.length);
            Blocks.frameHeader(out, head.length, Http2FrameTypes.HEADERS, END_HEADERS, stream.id);
            out.writeBytes(head);
            Blocks.frameHeader(out, length, Http2FrameTypes.DATA, 0, stream.id);
            out.writeByte(0).writeInt(message.length()).writeBytes(payload, payload.readerIndex(), message.length());
            Blocks.frameHeader(out, tail.length, Http2FrameTypes.HEADERS, END_HEADERS | END_STREAM, stream.id);
            out.writeBytes(tail);
            connectionSendWindow -= length;
            stream.sendWindow -= length;
            write(c, out);
            finish(stream);
            return;
        }
        // larger than the client's windows or frame size: HEADERS now, DATA as the windows open, then the trailers
        final byte[] head = hpack.headers();
        final ByteBuf headers = c.alloc().buffer(9 + head.length);
        Blocks.frameHeader(headers, head.length, Http2FrameTypes.HEADERS, END_HEADERS, stream.id);
        headers.writeBytes(head);
        write(c, headers);
        final ByteBuf data = Unpooled.buffer(length);
        data.writeByte(0).writeInt(message.length()).writeBytes(payload, payload.readerIndex(), message.length());
        stream.pending = data;
        drain(c, stream);
    }

    /** Writes a failure's status as a trailers-only answer on {@code stream}. */
    void answer(Stream stream, GrpcStatus status, @Nullable String message) {
        final ChannelHandlerContext c = ctx;
        if (c == null) {
            return;
        }
        if (!c.executor().inEventLoop()) {
            c.executor().execute(() -> answer(stream, status, message));
            return;
        }
        writeHeadersOnly(stream, hpack.prefixed(Blocks.failure(status, message)));
    }

    private void writeHeadersOnly(Stream stream, byte[] block) {
        final ChannelHandlerContext c = ctx;
        if (c == null || stream.closed || failed) {
            return;
        }
        final ByteBuf out = c.alloc().buffer(9 + block.length);
        Blocks.frameHeader(out, block.length, Http2FrameTypes.HEADERS, END_HEADERS | END_STREAM, stream.id);
        out.writeBytes(block);
        write(c, out);
        finish(stream);
    }

    /** Writes the answer's waiting DATA as far as the windows allow, then its trailers; false while it waits. */
    private boolean drain(ChannelHandlerContext c, Stream stream) {
        final ByteBuf data = stream.pending;
        if (data == null) {
            return true;
        }
        while (data.isReadable()) {
            final int n = Math.min(
                    Math.min(data.readableBytes(), maxFrameOut), Math.min(connectionSendWindow, stream.sendWindow));
            if (n <= 0) {
                if (!blocked.contains(stream)) {
                    blocked.add(stream);
                }
                return false;
            }
            final ByteBuf frame = c.alloc().buffer(9 + n);
            Blocks.frameHeader(frame, n, Http2FrameTypes.DATA, 0, stream.id);
            frame.writeBytes(data, n);
            connectionSendWindow -= n;
            stream.sendWindow -= n;
            write(c, frame);
        }
        stream.releasePending();
        final byte[] tail = hpack.trailers();
        final ByteBuf trailers = c.alloc().buffer(9 + tail.length);
        Blocks.frameHeader(trailers, tail.length, Http2FrameTypes.HEADERS, END_HEADERS | END_STREAM, stream.id);
        trailers.writeBytes(tail);
        write(c, trailers);
        finish(stream);
        return true;
    }

    private void drainBlocked(ChannelHandlerContext c) {
        for (int i = blocked.size(); i > 0 && connectionSendWindow > 0; i--) {
            final Stream s = blocked.poll();
            if (s != null && !s.closed && !drain(c, s)) {
                blocked.remove(s);
                blocked.add(s); // still waiting: to the back
            }
        }
    }

    /** The answer's last frame is written: the stream ends (the client is told to stop sending if it has not). */
    private void finish(Stream stream) {
        stream.closed = true;
        if (!stream.requestDone) {
            final ChannelHandlerContext c = ctx;
            if (c != null) {
                writer.writeRstStream(c, stream.id, Http2Error.NO_ERROR.code(), c.voidPromise());
            }
        }
        streams.remove(stream.id);
        closeIfDone();
    }

    private void write(ChannelHandlerContext c, ByteBuf out) {
        if (reading) {
            c.write(out, c.voidPromise());
            flushNeeded = true;
        } else {
            c.writeAndFlush(out, c.voidPromise());
        }
    }

    private void flushIfNeeded(ChannelHandlerContext c) {
        if (flushNeeded) {
            flushNeeded = false;
            c.flush();
        }
    }

    // --- the connection's other frames

    @Override
    public void onSettingsRead(ChannelHandlerContext c, Http2Settings settings) throws Http2Exception {
        final Integer window = settings.initialWindowSize();
        if (window != null) {
            final int delta = window - initialSendWindow;
            initialSendWindow = window;
            for (Stream s : streams.values()) {
                final long next = (long) s.sendWindow + delta;
                if (next > Integer.MAX_VALUE) {
                    throw Http2Exception.connectionError(
                            Http2Error.FLOW_CONTROL_ERROR, "SETTINGS_INITIAL_WINDOW_SIZE overflows a window");
                }
                s.sendWindow = (int) next;
            }
        }
        final Long table = settings.headerTableSize();
        if (table != null) {
            hpack.tableSize(table);
        }
        final Integer frame = settings.maxFrameSize();
        if (frame != null) {
            maxFrameOut = frame;
        }
        writer.writeSettingsAck(c, c.voidPromise());
        flushNeeded = true;
        drainBlocked(c);
    }

    @Override
    public void onWindowUpdateRead(ChannelHandlerContext c, int streamId, int increment) throws Http2Exception {
        if (streamId == 0) {
            if ((long) connectionSendWindow + increment > Integer.MAX_VALUE) {
                throw Http2Exception.connectionError(Http2Error.FLOW_CONTROL_ERROR, "the connection window overflows");
            }
            connectionSendWindow += increment;
        } else {
            final Stream s = streams.get(streamId);
            if (s == null) {
                return; // closed (or never opened): nothing to send there
            }
            if ((long) s.sendWindow + increment > Integer.MAX_VALUE) {
                throw Http2Exception.streamError(streamId, Http2Error.FLOW_CONTROL_ERROR, "the window overflows");
            }
            s.sendWindow += increment;
        }
        drainBlocked(c);
    }

    @Override
    public void onPingRead(ChannelHandlerContext c, long data) {
        writer.writePing(c, true, data, c.voidPromise());
        flushNeeded = true;
    }

    @Override
    public void onRstStreamRead(ChannelHandlerContext c, int streamId, long errorCode) {
        final Stream s = streams.remove(streamId);
        if (s != null) {
            drop(s);
            closeIfDone();
        }
    }

    @Override
    public void onGoAwayRead(ChannelHandlerContext c, int lastStreamId, long errorCode, ByteBuf debugData) {
        goingAway = true; // the client opens no more streams; those open finish
        closeIfDone();
    }

    @Override
    public void onPushPromiseRead(
            ChannelHandlerContext c, int streamId, int promisedStreamId, Http2Headers headers, int padding)
            throws Http2Exception {
        throw Http2Exception.connectionError(Http2Error.PROTOCOL_ERROR, "a client sent PUSH_PROMISE");
    }

    @Override
    public void onPriorityRead(
            ChannelHandlerContext c, int streamId, int streamDependency, short weight, boolean exclusive) {
        // priorities do not matter to unary calls answered as soon as they are done
    }

    @Override
    public void onSettingsAckRead(ChannelHandlerContext c) {
        // the Sniffer's SETTINGS are in force
    }

    @Override
    public void onPingAckRead(ChannelHandlerContext c, long data) {
        // this side sends no PING
    }

    @Override
    public void onUnknownFrame(
            ChannelHandlerContext c,
            byte frameType,
            int streamId,
            io.netty.handler.codec.http2.Http2Flags flags,
            ByteBuf payload) {
        // ignored, as RFC 9113 5.5 says
    }

    // --- errors, shutdown, idle

    private void reset(ChannelHandlerContext c, int streamId, Http2Error error) {
        final Stream s = streams.remove(streamId);
        if (s != null) {
            drop(s);
        }
        writer.writeRstStream(c, streamId, error.code(), c.voidPromise());
        flushNeeded = true;
        if (!reading) {
            flushIfNeeded(c);
        }
        closeIfDone();
    }

    private void drop(Stream s) {
        s.closed = true;
        s.abandonCall();
        s.releasePending();
        blocked.remove(s);
    }

    private void connectionError(ChannelHandlerContext c, Http2Error error, @Nullable String message) {
        if (failed) {
            return;
        }
        failed = true;
        LOG.debug("HTTP/2 connection error {} from {}: {}", error, c.channel().remoteAddress(), message);
        final ByteBuf debug = Unpooled.copiedBuffer(message == null ? "" : message, StandardCharsets.UTF_8);
        writer.writeGoAway(c, lastStreamId, error.code(), debug, c.newPromise());
        c.flush();
        c.close();
    }

    /** Stops taking streams: GOAWAY now, the connection closes once the open streams are answered. */
    private void goAway(ChannelHandlerContext c) {
        if (!goingAway) {
            goingAway = true;
            writer.writeGoAway(c, lastStreamId, Http2Error.NO_ERROR.code(), Unpooled.EMPTY_BUFFER, c.newPromise());
            c.flush();
        }
        closeIfDone();
    }

    private void closeIfDone() {
        final ChannelHandlerContext c = ctx;
        if (goingAway && streams.isEmpty() && c != null) {
            c.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext c, Object evt) throws Exception {
        if (evt instanceof ShutdownEvent) {
            goAway(c); // Vert.x's server.shutdown(grace): it closes what is still open after the grace
        } else if (evt instanceof IdleStateEvent) {
            if (streams.isEmpty()) {
                goAway(c);
            }
        } else {
            super.userEventTriggered(c, evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) throws Exception {
        for (Stream s : streams.values()) {
            drop(s);
        }
        streams.clear();
        blocked.clear();
        super.channelInactive(c);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        LOG.debug("HTTP/2 connection from {} failed", c.channel().remoteAddress(), cause);
        c.close();
    }
}
