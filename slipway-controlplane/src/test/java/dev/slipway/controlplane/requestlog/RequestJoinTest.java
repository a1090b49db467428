package dev.slipway.controlplane.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.slipway.api.LoggedRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link RequestJoin}. */
class RequestJoinTest {

    private static final Instant T0 = Instant.parse("2026-12-05T06:00:00Z");

    private static RequestLogStore.Event e(int second, String id, String type, String node) {
        return new RequestLogStore.Event(
                T0.plusSeconds(second),
                id,
                type,
                "ns",
                "dep",
                "main",
                node,
                JsonNodeFactory.instance.objectNode().put("node", node).put("type", type),
                false);
    }

    @Test
    void join_graphOfTwoNodes_firstRequestLastResponse_newestFirst() {
        final List<LoggedRequest> out = RequestJoin.join(
                List.of(
                        e(0, "a", "request", "transformer"),
                        e(1, "a", "request", "model"),
                        e(2, "a", "response", "model"),
                        e(3, "a", "response", "transformer"),
                        e(10, "b", "request", "transformer")),
                null,
                10);
        assertThat(out).extracting(LoggedRequest::puid).containsExactly("b", "a");
        final LoggedRequest a = out.get(1);
        assertThat(a.nodes()).containsExactly("transformer", "model");
        assertThat(a.request()).asString().contains("transformer");
        assertThat(a.response()).asString().contains("transformer");
        assertThat(out.get(0).response()).isNull();
        assertThat(a.feedback()).isNull();
    }

    @Test
    void join_sinceAndLimit() {
        final List<RequestLogStore.Event> events =
                List.of(e(0, "a", "request", "m"), e(5, "b", "request", "m"), e(9, "c", "request", "m"));
        assertThat(RequestJoin.join(events, T0.plusSeconds(5), 10))
                .extracting(LoggedRequest::puid)
                .containsExactly("c", "b");
        assertThat(RequestJoin.join(events, null, 1))
                .extracting(LoggedRequest::puid)
                .containsExactly("c");
    }

    @Test
    void join_feedbackWithoutReward_orForARotatedRequest_isStillShown() {
        final RequestLogStore.Event feedback = new RequestLogStore.Event(
                T0,
                "gone",
                "feedback",
                "ns",
                "dep",
                "main",
                "m",
                JsonNodeFactory.instance.objectNode().put("truth", "x"),
                false);
        final LoggedRequest r = RequestJoin.join(List.of(feedback), null, 10).get(0);
        assertThat(r.request()).isNull();
        assertThat(r.feedback().reward()).isNull();
        assertThat(r.feedback().truth()).isEqualTo("x");
    }
}
