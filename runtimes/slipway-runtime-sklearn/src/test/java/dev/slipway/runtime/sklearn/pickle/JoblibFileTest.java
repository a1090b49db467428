package dev.slipway.runtime.sklearn.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tests for {@link JoblibFile}: compression detection, decompression, limits. */
class JoblibFileTest {

    private static final byte[] PICKLE = {(byte) 0x80, 4, 'K', 7, '.'};
    private static final Allowlist ALLOW = StandardGlobals.builder().build();

    /** The compressions the tests write, with the word a truncated file's error names. */
    enum Codec {
        ZLIB("zlib"),
        GZIP("gzip"),
        BZ2("bz2");

        final String name;

        Codec(String name) {
            this.name = name;
        }

        byte[] compress(byte[] b) throws IOException {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            try (OutputStream d = switch (this) {
                case ZLIB -> new DeflaterOutputStream(o);
                case GZIP -> new GZIPOutputStream(o);
                case BZ2 -> new BZip2CompressorOutputStream(o);
            }) {
                d.write(b);
            }
            return o.toByteArray();
        }
    }

    @Test
    void detect_magicBytes_identifyFormats() throws Exception {
        assertThat(JoblibFile.detect(Codec.ZLIB.compress(PICKLE))).isEqualTo(JoblibFile.Compression.ZLIB);
        assertThat(JoblibFile.detect(Codec.GZIP.compress(PICKLE))).isEqualTo(JoblibFile.Compression.GZIP);
        assertThat(JoblibFile.detect(new byte[] {'B', 'Z', 'h', '9'})).isEqualTo(JoblibFile.Compression.BZ2);
        assertThat(JoblibFile.detect(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}))
                .isEqualTo(JoblibFile.Compression.XZ);
        assertThat(JoblibFile.detect(new byte[] {0x5d, 0, 0, (byte) 0x80})).isEqualTo(JoblibFile.Compression.LZMA);
        assertThat(JoblibFile.detect(PICKLE)).isEqualTo(JoblibFile.Compression.NONE);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void load_compressed_decompressesThenUnpickles(Codec codec) throws Exception {
        assertThat(JoblibFile.load(codec.compress(PICKLE), ALLOW, PickleLimits.defaults()))
                .isEqualTo(7L);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void load_truncated_failsNamingTheCompression(Codec codec) throws Exception {
        byte[] b = codec.compress(new byte[100_000]);
        byte[] cut = Arrays.copyOf(b, b.length / 2);
        assertThatThrownBy(() -> JoblibFile.load(cut, ALLOW, PickleLimits.defaults()))
                .isInstanceOf(PickleException.class)
                .hasMessageContaining(codec.name);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void load_decompressionBomb_refusedAtLimit(Codec codec) throws Exception {
        byte[] bomb = codec.compress(new byte[5_000_000]);
        PickleLimits small = new PickleLimits(1 << 20, 100, 10, 100, 10, 1000, 2);
        assertThatThrownBy(() -> JoblibFile.load(bomb, ALLOW, small))
                .isInstanceOf(PickleException.class)
                .hasMessageContaining("exceeds the limit");
    }

    @Test
    void load_lz4_reportsUnsupportedCompression() {
        assertThatThrownBy(() ->
                        JoblibFile.load(new byte[] {0x04, 0x22, 0x4d, 0x18, 1, 2}, ALLOW, PickleLimits.defaults()))
                .isInstanceOf(PickleException.class)
                .hasMessageContaining("unsupported compression lz4");
    }
}
