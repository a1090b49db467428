package dev.slipway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.LoggedRequest;
import dev.slipway.console.view.LoggedRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link RequestLogPages}: the API's records as rows, and the page rendered by the real (compiled) template
 * with payloads an attacker chose — they come out as text, never as markup.
 */
class RequestLogPagesTest {

    private static final String HOSTILE =
            "</pre></details><script>window.pwned=1</script><img src=x onerror=\"pwned=2\">";

    private static LoggedRequest logged(String puid, Object request, LoggedRequest.Feedback feedback) {
        return new LoggedRequest(
                puid,
                Instant.parse("2026-12-05T09:00:00Z"),
                "staging",
                "news",
                "default",
                List.of("classifier"),
                request,
                Map.of("data", Map.of("ndarray", List.of(List.of(0.25, 0.75)))),
                feedback,
                false);
    }

    @Test
    void rows_payloadsAsIndentedJson_feedbackJoined() {
        final List<LoggedRow> rows = RequestLogPages.rows(List.of(
                logged(
                        "p1",
                        Map.of("data", Map.of("ndarray", List.of("a text"))),
                        new LoggedRequest.Feedback(
                                Instant.parse("2026-12-05T09:00:05Z"),
                                1.0,
                                Map.of("data", Map.of("ndarray", List.of(1))))),
                logged("p2", null, null)));
        assertThat(rows.get(0).request())
                .contains("\"ndarray\" : [ \"a text\" ]")
                .contains("\n");
        assertThat(rows.get(0).reward()).isEqualTo("1.0");
        assertThat(rows.get(0).truth()).contains("\"ndarray\" : [ 1 ]");
        assertThat(rows.get(0).hasFeedback()).isTrue();
        assertThat(rows.get(1).request()).isEmpty();
        assertThat(rows.get(1).hasFeedback()).isFalse();
    }

    @Test
    void json_cutsWhatIsTooLongToShow() {
        final String big = "x".repeat(RequestLogPages.SHOWN * 2);
        assertThat(RequestLogPages.json(Map.of("data", Map.of("strData", big))))
                .hasSizeLessThan(RequestLogPages.SHOWN + 200)
                .contains("more characters");
    }

    @Test
    void page_escapesAttackerControlledPayloadsPuidsAndFeedback() {
        final List<LoggedRow> rows = RequestLogPages.rows(List.of(logged(
                HOSTILE,
                Map.of("data", Map.of("ndarray", List.of(HOSTILE)), "meta", Map.of("tags", Map.of(HOSTILE, HOSTILE))),
                new LoggedRequest.Feedback(Instant.parse("2026-12-05T09:00:05Z"), null, Map.of("strData", HOSTILE)))));
        final String html = new Templates()
                .render(
                        "requests.jte",
                        Web.params(
                                new Viewer(true, "alice", "developer", "csrf", "/deployments/staging/news/requests"),
                                "namespace",
                                "staging",
                                "name",
                                "news",
                                "rows",
                                rows,
                                "off",
                                "",
                                "since",
                                "",
                                "sinces",
                                RequestLogPages.SINCE,
                                "limit",
                                20,
                                "limits",
                                RequestLogPages.LIMITS,
                                "paged",
                                false,
                                "newest",
                                "",
                                "older",
                                ""));
        assertThat(html).doesNotContain("<script>window", "<img", "</pre></details><script");
        assertThat(html).contains("&lt;script&gt;window.pwned=1&lt;/script&gt;");
        // the only scripts are the console's own
        assertThat(html.split("<script", -1)).hasSize(2);
        assertThat(html).contains("<script src=\"/assets/console.js\" defer></script>");
    }

    @Test
    void limitAndBefore_takeOnlyWhatThePageOffers() {
        assertThat(RequestLogPages.limit("50")).isEqualTo(50);
        assertThat(RequestLogPages.limit("7")).isEqualTo(20);
        assertThat(RequestLogPages.limit("x")).isEqualTo(20);
        assertThat(RequestLogPages.limit(null)).isEqualTo(20);
        assertThat(RequestLogPages.before("2026-12-05T09:00:00Z")).isEqualTo(Instant.parse("2026-12-05T09:00:00Z"));
        assertThat(RequestLogPages.before("yesterday")).isNull();
        assertThat(RequestLogPages.before("")).isNull();
        assertThat(RequestLogPages.puid(" 8f3a ")).isEqualTo("8f3a");
        assertThat(RequestLogPages.puid("")).isNull();
        assertThat(RequestLogPages.puid("x".repeat(201))).isNull();
    }
}
