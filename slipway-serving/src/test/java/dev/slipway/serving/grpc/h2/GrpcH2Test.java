package dev.slipway.serving.grpc.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.serving.grpc.GrpcErrors;
import dev.slipway.serving.grpc.Unary;
import dev.slipway.serving.http.H2c;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.grpc.common.GrpcStatus;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests for the lean HTTP/2 path ({@link GrpcH2}) on a real Vert.x server on a free port: grpc-java as the client
 * gRPC users run, Vert.x's HTTP/2 client for REST over HTTP/2, and a raw frame client ({@link Raw}) that plays the
 * attacker and checks flow control, limits and shutdown frame by frame.
 */
class GrpcH2Test {

    private static final String ECHO = "/test.Echo/Call";
    private static final String BIG = "/test.Echo/Big";
    private static final String HOLD = "/test.Echo/Hold";
    private static final String FAIL = "/test.Echo/Fail";
    private static final int LIMIT = 100_000;

    private Vertx vertx;
    private HttpServer server;
    private final AtomicInteger vertxRequests = new AtomicInteger();
    private final List<Promise<Buffer>> held = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        start(new HttpServerOptions());
    }

    private void start(HttpServerOptions base) {
        vertx = H2c.vertx(new VertxOptions().setEventLoopPoolSize(2));
        final Unary unary = new Unary(LIMIT, (m, s, n) -> {})
                .addRaw("test.Echo", "Call", "echo", (message, metadata) -> Future.succeededFuture(message))
                .addRaw("test.Echo", "Big", "big", (message, metadata) -> {
                    final byte[] out = new byte[message.getInt(0)];
                    java.util.Arrays.fill(out, (byte) 7);
                    return Future.succeededFuture(Buffer.buffer(out));
                })
                .addRaw("test.Echo", "Hold", "hold", (message, metadata) -> {
                    final Promise<Buffer> p = Promise.promise();
                    held.add(p);
                    return p.future();
                })
                .addRaw(
                        "test.Echo",
                        "Fail",
                        "fail",
                        (message, metadata) -> Future.failedFuture(
                                new GrpcErrors.GrpcFailure(GrpcStatus.INVALID_ARGUMENT, "bad input: é 100%")));
        final HttpServerOptions options =
                H2c.priorKnowledge(vertx, base.setHost("127.0.0.1").setPort(0));
        server = vertx.createHttpServer(options)
                .requestHandler(req -> {
                    if (Unary.accepts(req)) {
                        vertxRequests.incrementAndGet();
                        unary.handle(req);
                    } else {
                        req.response().end("vertx " + req.version());
                    }
                })
                .listen()
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        GrpcH2.serve(vertx, options, server.actualPort(), unary);
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private void restart(HttpServerOptions options) {
        stop();
        start(options);
    }

    // --- real clients

    @Test
    void grpcJava_unaryCalls_areServedByTheLeanPath_notByVertx() {
        final ManagedChannel channel = channel();
        try {
            for (int i = 0; i < 50; i++) {
                final byte[] request = ("hello " + i).getBytes(StandardCharsets.UTF_8);
                assertThat(call(channel, ECHO, request)).isEqualTo(request);
            }
            assertThat(call(channel, ECHO, new byte[0])).isEmpty();
            assertThat(vertxRequests).hasValue(0);
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void grpcJava_answersLargerThanItsWindows_arriveWhole() {
        final ManagedChannel channel = channel();
        try {
            final byte[] answer =
                    call(channel, BIG, Buffer.buffer().appendInt(3_000_000).getBytes());
            assertThat(answer).hasSize(3_000_000).containsOnly(7);
            assertThat(call(channel, ECHO, "after".getBytes(StandardCharsets.UTF_8)))
                    .asString()
                    .isEqualTo("after");
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void grpcJava_failure_carriesTheStatusAndItsMessage() {
        final ManagedChannel channel = channel();
        try {
            assertThatThrownBy(() -> call(channel, FAIL, new byte[1]))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(e.getStatus().getDescription()).isEqualTo("bad input: é 100%");
                    });
            assertThatThrownBy(() -> call(channel, "/test.Echo/Nope", new byte[1]))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
            assertThatThrownBy(() -> call(channel, ECHO, new byte[LIMIT + 1]))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                        assertThat(e.getStatus().getDescription()).contains("more than the limit of 100000 bytes");
                    });
            assertThat(call(channel, ECHO, new byte[] {1})).containsExactly(1);
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void restOverHttp2WithPriorKnowledge_isLeftToVertx() {
        final var client = vertx.createHttpClient(
                new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
        final String body = client.request(HttpMethod.POST, server.actualPort(), "127.0.0.1", "/api/v1.0/predictions")
                .compose(
                        req -> req.putHeader("content-type", "application/json").send("{}"))
                .compose(res -> res.body())
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .toString();
        assertThat(body).isEqualTo("vertx HTTP_2");
    }

    // --- frame by frame

    @Test
    void raw_answer_waitsForTheClientsWindow() throws Exception {
        try (Raw raw = new Raw(server.actualPort(), 16)) {
            raw.request(1, BIG, Buffer.buffer().appendInt(40).getBytes(), true);
            assertThat(raw.headers(1).status()).isEqualTo("200");
            assertThat(raw.next(Raw.DATA, 1).payload).hasSize(16); // the stream's window: 16 bytes
            raw.ping(42);
            assertThat(raw.nextAny().type)
                    .as("nothing more before the window opens")
                    .isEqualTo(Raw.PING);
            raw.windowUpdate(1, 100);
            assertThat(raw.next(Raw.DATA, 1).payload).hasSize(45 - 16);
            assertThat(raw.headers(1).grpcStatus()).isEqualTo("0");
        }
    }

    @Test
    void raw_answersNameTheirHeadersByIndex_untilTheClientShrinksItsTable() throws Exception {
        try (Raw raw = new Raw(server.actualPort(), 65_535)) {
            raw.request(1, ECHO, new byte[] {1}, true);
            assertThat(raw.answer(1)).containsExactly(1);
            raw.request(3, ECHO, new byte[] {2}, true);
            assertThat(raw.headers(3).status()).isEqualTo("200");
            assertThat(raw.lastBlock).as("indexed :status and content-type").hasSize(2);
            raw.next(Raw.DATA, 3);
            assertThat(raw.headers(3).grpcStatus()).isEqualTo("0");
            assertThat(raw.lastBlock).as("indexed grpc-status").hasSize(1);
            raw.headerTableSize(0); // the decoder now requires a size update first (RFC 7541 4.2)
            raw.request(5, ECHO, new byte[] {3}, true);
            assertThat(raw.answer(5)).containsExactly(3);
            raw.request(7, FAIL, new byte[] {4}, true);
            assertThat(raw.headers(7).grpcStatus()).isEqualTo("3");
        }
    }

    @Test
    void raw_pingIsAnsweredWithItsData() throws Exception {
        try (Raw raw = new Raw(server.actualPort(), 65_535)) {
            raw.request(1, ECHO, new byte[] {1}, true);
            raw.answer(1);
            raw.ping(0x1234_5678_9abcL);
            final Raw.Frame ack = raw.next(Raw.PING, 0);
            assertThat(ack.flags & 1).isEqualTo(1);
            assertThat(new DataInputStream(new ByteArrayInputStream(ack.payload)).readLong())
                    .isEqualTo(0x1234_5678_9abcL);
        }
    }

    @Test
    void raw_evenOrReusedStreamIds_areAProtocolError_andTheServerKeepsServing() throws Exception {
        try (Raw raw = new Raw(server.actualPort(), 65_535)) {
            raw.request(1, ECHO, new byte[] {1}, true);
            raw.answer(1);
            raw.request(2, ECHO, new byte[] {1}, true);
            final Raw.Frame goAway = raw.next(Raw.GOAWAY, 0);
            assertThat(Raw.errorCode(goAway.payload, 4)).isEqualTo(1); // PROTOCOL_ERROR
            assertThat(raw.eof()).isTrue();
        }
        final ManagedChannel channel = channel();
        try {
            assertThat(call(channel, ECHO, new byte[] {2})).containsExactly(2);
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void raw_moreStreamsThanAllowed_areRefused_othersAnswered() throws Exception {
        restart(new HttpServerOptions()
                .setInitialSettings(new io.vertx.core.http.Http2Settings().setMaxConcurrentStreams(2)));
        try (Raw raw = new Raw(server.actualPort(), 65_535)) {
            raw.request(1, HOLD, new byte[] {1}, true);
            raw.request(3, HOLD, new byte[] {1}, true);
            raw.request(5, HOLD, new byte[] {1}, true);
            final Raw.Frame rst = raw.next(Raw.RST_STREAM, 5);
            assertThat(Raw.errorCode(rst.payload, 0)).isEqualTo(7); // REFUSED_STREAM
            waitFor(() -> held.size() == 2);
            held.forEach(p -> p.complete(Buffer.buffer("ok")));
            assertThat(raw.answer(1)).asString().isEqualTo("ok");
            assertThat(raw.answer(3)).asString().isEqualTo("ok");
        }
    }

    @Test
    void raw_requestThatIsNotGrpc_onAGrpcConnection_gets415_andAnotherMethod405() throws Exception {
        try (Raw raw = new Raw(server.actualPort(), 65_535)) {
            raw.request(1, ECHO, new byte[] {1}, true);
            assertThat(raw.answer(1)).containsExactly(1);
            raw.send(3, "POST", ECHO, "application/json", "{}".getBytes(StandardCharsets.UTF_8), true);
            assertThat(raw.headers(3).status()).isEqualTo("415");
            assertThat(Raw.errorCode(raw.next(Raw.RST_STREAM, 3).payload, 0)).isZero(); // answered before its end
            raw.send(5, "GET", ECHO, "application/grpc", null, true);
            assertThat(raw.headers(5).status()).isEqualTo("405");
            raw.request(7, ECHO, new byte[] {9}, true);
            assertThat(raw.headers(7).status()).isEqualTo("200");
            assertThat(raw.next(Raw.DATA, 7).payload).containsExactly(0, 0, 0, 0, 1, 9);
        }
    }

    @Test
    void raw_resetByTheClient_isNotAnswered_andTheConnectionGoesOn() throws Exception {
        try (Raw raw = new Raw(server.actualPort(), 65_535)) {
            raw.request(1, HOLD, new byte[] {1}, true);
            waitFor(() -> held.size() == 1);
            raw.rst(1, 8); // CANCEL
            raw.ping(1);
            raw.next(Raw.PING, 0);
            held.get(0).complete(Buffer.buffer("late"));
            raw.request(3, ECHO, new byte[] {3}, true);
            final Raw.Frame first = raw.nextAny();
            assertThat(first.stream)
                    .as("nothing is written for the reset stream")
                    .isEqualTo(3);
        }
    }

    @Test
    void raw_oversizedMessage_resourceExhaustedAtOnce_beforeTheBodyEnds() throws Exception {
        try (Raw raw = new Raw(server.actualPort(), 65_535)) {
            final byte[] prefix =
                    Buffer.buffer().appendByte((byte) 0).appendInt(LIMIT * 10).getBytes();
            raw.send(1, "POST", ECHO, "application/grpc", prefix, false);
            final Raw.Headers h = raw.headers(1);
            assertThat(h.grpcStatus()).isEqualTo("8");
            assertThat(h.headers.get("grpc-message").toString()).contains("more than the limit");
            assertThat(Raw.errorCode(raw.next(Raw.RST_STREAM, 1).payload, 0)).isZero(); // NO_ERROR: stop sending
            raw.request(3, ECHO, new byte[] {3}, true);
            assertThat(raw.headers(3).status()).isEqualTo("200");
        }
    }

    @Test
    void raw_badHeaderBlock_isACompressionError() throws Exception {
        try (Raw raw = new Raw(server.actualPort(), 65_535)) {
            raw.request(1, ECHO, new byte[] {1}, true);
            raw.answer(1);
            raw.frame(Raw.HEADERS, 0x5, 3, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            final Raw.Frame goAway = raw.next(Raw.GOAWAY, 0);
            assertThat(Raw.errorCode(goAway.payload, 4)).isEqualTo(9); // COMPRESSION_ERROR
        }
    }

    @Test
    void shutdown_sendsGoAway_answersTheCallsInFlight_thenCloses() throws Exception {
        try (Raw raw = new Raw(server.actualPort(), 65_535)) {
            raw.request(1, HOLD, new byte[] {1}, true);
            waitFor(() -> held.size() == 1);
            final var closing = server.shutdown(30, TimeUnit.SECONDS);
            final Raw.Frame goAway = raw.next(Raw.GOAWAY, 0);
            assertThat(Raw.errorCode(goAway.payload, 4)).isZero();
            held.get(0).complete(Buffer.buffer("done"));
            assertThat(raw.headers(1).status()).isEqualTo("200");
            assertThat(raw.next(Raw.DATA, 1).payload).hasSize(9);
            assertThat(raw.headers(1).grpcStatus()).isEqualTo("0");
            assertThat(raw.eof()).isTrue();
            closing.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    // --- helpers

    private ManagedChannel channel() {
        return NettyChannelBuilder.forAddress("127.0.0.1", server.actualPort())
                .usePlaintext()
                .maxInboundMessageSize(16 << 20)
                .build();
    }

    private static byte[] call(ManagedChannel channel, String path, byte[] request) {
        final MethodDescriptor.Marshaller<byte[]> bytes = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(byte[] value) {
                return new ByteArrayInputStream(value);
            }

            @Override
            public byte[] parse(InputStream stream) {
                try {
                    return stream.readAllBytes();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        final MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(path.substring(1))
                .setRequestMarshaller(bytes)
                .setResponseMarshaller(bytes)
                .build();
        return ClientCalls.blockingUnaryCall(
                channel, method, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), request);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(5);
        }
    }

    /** A raw HTTP/2 client over a socket: writes frames as given, reads them one by one. */
    static final class Raw implements AutoCloseable {
        static final int DATA = 0;
        static final int HEADERS = 1;
        static final int RST_STREAM = 3;
        static final int SETTINGS = 4;
        static final int PING = 6;
        static final int GOAWAY = 7;
        static final int WINDOW_UPDATE = 8;

        /** A frame read. */
        record Frame(int type, int flags, int stream, byte[] payload) {}

        /** A header block read. */
        record Headers(Http2Headers headers) {
            String status() {
                return String.valueOf(headers.status());
            }

            String grpcStatus() {
                return String.valueOf(headers.get("grpc-status"));
            }
        }

        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
        private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(true);
        /** The header block last read. */
        byte[] lastBlock = new byte[0];

        Raw(int port, int initialWindow) throws Exception {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            final ByteBuf settings = Unpooled.buffer();
            settings.writeShort(4).writeInt(initialWindow); // SETTINGS_INITIAL_WINDOW_SIZE
            frame(SETTINGS, 0, 0, bytes(settings));
        }

        void request(int stream, String path, byte[] message, boolean end) throws Exception {
            final byte[] framed = Buffer.buffer()
                    .appendByte((byte) 0)
                    .appendInt(message.length)
                    .appendBytes(message)
                    .getBytes();
            send(stream, "POST", path, "application/grpc", framed, end);
        }

        void send(int stream, String method, String path, String type, byte[] body, boolean end) throws Exception {
            final Http2Headers h = new DefaultHttp2Headers()
                    .method(method)
                    .scheme("http")
                    .path(path)
                    .authority("localhost")
                    .add("content-type", type)
                    .add("te", "trailers");
            final ByteBuf block = Unpooled.buffer();
            encoder.encodeHeaders(stream, h, block);
            frame(HEADERS, 0x4 | (body == null && end ? 1 : 0), stream, bytes(block));
            if (body != null) {
                frame(DATA, end ? 1 : 0, stream, body);
            }
        }

        /** Sends SETTINGS_HEADER_TABLE_SIZE and makes this client's decoder hold the server to it. */
        void headerTableSize(int size) throws Exception {
            decoder.configuration().maxHeaderTableSize(size);
            frame(SETTINGS, 0, 0, bytes(Unpooled.buffer().writeShort(1).writeInt(size)));
        }

        void ping(long data) throws Exception {
            frame(PING, 0, 0, bytes(Unpooled.buffer().writeLong(data)));
        }

        void rst(int stream, int code) throws Exception {
            frame(RST_STREAM, 0, stream, bytes(Unpooled.buffer().writeInt(code)));
        }

        void windowUpdate(int stream, int increment) throws Exception {
            frame(WINDOW_UPDATE, 0, stream, bytes(Unpooled.buffer().writeInt(increment)));
        }

        void frame(int type, int flags, int stream, byte[] payload) throws Exception {
            final ByteBuf f = Unpooled.buffer();
            f.writeMedium(payload.length)
                    .writeByte(type)
                    .writeByte(flags)
                    .writeInt(stream)
                    .writeBytes(payload);
            out.write(bytes(f));
            out.flush();
        }

        /** The next frame other than SETTINGS and WINDOW_UPDATE (answered or ignored as a client does). */
        Frame nextAny() throws Exception {
            while (true) {
                final int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
                final int type = in.readUnsignedByte();
                final int flags = in.readUnsignedByte();
                final int stream = in.readInt() & 0x7fffffff;
                final byte[] payload = new byte[length];
                in.readFully(payload);
                if (type == SETTINGS) {
                    if ((flags & 1) == 0) {
                        frame(SETTINGS, 1, 0, new byte[0]);
                    }
                } else if (type != WINDOW_UPDATE) {
                    return new Frame(type, flags, stream, payload);
                }
            }
        }

        /** The next frame, which must be of {@code type} on {@code stream}. */
        Frame next(int type, int stream) throws Exception {
            final Frame f = nextAny();
            assertThat(f.type).as("frame type (stream %d)", f.stream).isEqualTo(type);
            assertThat(f.stream).isEqualTo(stream);
            return f;
        }

        /** The next frame as a header block on {@code stream}. */
        Headers headers(int stream) throws Exception {
            final Frame f = next(HEADERS, stream);
            lastBlock = f.payload;
            return new Headers(decoder.decodeHeaders(stream, Unpooled.wrappedBuffer(f.payload)));
        }

        /** A whole OK answer on {@code stream} (HEADERS, one DATA, trailers): its message. */
        byte[] answer(int stream) throws Exception {
            assertThat(headers(stream).status()).isEqualTo("200");
            final byte[] data = next(DATA, stream).payload;
            assertThat(headers(stream).grpcStatus()).isEqualTo("0");
            return java.util.Arrays.copyOfRange(data, 5, data.length);
        }

        /** True when the server closed the connection (after any frames still coming). */
        boolean eof() throws Exception {
            try {
                while (true) {
                    nextAny();
                }
            } catch (EOFException | java.net.SocketException e) {
                return true;
            }
        }

        static long errorCode(byte[] payload, int at) {
            return Integer.toUnsignedLong(Unpooled.wrappedBuffer(payload).getInt(at));
        }

        private static byte[] bytes(ByteBuf b) {
            final byte[] out = new byte[b.readableBytes()];
            b.readBytes(out);
            return out;
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }
}
