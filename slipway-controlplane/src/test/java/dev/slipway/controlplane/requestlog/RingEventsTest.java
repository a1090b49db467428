package dev.slipway.controlplane.requestlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.support.Mappers;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link RingEvents}: an event written as a ring record by the event loop becomes, on the writer's side,
 * exactly the line {@link EventLine#of} makes of the same event received as bytes.
 */
class RingEventsTest {

    private static final RingEvents.Route ROUTE = new RingEvents.Route("staging", "iris", "default", "classifier");

    private static final String[] PAYLOADS = {
        "{\"data\":{\"ndarray\":[[1,2]]}}",
        "{\"data\": {\"ndarray\": [[1.0, 2.0, 3e2]]}}",
        "{\"a\":\n1,\r\n\"b\":[2]}", // JSON over lines: the parser's path
        "not json",
        "\"caf\u00e9\"", // not ASCII: the parser's path
        "",
    };

    private static final Instant[] TIMES = {
        Instant.parse("2026-12-05T10:00:00Z"),
        Instant.parse("2026-12-05T10:00:00.120Z"),
        Instant.parse("2026-12-05T10:00:01.000450Z"),
        Instant.parse("2026-12-05T10:00:01.000000007Z"),
    };

    /** The line {@link EventLine#of} makes of the event, as a sender's bytes would come. */
    private static byte[] expected(Instant time, String kind, String id, byte[] payload, boolean truncated) {
        final RequestLogStore.Event e = new RequestLogStore.Event(
                time,
                id,
                kind,
                ROUTE.namespace(),
                ROUTE.deployment(),
                ROUTE.predictor(),
                ROUTE.node(),
                null,
                truncated);
        return new EventLine(Mappers.json()).of(e, truncated ? null : payload);
    }

    /** Writes the event's record at {@code at} of {@code ring}; returns its length. */
    private static int record(byte[] ring, int at, Instant time, String kind, String id, byte[] payload, boolean cut) {
        final int length = RingEvents.length(id, cut ? 0 : payload.length);
        RingEvents.write(ring, at, time, kind, id, cut ? null : Buffer.buffer(payload));
        return length;
    }

    private static byte[] bytes(RequestLogStore.Line line) {
        return Arrays.copyOfRange(line.bytes(), line.offset(), line.offset() + line.length());
    }

    @Test
    void everyKindTimeAndPayload_becomesTheLineOfTheSameEventReceivedAsBytes() {
        final RingEvents.Lines lines = new RingEvents.Lines(new EventLine(Mappers.json()));
        final byte[] ring = new byte[1 << 16];
        Arrays.fill(ring, (byte) 'x'); // what an earlier lap left: the record must not read past its length
        final String longId = "a1._:-".repeat(21) + "zz"; // 128 characters
        int at = 24;
        for (final String kind : List.of("request", "response", "feedback")) {
            for (final Instant time : TIMES) {
                for (final String text : PAYLOADS) {
                    for (final String id : List.of("p", longId)) {
                        for (final boolean cut : new boolean[] {false, true}) {
                            final byte[] payload = text.getBytes(StandardCharsets.UTF_8);
                            final int length = record(ring, at, time, kind, id, payload, cut);
                            final RequestLogStore.Line line = lines.of(ROUTE, ring, at, length);
                            assertThat(line.namespace()).isEqualTo("staging");
                            assertThat(line.deployment()).isEqualTo("iris");
                            assertThat(new String(bytes(line), StandardCharsets.UTF_8))
                                    .as("%s %s %s id %d cut %s", kind, time, text, id.length(), cut)
                                    .isEqualTo(
                                            new String(expected(time, kind, id, payload, cut), StandardCharsets.UTF_8));
                            at = (at + length + 8 + 7) & ~7;
                            if (at > ring.length - 4096) {
                                at = 24;
                                lines.reset();
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void linesMadeBeforeTheBufferFillsUp_stayAsTheyWere() {
        final RingEvents.Lines lines = new RingEvents.Lines(new EventLine(Mappers.json()));
        final byte[] payload =
                ("{\"data\":{\"ndarray\":[" + "1,".repeat(30_000) + "1]}}").getBytes(StandardCharsets.UTF_8);
        final byte[] ring = new byte[payload.length + 1024];
        final Instant time = Instant.parse("2026-12-05T10:00:00.5Z");
        final List<RequestLogStore.Line> made = new ArrayList<>();
        for (int i = 0; i < 60; i++) { // ~3.6 MB of lines in one batch: more than the writer's buffer holds
            final int length = record(ring, 0, time, "request", "id" + i, payload, false);
            made.add(lines.of(ROUTE, ring, 0, length));
        }
        for (int i = 0; i < made.size(); i++) {
            assertThat(bytes(made.get(i))).isEqualTo(expected(time, "request", "id" + i, payload, false));
        }
    }

    @Test
    void aKindThatIsNoneOfSeldons_isRefused() {
        assertThatThrownBy(() -> RingEvents.write(new byte[64], 0, Instant.EPOCH, "other", "p", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Ce-Type");
    }
}
