package dev.slipway.controlplane.api;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * A request body as a blocking {@link InputStream} with back-pressure: the event loop queues what arrives and pauses
 * the request once {@code window} bytes wait; the reader (a worker thread) resumes it when half of that is read. So a
 * push of any size holds at most about {@code window} bytes in memory. Bound on the event loop, read off it.
 */
final class RequestBodyStream extends InputStream {

    private final HttpServerRequest request;
    private final Context context;
    private final long window;
    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private long queued;
    private int offset; // read position in the head buffer
    private boolean ended;
    private boolean paused;
    private boolean closed;
    private Throwable failure;

    private RequestBodyStream(HttpServerRequest request, Context context, long window) {
        this.request = request;
        this.context = context;
        this.window = window;
    }

    /** Starts taking {@code request}'s body (call on its event loop, before anything asynchronous). */
    static RequestBodyStream of(HttpServerRequest request, Context context, long window) {
        RequestBodyStream s = new RequestBodyStream(request, context, window);
        request.handler(s::arrived);
        request.endHandler(v -> s.end(null));
        request.exceptionHandler(s::end);
        request.resume();
        return s;
    }

    /** The most bytes waiting at once so far is bounded by the window plus one network buffer (for tests). */
    synchronized long queued() {
        return queued;
    }

    private synchronized void arrived(Buffer b) {
        if (closed) {
            return; // the reader gave up: drop the rest
        }
        queue.add(b);
        queued += b.length();
        if (queued >= window && !paused) {
            paused = true;
            request.pause();
        }
        notifyAll();
    }

    private synchronized void end(Throwable t) {
        ended = true;
        failure = t;
        notifyAll();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (queue.isEmpty()) {
            if (failure != null) {
                throw new IOException("the request body failed: " + failure.getMessage(), failure);
            }
            if (ended || closed) {
                return -1;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the request body");
            }
        }
        Buffer head = queue.peek();
        int n = Math.min(len, head.length() - offset);
        head.getBytes(offset, offset + n, b, off);
        offset += n;
        queued -= n;
        if (offset == head.length()) {
            queue.poll();
            offset = 0;
        }
        if (paused && queued <= window / 2) {
            paused = false;
            context.runOnContext(v -> request.resume());
        }
        return n;
    }

    /** Stops taking the body: what still arrives is dropped (the request keeps flowing so the connection can answer). */
    @Override
    public synchronized void close() {
        closed = true;
        queue.clear();
        queued = 0;
        if (paused) {
            paused = false;
            context.runOnContext(v -> request.resume());
        }
        notifyAll();
    }
}
