package dev.slipway.serving.gateway;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.ConnectException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Sends one HTTP request to a ready replica of a node, load-balanced, and decides retries by what provably
 * happened (Armeria's {@code onUnprocessed}): a refused or unopenable connection never reached a replica and
 * is retried on another; a connection closed or reset before any answer (the replica died mid-request) is
 * retried only for {@link #send idempotent calls} (predictions, transforms, routes, metadata: running them
 * twice changes nothing); a timeout or an answer is never retried; and {@link #sendOnce} (feedback: a reward
 * must not be applied twice) is never retried at all.
 */
final class ComponentClient {

    /** A replica's answer; {@code fromSlipway} when a Slipway model server marked it schema-only. */
    record Reply(int status, String contentType, Buffer body, boolean fromSlipway) {}

    private static final int MAX_ATTEMPTS = 3;

    private final HttpClient http;
    private final boolean sockets;

    /** A client to replicas; {@code sockets}: reach a replica on its Unix domain socket when it has one. */
    ComponentClient(HttpClient http, boolean sockets) {
        this.http = http;
        this.sockets = sockets;
    }

    Future<Reply> send(
            ReplicaPool pool, HttpMethod method, String path, MultiMap headers, Buffer body, long timeoutMillis) {
        final Promise<Reply> promise = Promise.promise();
        attempt(pool, method, path, headers, body, timeoutMillis, new HashSet<>(), promise, MAX_ATTEMPTS);
        return promise.future();
    }

    /** As {@link #send}, never retried, not even on a refused connection (feedback). */
    Future<Reply> sendOnce(
            ReplicaPool pool, HttpMethod method, String path, MultiMap headers, Buffer body, long timeoutMillis) {
        final Promise<Reply> promise = Promise.promise();
        attempt(pool, method, path, headers, body, timeoutMillis, new HashSet<>(), promise, 1);
        return promise.future();
    }

    private void attempt(
            ReplicaPool pool,
            HttpMethod method,
            String path,
            MultiMap headers,
            Buffer body,
            long timeoutMillis,
            Set<String> tried,
            Promise<Reply> promise,
            int maxAttempts) {
        final ReplicaAddress endpoint = pool.acquire(tried).orElse(null);
        if (endpoint == null) {
            promise.fail(
                    tried.isEmpty()
                            ? GatewayException.unavailable("no ready replica for node " + pool.name())
                            : GatewayException.upstream(
                                    "every replica of node " + pool.name() + " failed (" + tried.size() + " tried)"));
            return;
        }
        tried.add(endpoint.id());
        final RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setHost(endpoint.host())
                .setPort(endpoint.port())
                .setURI(endpoint.pathPrefix().isEmpty() ? path : endpoint.pathPrefix() + path)
                .setConnectTimeout(Math.min(timeoutMillis, 2000))
                .setIdleTimeout(timeoutMillis);
        if (sockets && endpoint.socket() != null) {
            // same request and Host header; the bytes go through the replica's socket instead of loopback TCP
            options.setServer(SocketAddress.domainSocketAddress(endpoint.socket()));
        }
        http.request(options)
                .compose(request -> {
                    if (headers != null) {
                        request.headers().addAll(headers);
                    }
                    return body == null ? request.send() : request.send(body);
                })
                .compose(response -> response.body()
                        .map(b -> new Reply(
                                response.statusCode(),
                                response.getHeader("Content-Type"),
                                b,
                                response.getHeader(dev.slipway.protocol.v1.SeldonMessageWriter.SCHEMA_HEADER) != null)))
                .onComplete(result -> {
                    pool.release(endpoint);
                    if (result.succeeded()) {
                        promise.complete(result.result());
                    } else if ((neverArrived(result.cause()) || lostBeforeAnswer(result.cause()))
                            && tried.size() < maxAttempts) {
                        attempt(pool, method, path, headers, body, timeoutMillis, tried, promise, maxAttempts);
                    } else if (timedOut(result.cause())) {
                        promise.fail(GatewayException.timeout(
                                "node " + pool.name() + " did not answer within " + timeoutMillis + " ms"));
                    } else {
                        promise.fail(
                                GatewayException.upstream("node " + pool.name() + " unreachable: " + result.cause()));
                    }
                });
    }

    /** True when the request was never written: the connection was refused or could not be opened in time. */
    static boolean neverArrived(Throwable cause) {
        return cause instanceof ConnectException;
    }

    /**
     * True when the connection closed or was reset before any answer: the replica died (idempotent calls only). NIO
     * reports a reset as a {@code SocketException}; the native transport as its own {@code NativeIoException}
     * (ECONNRESET, EPIPE on a Unix domain socket or TCP).
     */
    static boolean lostBeforeAnswer(Throwable cause) {
        return cause instanceof io.vertx.core.http.HttpClosedException
                || cause instanceof io.netty.channel.unix.Errors.NativeIoException
                || (cause instanceof java.net.SocketException && !timedOut(cause));
    }

    private static boolean timedOut(Throwable cause) {
        return cause instanceof TimeoutException
                || cause.getClass().getSimpleName().contains("Timeout")
                || String.valueOf(cause.getMessage())
                        .toLowerCase(java.util.Locale.ROOT)
                        .contains("timeout");
    }
}
