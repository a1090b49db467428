package dev.slipway.runtime.sklearn.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;

/** Tests for {@link JoblibFile}: compression detection, decompression, limits. */
class JoblibFileTest {

    private static final byte[] PICKLE = {(byte) 0x80, 4, 'K', 7, '.'};

    private static byte[] zlib(byte[] b) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(o)) {
            d.write(b);
        }
        return o.toByteArray();
    }

    private static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream d = new GZIPOutputStream(o)) {
            d.write(b);
        }
        return o.toByteArray();
    }

    @Test
    void detect_magicBytes_identifyFormats() throws Exception {
        assertThat(JoblibFile.detect(zlib(PICKLE))).isEqualTo(JoblibFile.Compression.ZLIB);
        assertThat(JoblibFile.detect(gzip(PICKLE))).isEqualTo(JoblibFile.Compression.GZIP);
        assertThat(JoblibFile.detect(new byte[] {'B', 'Z', 'h', '9'})).isEqualTo(JoblibFile.Compression.BZ2);
        assertThat(JoblibFile.detect(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}))
                .isEqualTo(JoblibFile.Compression.XZ);
        assertThat(JoblibFile.detect(new byte[] {0x5d, 0, 0, (byte) 0x80})).isEqualTo(JoblibFile.Compression.LZMA);
        assertThat(JoblibFile.detect(PICKLE)).isEqualTo(JoblibFile.Compression.NONE);
    }

    @Test
    void load_zlibAndGzip_decompressThenUnpickle() throws Exception {
        Allowlist a = StandardGlobals.builder().build();
        assertThat(JoblibFile.load(zlib(PICKLE), a, PickleLimits.defaults())).isEqualTo(7L);
        assertThat(JoblibFile.load(gzip(PICKLE), a, PickleLimits.defaults())).isEqualTo(7L);
    }

    @Test
    void load_truncatedGzip_failsClearly() throws Exception {
        byte[] g = gzip(new byte[1000]);
        byte[] cut = Arrays.copyOf(g, g.length / 2);
        assertThatThrownBy(() -> JoblibFile.load(cut, StandardGlobals.builder().build(), PickleLimits.defaults()))
                .isInstanceOf(PickleException.class)
                .hasMessageContaining("gzip");
    }

    @Test
    void load_decompressionBomb_refusedAtLimit() throws Exception {
        byte[] bomb = zlib(new byte[5_000_000]);
        PickleLimits small = new PickleLimits(1 << 20, 100, 10, 100, 10, 1000, 2);
        assertThatThrownBy(() -> JoblibFile.load(bomb, StandardGlobals.builder().build(), small))
                .isInstanceOf(PickleException.class)
                .hasMessageContaining("exceeds the limit");
    }

    private static byte[] bz2(byte[] b) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (BZip2CompressorOutputStream d = new BZip2CompressorOutputStream(o)) {
            d.write(b);
        }
        return o.toByteArray();
    }

    @Test
    void load_bz2_decompressesThenUnpickles() throws Exception {
        assertThat(JoblibFile.load(bz2(PICKLE), StandardGlobals.builder().build(), PickleLimits.defaults()))
                .isEqualTo(7L);
    }

    @Test
    void load_bz2Bomb_refusedAtLimit() throws Exception {
        byte[] bomb = bz2(new byte[5_000_000]);
        PickleLimits small = new PickleLimits(1 << 20, 100, 10, 100, 10, 1000, 2);
        assertThatThrownBy(() -> JoblibFile.load(bomb, StandardGlobals.builder().build(), small))
                .isInstanceOf(PickleException.class)
                .hasMessageContaining("exceeds the limit");
    }

    @Test
    void load_truncatedBz2_failsClearly() throws Exception {
        byte[] b = bz2(new byte[100_000]);
        byte[] cut = Arrays.copyOf(b, b.length / 2);
        assertThatThrownBy(() -> JoblibFile.load(cut, StandardGlobals.builder().build(), PickleLimits.defaults()))
                .isInstanceOf(PickleException.class)
                .hasMessageContaining("bz2");
    }

    @Test
    void load_lz4_reportsUnsupportedCompression() {
        assertThatThrownBy(() -> JoblibFile.load(
                        new byte[] {0x04, 0x22, 0x4d, 0x18, 1, 2},
                        StandardGlobals.builder().build(),
                        PickleLimits.defaults()))
                .isInstanceOf(PickleException.class)
                .hasMessageContaining("unsupported compression lz4");
    }
}
