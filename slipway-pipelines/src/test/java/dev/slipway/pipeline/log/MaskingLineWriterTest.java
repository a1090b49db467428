package dev.slipway.pipeline.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link MaskingLineWriter}. */
class MaskingLineWriterTest {

    private static final String SECRET = "hunter2-very-secret";

    private final List<String> lines = new ArrayList<>();

    @ParameterizedTest(name = "chunks of {0} bytes")
    @ValueSource(ints = {1, 2, 3, 5, 7, 13, 64})
    void write_secretSplitAcrossChunks_isMasked(int chunk) {
        byte[] out = ("line one " + SECRET + "\nsecond é " + SECRET + " end\nlast").getBytes(StandardCharsets.UTF_8);
        try (MaskingLineWriter w = new MaskingLineWriter(SecretMasker.of(List.of(SECRET)), lines::add)) {
            for (int i = 0; i < out.length; i += chunk) {
                w.write(out, i, Math.min(chunk, out.length - i));
            }
        }
        assertThat(lines).containsExactly("line one ****", "second é **** end", "last");
    }

    @Test
    void write_ansiEscapes_areStrippedBeforeMasking() {
        String maven = "\u001B[1;34mINFO\u001B[m] Building \u001B[1mslipway\u001B[m\n";
        String hidden = "token: hunter2-\u001B[0mvery-secret\n";
        try (MaskingLineWriter w = new MaskingLineWriter(SecretMasker.of(List.of(SECRET)), lines::add)) {
            w.write(
                    (maven + hidden).getBytes(StandardCharsets.UTF_8),
                    0,
                    (maven + hidden).getBytes(StandardCharsets.UTF_8).length);
        }
        assertThat(lines).containsExactly("INFO] Building slipway", "token: ****");
    }

    @Test
    void write_longLine_isCutWithoutSplittingASecret() {
        SecretMasker masker = SecretMasker.of(List.of(SECRET));
        int max = 64;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append("ab").append(SECRET).append("c".repeat(i % 7));
        }
        try (MaskingLineWriter w = new MaskingLineWriter(masker, lines::add, max)) {
            w.write(text + "\n");
        }
        assertThat(lines).hasSizeGreaterThan(1);
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(max));
        assertThat(String.join("", lines)).doesNotContain("hunter").isEqualTo(masker.mask(text.toString()));
    }

    @Test
    void write_crlfAndCr_endLines() {
        try (MaskingLineWriter w = new MaskingLineWriter(SecretMasker.none(), lines::add)) {
            w.write("a\r\nb\rc\n\nd");
        }
        assertThat(lines).containsExactly("a", "b", "c", "", "d");
    }

    @Test
    void write_utf8SplitAcrossChunks_isDecoded() {
        byte[] bytes = "日本\n".getBytes(StandardCharsets.UTF_8);
        try (MaskingLineWriter w = new MaskingLineWriter(SecretMasker.none(), lines::add)) {
            for (byte b : bytes) {
                w.write(new byte[] {b}, 0, 1);
            }
        }
        assertThat(lines).containsExactly("日本");
    }
}
