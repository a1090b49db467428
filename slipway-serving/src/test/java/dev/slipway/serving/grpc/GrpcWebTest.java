package dev.slipway.serving.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.Test;

/** Tests for {@link GrpcWeb}: a unary answer's frames written and read back. */
class GrpcWebTest {

    @Test
    void read_message_thenOkTrailers() {
        final Buffer body = GrpcWeb.trailers(GrpcWeb.frame(Buffer.buffer("abc")), GrpcStatus.OK, null);
        final GrpcWeb.Answer answer = GrpcWeb.read(body);
        assertThat(answer.status()).isEqualTo(GrpcStatus.OK);
        assertThat(answer.message().toString()).isEqualTo("abc");
    }

    @Test
    void read_failure_keepsItsStatusAndMessage_percentDecoded() {
        final GrpcWeb.Answer answer = GrpcWeb.read(
                GrpcWeb.trailers(Buffer.buffer(), GrpcStatus.INVALID_ARGUMENT, "data.ndarray: 100% wrong, é+1\nx"));
        assertThat(answer.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
        assertThat(answer.message()).isNull();
        assertThat(answer.error()).isEqualTo("data.ndarray: 100% wrong, é+1\nx");
    }

    @Test
    void read_whatIsNotAUnaryAnswer_isRefused() {
        assertThatThrownBy(() -> GrpcWeb.read(GrpcWeb.frame(Buffer.buffer("abc"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without its trailers");
        assertThatThrownBy(() ->
                        GrpcWeb.read(GrpcWeb.frame(Buffer.buffer("a")).appendBuffer(GrpcWeb.frame(Buffer.buffer("b")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GrpcWeb.read(
                        Buffer.buffer().appendByte((byte) 0x80).appendInt(3).appendString("x:y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without grpc-status");
    }
}
