package dev.slipway.serving.grpc.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RepeatedHeadersTest {

    private static Http2Headers call(String path, String... more) {
        final Http2Headers h = new DefaultHttp2Headers()
                .method("POST")
                .scheme("http")
                .authority("127.0.0.1:5000")
                .path(path)
                .add("content-type", "application/grpc")
                .add("te", "trailers");
        for (int i = 0; i < more.length; i += 2) {
            h.add(more[i], more[i + 1]);
        }
        return h;
    }

    private static byte[] encode(DefaultHttp2HeadersEncoder encoder, Http2Headers headers) throws Http2Exception {
        final ByteBuf out = Unpooled.buffer();
        encoder.encodeHeaders(3, headers, out);
        final byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    private static Http2Headers decode(io.netty.handler.codec.http2.Http2HeadersDecoder d, byte[] block)
            throws Http2Exception {
        return d.decodeHeaders(3, Unpooled.wrappedBuffer(block));
    }

    @Test
    void theSameBlockAgain_getsTheSameHeaders_withoutDecodingAgain() throws Exception {
        final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
        final RepeatedHeaders decoder = new RepeatedHeaders(new DefaultHttp2HeadersDecoder(true));
        final byte[] first = encode(encoder, call("/seldon.protos.Model/Predict"));
        final byte[] second = encode(encoder, call("/seldon.protos.Model/Predict"));
        final byte[] third = encode(encoder, call("/seldon.protos.Model/Predict"));
        assertThat(second)
                .as("the encoder indexed the first call's fields")
                .isNotEqualTo(first)
                .isEqualTo(third);
        assertThat(RepeatedHeaders.leavesTableAlone(Unpooled.wrappedBuffer(first), 0, first.length))
                .isFalse();
        assertThat(RepeatedHeaders.leavesTableAlone(Unpooled.wrappedBuffer(second), 0, second.length))
                .isTrue();

        final Http2Headers a = decode(decoder, first);
        final Http2Headers b = decode(decoder, second);
        final ByteBuf again = Unpooled.wrappedBuffer(third);
        final Http2Headers c = decoder.decodeHeaders(5, again);
        assertThat(a).isEqualTo(call("/seldon.protos.Model/Predict"));
        assertThat(b).isEqualTo(a).isNotSameAs(a);
        assertThat(c).as("a repeat of the remembered block").isSameAs(b);
        assertThat(again.readableBytes()).as("the block was read").isZero();
    }

    @Test
    void literalsWithoutIndexing_areRemembered_aBlockThatIndexesIsNot() throws Exception {
        // h2load's :path and content-length: literals without indexing, the same bytes each call
        final Http2HeadersEncoder.SensitivityDetector neverIndexPath = (name, value) -> ":path".contentEquals(name);
        final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder(neverIndexPath);
        final RepeatedHeaders decoder = new RepeatedHeaders(new DefaultHttp2HeadersDecoder(true));
        decode(decoder, encode(encoder, call("/a/B")));
        final byte[] repeat = encode(encoder, call("/a/B"));
        assertThat(encode(encoder, call("/a/B"))).isEqualTo(repeat);
        final Http2Headers first = decode(decoder, repeat);
        assertThat(decode(decoder, repeat)).isSameAs(first);
        final byte[] indexing = encode(encoder, call("/a/B", "x-new", "1"));
        final Http2Headers other = decode(decoder, indexing);
        assertThat(other.get("x-new")).hasToString("1");
        // after a block that changed the table the old block's indexes name other fields: decoded again (here into
        // a pseudo-header after a regular one, refused), not answered with what it meant before
        assertThatThrownBy(() -> decode(decoder, repeat))
                .isInstanceOf(Http2Exception.class)
                .hasMessageContaining("Pseudo-header");
    }

    /**
     * Random calls through a real encoder, and old blocks replayed as they were sent (after the table changed, their
     * indexes name other fields): the decoder that remembers gives exactly what a plain decoder gives, call by call.
     */
    @Test
    void anyOrderOfBlocks_decodesAsAPlainDecoderDoes() throws Exception {
        final Random random = new Random(7);
        final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
        final DefaultHttp2HeadersDecoder plain = new DefaultHttp2HeadersDecoder(true);
        final RepeatedHeaders remembering = new RepeatedHeaders(new DefaultHttp2HeadersDecoder(true));
        final List<byte[]> sent = new ArrayList<>();
        int reused = 0;
        Http2Headers previous = null;
        for (int i = 0; i < 3_000; i++) {
            final byte[] block;
            if (!sent.isEmpty() && random.nextInt(4) == 0) {
                block = sent.get(random.nextInt(sent.size())); // replayed: valid only as long as the table agrees
            } else {
                final Http2Headers headers = random.nextInt(3) == 0
                        ? call("/m/" + random.nextInt(40), "x-id", Integer.toString(random.nextInt(50)))
                        : call("/seldon.protos.Model/Predict");
                block = encode(encoder, headers);
            }
            sent.add(block);
            Http2Headers expected;
            try {
                expected = decode(plain, block);
            } catch (Http2Exception e) {
                expected = null;
            }
            Http2Headers got;
            try {
                got = decode(remembering, block);
            } catch (Http2Exception e) {
                got = null;
            }
            if (expected == null) {
                assertThat(got).as("block %d fails both", i).isNull();
            } else {
                assertThat(got).as("block %d", i).isEqualTo(expected);
                reused += got == previous ? 1 : 0;
            }
            previous = got;
        }
        assertThat(reused).isPositive();
    }

    @Test
    void malformedBlocks_areLeftToTheDecoder_whichRefusesThem_andNothingIsRemembered() throws Exception {
        final byte[][] cut = {
            {(byte) 0xff}, // an integer cut short
            {0x00, 0x05, 'a'}, // a name longer than the block
            {0x0f, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}, // an index past an int
        };
        for (final byte[] block : cut) {
            assertThat(RepeatedHeaders.leavesTableAlone(Unpooled.wrappedBuffer(block), 0, block.length))
                    .isFalse();
        }
        final RepeatedHeaders decoder = new RepeatedHeaders(new DefaultHttp2HeadersDecoder(true));
        final byte[] indexZero = {(byte) 0x80}; // well formed as far as the scan reads, refused by the decoder
        for (final byte[] block : List.of(cut[0], cut[1], cut[2], indexZero, indexZero)) {
            assertThatThrownBy(() -> decode(decoder, block)).isInstanceOf(Http2Exception.class);
        }
    }
}
