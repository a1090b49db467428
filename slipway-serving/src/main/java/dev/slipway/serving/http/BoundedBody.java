package dev.slipway.serving.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads request bodies up to a size limit, counting the bytes of every request being read or answered against
 * one in-flight budget per server: a request that would exceed it is refused (retry later) instead of taking
 * the heap. The model server's and the gateway's HTTP adapters read bodies only through it.
 */
public final class BoundedBody {

    /** What became of a body: exactly one of the three is called, at most once. */
    public interface Reader {
        /** The whole body, within the limit. */
        void body(Buffer body);

        /** Larger than the limit (announced by Content-Length, or while reading): answer 413 and close. */
        void tooLarge();

        /** Over the server's in-flight budget: answer 503 and close. */
        void overloaded();
    }

    private final long maxBytes;
    private final long budget;
    private final AtomicLong inFlight = new AtomicLong();

    /**
     * @param maxBytes the largest body accepted
     * @param budget the bytes all requests being read or answered may hold together
     */
    public BoundedBody(long maxBytes, long budget) {
        this.maxBytes = maxBytes;
        this.budget = budget;
    }

    /** A budget of a quarter of the heap, at least one largest body. */
    public static long defaultBudget(long maxBytes) {
        return Math.max(maxBytes, Runtime.getRuntime().maxMemory() / 4);
    }

    public long maxBytes() {
        return maxBytes;
    }

    public long budget() {
        return budget;
    }

    /** Reads {@code req}'s body and tells {@code reader} what became of it. */
    public void read(HttpServerRequest req, Reader reader) {
        final String length = req.getHeader("Content-Length");
        if (length != null && parseLength(length) > maxBytes) {
            reader.tooLarge();
            return;
        }
        final Buffer body = Buffer.buffer();
        final AtomicBoolean refused = new AtomicBoolean();
        // the bytes this request holds count against the budget until its answer is written or it is gone
        final long[] held = {0};
        final AtomicBoolean released = new AtomicBoolean();
        final Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                inFlight.addAndGet(-held[0]);
            }
        };
        req.response().endHandler(v -> release.run());
        req.response().closeHandler(v -> release.run());
        req.handler(chunk -> {
            if (refused.get()) {
                return;
            }
            if (inFlight.addAndGet(chunk.length()) > budget) {
                inFlight.addAndGet(-chunk.length());
                refused.set(true);
                release.run();
                reader.overloaded();
                return;
            }
            held[0] += chunk.length();
            if (body.length() + (long) chunk.length() > maxBytes) {
                refused.set(true);
                reader.tooLarge();
                return;
            }
            body.appendBuffer(chunk);
        });
        req.exceptionHandler(e -> {
            refused.set(true);
            release.run();
        });
        req.endHandler(v -> {
            if (!refused.get()) {
                reader.body(body);
            }
        });
    }

    /**
     * Reads {@code req}'s body to its end without keeping it, then runs {@code then}: an answer that does not need the
     * body (404, 405) is written once the request is read, so the connection stays usable for the next request.
     */
    public static void drainThen(HttpServerRequest req, Runnable then) {
        req.handler(b -> {});
        req.endHandler(v -> then.run());
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
