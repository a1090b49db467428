package dev.slipway.pipeline.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link WebhookVerifier}. */
class WebhookVerifierTest {

    /** GitHub's documented example ("Validating webhook deliveries"). */
    private static final String SECRET = "It's a Secret to Everybody";

    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private final WebhookVerifier verifier = new WebhookVerifier(SECRET);

    @Test
    void sign_githubExample_matchesDocumentedSignature() {
        assertThat(verifier.sign(BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void verify_githubExample_isAccepted() {
        assertThat(verifier.verify(BODY, SIGNATURE).accepted()).isTrue();
        assertThat(verifier.verify(BODY, SIGNATURE.toUpperCase().replace("SHA256=", "sha256="))
                        .accepted())
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      missing        | NULL                                                                          | missing X-Hub-Signature-256 header
      blank          | '  '                                                                          | missing X-Hub-Signature-256 header
      sha1 scheme    | sha1=0123456789abcdef0123456789abcdef01234567                                 | must start with sha256=
      short hex      | sha256=757107ea                                                               | is not sha256= followed by 64 hex digits
      not hex        | sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17       | is not sha256= followed by 64 hex digits
      wrong          | sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18       | does not match the body
      """)
    void verify_badSignature_isRejectedWithReason(String what, String header, String reason) {
        WebhookVerifier.Verification v = verifier.verify(BODY, header);
        assertThat(v.accepted()).as(what).isFalse();
        assertThat(v.reason()).contains(reason);
    }

    @Test
    void verify_alteredBody_isRejected() {
        assertThat(verifier.verify("Hello, World?".getBytes(StandardCharsets.UTF_8), SIGNATURE)
                        .accepted())
                .isFalse();
    }

    @Test
    void verify_otherSecret_isRejected() {
        assertThat(new WebhookVerifier("another secret").verify(BODY, SIGNATURE).accepted())
                .isFalse();
    }

    @Test
    void constructor_emptySecret_isRefused() {
        assertThatThrownBy(() -> new WebhookVerifier("")).hasMessageContaining("secret is required");
    }
}
