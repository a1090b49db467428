package dev.slipway.serving.grpc.h2;

import dev.slipway.serving.grpc.Unary;
import io.netty.buffer.ByteBuf;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.common.GrpcStatus;
import org.jspecify.annotations.Nullable;

/**
 * One request stream of a {@link Connection}: the call's method, metadata and body as they arrive, the windows of both
 * directions, and the answer's bytes still waiting for the client's window. It is the call {@link Unary} answers
 * through.
 */
final class Stream extends Unary.Call {

    final int id;
    final Connection connection;
    final Unary.@Nullable Method method;
    final MultiMap metadata;
    final @Nullable String encoding;
    final Buffer body = Buffer.buffer();
    /** The client's END_STREAM arrived. */
    boolean requestDone;
    /** The last frame of the answer was written (or the stream was reset). */
    boolean closed;
    /** Bytes the client may still send on this stream. */
    int receiveWindow;
    /** Bytes received on this stream since its last WINDOW_UPDATE. */
    int unacked;
    /** Bytes this side may still send on this stream. */
    int sendWindow;
    /** The answer's DATA not written yet (waiting for a window), then its trailers. */
    @Nullable
    ByteBuf pending;

    Stream(
            int id,
            Connection connection,
            Unary.@Nullable Method method,
            MultiMap metadata,
            @Nullable String encoding,
            int receiveWindow,
            int sendWindow) {
        this.id = id;
        this.connection = connection;
        this.method = method;
        this.metadata = metadata;
        this.encoding = encoding;
        this.receiveWindow = receiveWindow;
        this.sendWindow = sendWindow;
    }

    @Override
    protected void writeMessage(Buffer message) {
        connection.answer(this, message);
    }

    @Override
    protected void writeStatus(GrpcStatus status, @Nullable String message) {
        connection.answer(this, status, message);
    }

    /** Marks the call as answered without writing: the stream was reset, or the connection is gone. */
    void abandonCall() {
        abandon();
    }

    /** Whether the call was answered (or abandoned). */
    boolean isAnswered() {
        return answered();
    }

    /** Drops the answer's waiting bytes. */
    void releasePending() {
        final ByteBuf p = pending;
        pending = null;
        if (p != null) {
            p.release();
        }
    }
}
