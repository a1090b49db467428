package dev.slipway.gitops.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommitMessageTest {

    @Test
    void testFormat_humanSubject_thenStructuredDataAsTrailers() {
        final String text = CommitMessage.of(
                        CommitMessage.CREATED,
                        "Promote news-classifier to staging (from news@1a2b3c4)",
                        "carol",
                        "carol@example.com")
                .withTrailer(CommitMessage.SOURCE, "news@1a2b3c4d5e")
                .withTrailer(CommitMessage.RUN, "20261205-0001")
                .withTrailer("approved-by", "bob")
                .format();
        assertThat(text).isEqualTo("""
        Promote news-classifier to staging (from news@1a2b3c4)

        Slipway-Action: Deployment created
        Slipway-Author: carol <carol@example.com>
        Slipway-Source: news@1a2b3c4d5e
        Slipway-Run: 20261205-0001
        Slipway-Approved-By: bob
        """);
    }

    @Test
    void testFormat_isReadByGitInterpretTrailers() throws Exception {
        final String text = CommitMessage.of(CommitMessage.ROLLBACK, "Roll back iris\n\nWhy: slow", "dave", "")
                .withTrailer(CommitMessage.APPROVED_BY, "bob")
                .format();
        final Process git = new ProcessBuilder("git", "interpret-trailers", "--parse")
                .redirectErrorStream(true)
                .start();
        try (var in = git.getOutputStream()) {
            in.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        final String parsed = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(git.waitFor()).isZero();
        assertThat(parsed).isEqualTo("Slipway-Action: Rollback\nSlipway-Author: dave\nSlipway-Approved-By: bob\n");
    }

    /** What {@link CommitMessage#parse} reads: the current form, the older JSON-first form, and plain commits. */
    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of(
                        "subject, body, Slipway trailers",
                        "Roll back iris\n\nWhy: slow\n\nSlipway-Action: Rollback\n"
                                + "Slipway-Author: dave <d@example.com>\nSlipway-Approved-By: bob\n",
                        "Rollback",
                        "Roll back iris\n\nWhy: slow",
                        "dave",
                        "bob"),
                Arguments.of(
                        "subject, JSON, trailers (older commits)",
                        "Roll back iris\n\n{\"Action\":\"Rollback\",\"Message\":\"Roll back "
                                + "iris\",\"Author\":\"dave\",\"Email\":\"\"}\n\nApproved-by: bob\n",
                        "Rollback",
                        "Roll back iris",
                        "dave",
                        "bob"),
                Arguments.of(
                        "JSON first (older commits)",
                        "{\"Action\":\"Deployment created\",\"Message\":\"m\",\"Author\":"
                                + "\"carol\",\"Email\":\"\"}\n\nApproved-by: bob\n",
                        "Deployment created",
                        "m",
                        "carol",
                        "bob"),
                Arguments.of("plain git commit", "a broken manifest\n\nsome body\n", "", "a broken manifest", "", null),
                Arguments.of("JSON without Action is not structured", "{\"x\":1}\n", "", "{\"x\":1}", "", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void testParse(String name, String full, String action, String message, String author, String approvedBy) {
        final CommitMessage m = CommitMessage.parse(full);
        assertThat(m.action()).isEqualTo(action);
        assertThat(m.message()).isEqualTo(message);
        assertThat(m.author()).isEqualTo(author);
        assertThat(m.trailer(CommitMessage.APPROVED_BY).orElse(null)).isEqualTo(approvedBy);
    }

    @Test
    void testParse_roundTrip() {
        final CommitMessage m = CommitMessage.of(
                        "Rollback", "Roll back iris in staging to 1a2b3c4\n\nbecause: slow", "dave", "dave@example.com")
                .withTrailer("Rollback-to", "1a2b3c4");
        assertThat(CommitMessage.parse(m.format())).isEqualTo(m);
        assertThat(CommitMessage.parse(m.format()).trailer("Slipway-Rollback-To"))
                .contains("1a2b3c4");
        assertThat(m.subject()).isEqualTo("Roll back iris in staging to 1a2b3c4");
    }
}
