package dev.slipway.controlplane.requestlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LineRingTest {

    /** What a read handed over: key and text. */
    private record Got(int key, String text) {}

    private static boolean put(LineRing ring, int key, String text) {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final int at = ring.claim(bytes.length);
        if (at < 0) {
            return false;
        }
        System.arraycopy(bytes, 0, ring.bytes(), at, bytes.length);
        ring.publish(at, key, bytes.length);
        return true;
    }

    private static List<Got> read(LineRing ring, int max) {
        final List<Got> got = new ArrayList<>();
        ring.read(
                max,
                (key, bytes, offset, length) ->
                        got.add(new Got(key, new String(bytes, offset, length, StandardCharsets.UTF_8))));
        return got;
    }

    @Test
    void records_areReadInOrder_withTheirKeys_andReadOnlyOnce() {
        final LineRing ring = new LineRing(4096, 1024);
        assertThat(ring.isEmpty()).isTrue();
        assertThat(put(ring, 7, "{\"a\":1}\n")).isTrue();
        assertThat(put(ring, 3, "x")).isTrue();
        assertThat(put(ring, 7, "{\"b\":22}\n")).isTrue();
        assertThat(ring.isEmpty()).isFalse();
        assertThat(read(ring, 2)).containsExactly(new Got(7, "{\"a\":1}\n"), new Got(3, "x"));
        assertThat(read(ring, 10)).containsExactly(new Got(7, "{\"b\":22}\n"));
        assertThat(read(ring, 10)).isEmpty();
        assertThat(ring.isEmpty())
                .as("read but not released: the room is still taken")
                .isFalse();
        ring.release();
        assertThat(ring.isEmpty()).isTrue();
    }

    @Test
    void full_refusesUntilTheWriterReleases_andTooLongIsRefused() {
        final LineRing ring = new LineRing(4096, 1024);
        final String line = "y".repeat(1016); // 8 bytes of header: 1 KiB a record, four fill the ring
        for (int i = 0; i < 4; i++) {
            assertThat(put(ring, i, line)).isTrue();
        }
        assertThat(put(ring, 9, "z")).as("full").isFalse();
        assertThat(ring.claim(1025)).as("longer than maxRecord").isEqualTo(-1);
        assertThat(ring.claim(0)).isEqualTo(-1);
        assertThat(read(ring, 10)).hasSize(4);
        assertThat(put(ring, 9, "z")).as("read is not released yet").isFalse();
        ring.release();
        assertThat(put(ring, 9, "z")).isTrue();
        assertThat(read(ring, 10)).containsExactly(new Got(9, "z"));
    }

    @Test
    void aRecordThatDoesNotFitAtTheEnd_startsAgainAtTheBeginning_afterPadding() {
        final LineRing ring = new LineRing(4096, 1024);
        final String filler = "f".repeat(600); // 616 bytes a record with its header: each round wraps elsewhere
        for (int round = 0; round < 5; round++) {
            final List<Got> expected = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                assertThat(put(ring, i, filler + round + i)).isTrue();
                expected.add(new Got(i, filler + round + i));
            }
            final String odd = "o".repeat(100 + round * 37);
            assertThat(put(ring, 5, odd)).isTrue();
            expected.add(new Got(5, odd));
            assertThat(read(ring, 100)).containsExactlyElementsOf(expected);
            ring.release();
            assertThat(ring.isEmpty()).isTrue();
        }
    }

    @Test
    void aClaimedRecord_holdsBackTheOnesAfterIt_untilPublished_orAbandoned() {
        final LineRing ring = new LineRing(4096, 1024);
        final int first = ring.claim(5);
        assertThat(put(ring, 2, "after")).isTrue();
        assertThat(read(ring, 10)).as("the first is not written yet").isEmpty();
        System.arraycopy("first".getBytes(StandardCharsets.UTF_8), 0, ring.bytes(), first, 5);
        ring.publish(first, 1, 5);
        assertThat(read(ring, 10)).containsExactly(new Got(1, "first"), new Got(2, "after"));
        ring.release();

        final int lost = ring.claim(40);
        assertThat(put(ring, 3, "next")).isTrue();
        ring.abandon(lost, 40);
        assertThat(read(ring, 10)).as("an abandoned record is skipped").containsExactly(new Got(3, "next"));
        ring.release();
        assertThat(ring.isEmpty()).isTrue();
    }

    @Test
    void badSizes_areRefused() {
        assertThatThrownBy(() -> new LineRing(5000, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LineRing(4096, 2048)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyProducers_oneReader_everyRecordArrivesWhole_inEachProducersOrder() throws Exception {
        final LineRing ring = new LineRing(1 << 16, 4096);
        final int producers = 4;
        final int each = 50_000;
        final CountDownLatch go = new CountDownLatch(1);
        final AtomicBoolean failed = new AtomicBoolean();
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            final int key = p;
            final Thread t = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        // lengths vary, so records wrap at every position of the array
                        final String text = key + ":" + i + ":" + "v".repeat(i % 300);
                        while (!put(ring, key, text)) {
                            Thread.onSpinWait();
                        }
                    }
                } catch (InterruptedException e) {
                    failed.set(true);
                }
            });
            t.start();
            threads.add(t);
        }
        final int[] next = new int[producers];
        final int[] total = {0};
        go.countDown();
        final long end = System.nanoTime() + 60_000_000_000L;
        while (total[0] < producers * each && System.nanoTime() < end) {
            ring.read(512, (key, bytes, offset, length) -> {
                final String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
                final int i = next[key]++;
                if (!text.equals(key + ":" + i + ":" + "v".repeat(i % 300))) {
                    failed.set(true);
                }
                total[0]++;
            });
            ring.release();
        }
        for (final Thread t : threads) {
            t.join(10_000);
        }
        assertThat(failed).isFalse();
        assertThat(total[0]).isEqualTo(producers * each);
        assertThat(ring.isEmpty()).isTrue();
    }
}
