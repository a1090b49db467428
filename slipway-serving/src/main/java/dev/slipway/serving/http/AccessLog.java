package dev.slipway.serving.http;

import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model server's access log: one line per request (method, path, status, body bytes, milliseconds, client) on
 * the logger {@code dev.slipway.serving.access}, at info. Off unless that logger is enabled ({@code slipway serve
 * --access-log}); when off it costs one level check per request.
 */
final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.slipway.serving.access");

    private AccessLog() {}

    static void request(HttpServerRequest req, int status, int bytes, long nanos) {
        if (LOG.isInfoEnabled()) {
            LOG.info(
                    "{} {} {} {} {}ms {}",
                    req.method().name(),
                    req.path(),
                    status,
                    bytes,
                    nanos / 1_000_000,
                    req.remoteAddress());
        }
    }
}
