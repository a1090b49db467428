package dev.slipway.pipeline.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests for {@link SecretMasker}. */
class SecretMaskerTest {

    private static final String SECRET = "p@ss w0rd/\"quoted\"+more";
    private static final SecretMasker MASKER = SecretMasker.of(List.of(SECRET));

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64url(String s) {
        return Base64.getUrlEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of("plain", SECRET),
                Arguments.of("base64", b64(SECRET)),
                Arguments.of("base64 unpadded", b64(SECRET).replace("=", "")),
                Arguments.of("base64url", b64url(SECRET)),
                Arguments.of("base64url unpadded", b64url(SECRET).replace("=", "")),
                Arguments.of("url-encoded form", URLEncoder.encode(SECRET, StandardCharsets.UTF_8)),
                Arguments.of(
                        "url-encoded %20",
                        URLEncoder.encode(SECRET, StandardCharsets.UTF_8).replace("+", "%20")),
                Arguments.of("json-escaped", SECRET.replace("\"", "\\\"").replace("/", "/")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void mask_encodedSecret_isReplaced(String what, String encoded) {
        String masked = MASKER.mask("before " + encoded + " after");
        assertThat(masked).as(what).isEqualTo("before **** after");
    }

    @ParameterizedTest(name = "prefix of {0} bytes")
    @MethodSource("alignments")
    void mask_base64OfLongerText_hidesTheSecretAtEveryAlignment(int prefix, Base64.Encoder enc) {
        String text = "x".repeat(prefix) + SECRET + "yz";
        String encoded = enc.encodeToString(text.getBytes(StandardCharsets.UTF_8));
        String masked = MASKER.mask("token: " + encoded);
        assertThat(masked).contains(SecretMasker.MASK);
        // no run of 8 base64 characters that encodes only secret bits may survive
        String fixed = SecretMasker.aligned(enc, SECRET.getBytes(StandardCharsets.UTF_8), prefix % 3);
        for (int i = 0; i + 8 <= fixed.length(); i++) {
            assertThat(masked).doesNotContain(fixed.substring(i, i + 8));
        }
    }

    static Stream<Arguments> alignments() {
        return Stream.of(0, 1, 2, 3, 4, 5)
                .flatMap(p -> Stream.of(Arguments.of(p, Base64.getEncoder()), Arguments.of(p, Base64.getUrlEncoder())));
    }

    @Test
    void aligned_isIndependentOfSurroundingBytes() {
        byte[] secret = "correct horse".getBytes(StandardCharsets.UTF_8);
        for (int offset = 0; offset < 3; offset++) {
            String fixed = SecretMasker.aligned(Base64.getEncoder(), secret, offset);
            for (String pre : List.of("", "a", "bb", "ccc")) {
                if (pre.length() % 3 != offset) {
                    continue;
                }
                for (String post : List.of("", "!", "?!", "...")) {
                    assertThat(b64(pre + "correct horse" + post))
                            .as(offset + "/" + pre + "/" + post)
                            .contains(fixed);
                }
            }
        }
    }

    @Test
    void mask_severalSecrets_longestFirst() {
        SecretMasker m = SecretMasker.of(List.of("abc", "abcdef"));
        assertThat(m.mask("x abcdef y abc z")).isEqualTo("x **** y **** z");
    }

    @Test
    void mask_shortSecret_masksValueButNotShortDerivedForms() {
        SecretMasker m = SecretMasker.of(List.of("ab"));
        assertThat(m.mask("ab YWI= ok")).isEqualTo("**** YWI= ok");
    }

    @Test
    void none_andEmptyValues_changeNothing() {
        assertThat(SecretMasker.none().mask("anything")).isEqualTo("anything");
        assertThat(SecretMasker.of(List.of("")).mask("anything")).isEqualTo("anything");
    }
}
