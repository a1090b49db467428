package dev.slipway.controlplane.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link RequestLogStore}'s reading: what a store that has read a deployment before answers is always what
 * a store reading the files afresh answers — after its own appends, a rotation, and another writer's appends.
 */
class RequestLogStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-05T06:00:00Z");

    @TempDir
    Path root;

    private static RequestLogStore.Event event(int i) {
        return new RequestLogStore.Event(
                T0.plusSeconds(i),
                "p" + i,
                i % 2 == 0 ? "request" : "response",
                "staging",
                "iris",
                "default",
                "classifier",
                JsonNodeFactory.instance.objectNode().put("n", i),
                false);
    }

    private List<RequestLogStore.Event> afresh() throws Exception {
        return new RequestLogStore(root, small()).events("staging", "iris");
    }

    private static RequestLogStore.Limits small() {
        return new RequestLogStore.Limits(4, 1024 * 1024, 1024, 10);
    }

    @Test
    void events_afterAppendsRotationsAndAnotherWriter_areWhatTheFilesHold() throws Exception {
        final RequestLogStore store = new RequestLogStore(root, small());
        store.append(event(0));
        store.append(event(1));
        assertThat(store.events("staging", "iris")).isEqualTo(afresh()).hasSize(2);

        // its own appends: read from what it parsed, plus the new lines
        store.append(event(2));
        store.append(event(3));
        assertThat(store.events("staging", "iris")).isEqualTo(afresh()).hasSize(4);

        // a rotation (4 events a file): the oldest file goes, the rest is read again
        for (int i = 4; i < 10; i++) {
            store.append(event(i));
        }
        final List<RequestLogStore.Event> rotated = store.events("staging", "iris");
        assertThat(rotated).isEqualTo(afresh());
        assertThat(rotated).extracting(RequestLogStore.Event::id).containsExactly("p4", "p5", "p6", "p7", "p8", "p9");

        // another process appends to the same files: the next read sees it
        new RequestLogStore(root, small()).append(event(10));
        assertThat(store.events("staging", "iris"))
                .isEqualTo(afresh())
                .extracting(RequestLogStore.Event::id)
                .endsWith("p9", "p10");
        assertThat(store.events("staging", "other")).isEmpty();
    }
}
