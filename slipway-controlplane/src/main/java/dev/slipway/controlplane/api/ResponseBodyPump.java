package dev.slipway.controlplane.api;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body read from a blocking {@link InputStream} (a fetch's pack from {@code git http-backend}) and written
 * to the client with back-pressure: the reader (a worker thread) waits while {@code window} bytes are written but not
 * yet flushed to the connection, so an answer of any size holds at most about {@code window} bytes in memory, and a
 * slow client slows git down instead of filling the heap. The counterpart of {@link RequestBodyStream}.
 */
final class ResponseBodyPump {

    private static final int CHUNK = 64 * 1024;

    private final HttpServerResponse response;
    private final Context context;
    private final long window;
    private long inFlight;
    private long maxInFlight;
    private Throwable failure;

    ResponseBodyPump(HttpServerResponse response, Context context, long window) {
        this.response = response;
        this.context = context;
        this.window = window;
    }

    /** The most bytes written but not yet flushed at once so far: at most the window plus one chunk (for tests). */
    synchronized long maxInFlight() {
        return maxInFlight;
    }

    /**
     * Copies {@code body} to the response and ends it; on a broken connection stops reading. Closes {@code body}
     * either way. Call on a worker thread, after the status and headers are set (chunked).
     *
     * @return true when the whole body was sent
     */
    boolean pump(InputStream body) throws InterruptedException {
        context.runOnContext(
                v -> response.closeHandler(x -> fail(new IOException("the client closed the connection"))));
        try (body) {
            final byte[] buf = new byte[CHUNK];
            int n;
            while ((n = body.read(buf)) >= 0) {
                if (n == 0) {
                    continue;
                }
                if (!reserve(n)) {
                    return false;
                }
                final Buffer chunk = Buffer.buffer(java.util.Arrays.copyOf(buf, n));
                final int size = n;
                context.runOnContext(v -> response.write(chunk).onComplete(ar -> {
                    if (ar.failed()) {
                        fail(ar.cause());
                    }
                    release(size);
                }));
            }
        } catch (IOException e) {
            fail(e);
            context.runOnContext(v -> response.reset());
            return false;
        }
        synchronized (this) {
            if (failure != null) {
                return false;
            }
        }
        context.runOnContext(v -> response.end());
        return true;
    }

    private synchronized boolean reserve(int n) throws InterruptedException {
        while (failure == null && inFlight > 0 && inFlight + n > window) {
            wait();
        }
        if (failure != null) {
            return false;
        }
        inFlight += n;
        maxInFlight = Math.max(maxInFlight, inFlight);
        return true;
    }

    private synchronized void release(int n) {
        inFlight -= n;
        notifyAll();
    }

    private synchronized void fail(Throwable t) {
        if (failure == null) {
            failure = t;
        }
        notifyAll();
    }
}
