package dev.slipway.pipeline.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link PushFeedback}. */
class PushFeedbackTest {

    private static byte[] pkt(String payload) {
        return (String.format("%04x", payload.length() + 4) + payload).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void sideBand_readFromTheFirstCommandsCapabilities() {
        final String cmd = "0".repeat(40) + " " + "a".repeat(40) + " refs/heads/main\0";
        assertThat(PushFeedback.sideBand(pkt(cmd + " report-status side-band-64k agent=git/2.43")))
                .isTrue();
        assertThat(PushFeedback.sideBand(pkt(cmd + "report-status side-band quiet")))
                .isTrue();
        assertThat(PushFeedback.sideBand(pkt(cmd + "report-status agent=git/2.43")))
                .isFalse();
        assertThat(PushFeedback.sideBand(pkt("no capabilities side-band-64k"))).isFalse();
        assertThat(PushFeedback.sideBand("\u001f\u008b gzip".getBytes(StandardCharsets.ISO_8859_1)))
                .isFalse();
        assertThat(PushFeedback.sideBand("ffff".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(PushFeedback.sideBand(new byte[0])).isFalse();
    }

    @Test
    void append_bandTwoPacketsBeforeTheFinalFlush() {
        final byte[] answer = "0013\u0001000eunpack ok\n0000".getBytes(StandardCharsets.ISO_8859_1);
        final String out = new String(PushFeedback.append(answer, List.of("hello", "")), StandardCharsets.ISO_8859_1);
        assertThat(out).isEqualTo("0013\u0001000eunpack ok\n000b\u0002hello\n0006\u0002\n0000");
    }

    @Test
    void append_noFlushOrNoLines_leavesTheAnswerAlone() {
        final byte[] noFlush = "0013\u0001000eunpack ok\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(PushFeedback.append(noFlush, List.of("x"))).isSameAs(noFlush);
        final byte[] answer = "0000".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(PushFeedback.append(answer, List.of())).isSameAs(answer);
    }

    @Test
    void append_longLine_cutToOnePacket() {
        final byte[] out = PushFeedback.append("0000".getBytes(StandardCharsets.US_ASCII), List.of("x".repeat(5000)));
        assertThat(new String(out, 0, 4, StandardCharsets.US_ASCII)).isEqualTo(String.format("%04x", 1000));
        assertThat(out).hasSize(1000 + 4);
    }

    @Test
    void lines_noRuns_nothingToSay() {
        assertThat(PushFeedback.lines(List.of(), "http://x")).isEmpty();
    }
}
