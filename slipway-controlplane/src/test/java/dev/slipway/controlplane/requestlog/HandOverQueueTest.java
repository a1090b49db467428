package dev.slipway.controlplane.requestlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Tests for {@link HandOverQueue}: its bound, its order across wrap-arounds, and many producers against one writer. */
class HandOverQueueTest {

    @Test
    void offer_takesExactlyTheBound_thenRefuses_untilTheWriterDrains() {
        final HandOverQueue<Integer> queue = new HandOverQueue<>(5);
        for (int i = 0; i < 5; i++) {
            assertThat(queue.offer(i)).isTrue();
        }
        assertThat(queue.offer(5)).isFalse();
        final List<Integer> out = new ArrayList<>();
        assertThat(queue.drainTo(out, 2)).isEqualTo(2);
        assertThat(out).containsExactly(0, 1);
        assertThat(queue.offer(5)).isTrue();
        assertThat(queue.offer(6)).isTrue();
        assertThat(queue.offer(7)).isFalse();
        assertThat(queue.drainTo(out, 100)).isEqualTo(5);
        assertThat(out).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.drainTo(out, 100)).isZero();
    }

    @Test
    void drainTo_keepsTheOrder_acrossManyWrapArounds() {
        final HandOverQueue<Integer> queue = new HandOverQueue<>(3); // 4 slots
        final List<Integer> out = new ArrayList<>();
        int next = 0;
        for (int round = 0; round < 100; round++) {
            final int waiting = next - out.size();
            for (int i = 0; i < Math.min(1 + round % 3, 3 - waiting); i++) {
                assertThat(queue.offer(next++)).isTrue();
            }
            if (next - out.size() == 3) {
                assertThat(queue.offer(-1)).as("full at its bound").isFalse();
            }
            queue.drainTo(out, 1 + round % 2);
        }
        queue.drainTo(out, Integer.MAX_VALUE);
        assertThat(out).hasSize(next);
        for (int i = 0; i < next; i++) {
            assertThat(out.get(i)).isEqualTo(i);
        }
    }

    @Test
    void manyProducers_oneWriter_everyElementOnce_eachProducersInItsOrder() throws Exception {
        final int producers = 4;
        final int each = 20_000;
        final HandOverQueue<long[]> queue = new HandOverQueue<>(100);
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            final int producer = p;
            final Thread t = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    while (!queue.offer(new long[] {producer, i})) {
                        Thread.onSpinWait(); // full: the writer makes room
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        final int[] nextOf = new int[producers];
        final List<long[]> batch = new ArrayList<>();
        int taken = 0;
        while (taken < producers * each) {
            batch.clear();
            taken += queue.drainTo(batch, 64);
            for (final long[] e : batch) {
                assertThat(e[1]).isEqualTo(nextOf[(int) e[0]]);
                nextOf[(int) e[0]]++;
            }
            if (batch.isEmpty()) {
                Thread.onSpinWait();
            }
        }
        for (final Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(2));
            assertThat(t.isAlive()).isFalse();
        }
        assertThat(nextOf).containsOnly(each);
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void bound_outOfRange_isRefused() {
        assertThatThrownBy(() -> new HandOverQueue<>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
