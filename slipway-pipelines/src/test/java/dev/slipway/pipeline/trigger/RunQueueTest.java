package dev.slipway.pipeline.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Tests for {@link RunQueue}. */
class RunQueueTest {

    @Test
    void submit_sameRepository_runsOneAtATimeInPushOrder() throws Exception {
        List<Integer> order = new CopyOnWriteArrayList<>();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(20);
        try (RunQueue q = new RunQueue(4, 100)) {
            for (int i = 0; i < 20; i++) {
                int n = i;
                q.submit("repo-a", () -> {
                    maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                    order.add(n);
                    Thread.yield();
                    concurrent.decrementAndGet();
                    done.countDown();
                });
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(order)
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, 20).boxed().toList());
        assertThat(maxConcurrent.get()).isEqualTo(1);
    }

    @Test
    void submit_differentRepositories_runInParallelUpToTheExecutors() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch thirdStarted = new CountDownLatch(1);
        try (RunQueue q = new RunQueue(2, 10)) {
            for (String repo : List.of("a", "b")) {
                q.submit(repo, () -> {
                    bothRunning.countDown();
                    await(release);
                });
            }
            q.submit("c", thirdStarted::countDown);
            assertThat(bothRunning.await(30, TimeUnit.SECONDS)).isTrue();
            // both executors are busy: c waits
            assertThat(thirdStarted.getCount()).isEqualTo(1);
            assertThat(q.waiting()).isEqualTo(1);
            release.countDown();
            assertThat(thirdStarted.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void submit_busyRepository_doesNotBlockOthers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch aStarted = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);
        Map<String, Long> starts = new ConcurrentHashMap<>();
        CountDownLatch a2Done = new CountDownLatch(1);
        try (RunQueue q = new RunQueue(2, 10)) {
            q.submit("a", () -> {
                aStarted.countDown();
                await(release);
            });
            assertThat(aStarted.await(30, TimeUnit.SECONDS)).isTrue();
            q.submit("a", () -> {
                starts.put("a2", System.nanoTime());
                a2Done.countDown();
            });
            q.submit("b", bDone::countDown);
            assertThat(bDone.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(starts).doesNotContainKey("a2");
            release.countDown();
            assertThat(a2Done.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void submit_full_isRefused() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try (RunQueue q = new RunQueue(1, 2)) {
            q.submit("a", () -> {
                started.countDown();
                await(release);
            });
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            q.submit("a", () -> {});
            q.submit("b", () -> {});
            assertThatThrownBy(() -> q.submit("c", () -> {}))
                    .isInstanceOf(RejectedExecutionException.class)
                    .hasMessageContaining("full (2 runs waiting)");
            release.countDown();
        }
    }

    @Test
    void defaults_twoExecutors() throws Exception {
        CountDownLatch two = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        try (RunQueue q = new RunQueue()) {
            for (String repo : List.of("a", "b", "c")) {
                q.submit(repo, () -> {
                    started.incrementAndGet();
                    two.countDown();
                    await(release);
                });
            }
            assertThat(two.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(q.waiting()).isEqualTo(1);
            assertThat(started.get()).isEqualTo(2);
            release.countDown();
        }
    }

    @Test
    void submit_failingRun_keepsTheExecutorAlive() throws Exception {
        CountDownLatch after = new CountDownLatch(1);
        try (RunQueue q = new RunQueue(1, 10)) {
            q.submit("a", () -> {
                throw new IllegalStateException("boom");
            });
            q.submit("a", after::countDown);
            assertThat(after.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
