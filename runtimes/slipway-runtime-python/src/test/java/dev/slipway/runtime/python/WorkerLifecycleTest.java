package dev.slipway.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.model.ModelException;
import dev.slipway.model.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Tests for {@link WorkerPool} through {@link PythonModel}: timeouts, crashes, kills, restarts, shutdown. */
class WorkerLifecycleTest {

    @Test
    void callPastTheTimeout_is504AndTheWorkerIsReplaced() {
        try (PythonModel model =
                PythonModels.start("sleepy", Map.of(PythonSettings.TIMEOUT, "700"), null, PythonModels.log())) {
            long before = model.workerPids().get(0);
            assertThatThrownBy(() -> model.predict(Payload.ofString("30")))
                    .isInstanceOfSatisfying(
                            ModelException.WithStatus.class,
                            e -> assertThat(e.status()).isEqualTo(504))
                    .hasMessageContaining("did not answer within 700 ms");
            assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            Object answer = awaitAnswer(model, "0");
            assertThat(((Map<?, ?>) answer).get("pid")).isNotEqualTo(before);
        }
    }

    @Test
    void workerThatExits_failsItsRequestNamingTheExitAndIsRestarted() {
        List<String> log = PythonModels.log();
        try (PythonModel model = PythonModels.start("sleepy", Map.of(), null, log)) {
            assertThatThrownBy(() -> model.predict(Payload.ofString("-1")))
                    .isExactlyInstanceOf(ModelException.class)
                    .hasMessageContaining("exited with code 3")
                    .hasMessageContaining("being restarted");
            assertThat(awaitAnswer(model, "0")).isInstanceOf(Map.class);
            assertThat(log).anyMatch(l -> l.contains("exited with code 3; restarting it"));
        }
    }

    @Test
    void sigkillUnderLoad_noRequestHangsAndThePoolRecovers() throws Exception {
        try (PythonModel model =
                PythonModels.start("sleepy", Map.of(PythonSettings.WORKERS, "2"), null, PythonModels.log())) {
            List<Long> pids = model.workerPids();
            assertThat(pids).hasSize(2);
            ExecutorService clients = Executors.newFixedThreadPool(4);
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            try {
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    calls.add(clients.submit(() -> {
                        try {
                            model.predict(Payload.ofString("0.002"));
                            ok.incrementAndGet();
                        } catch (ModelException e) {
                            assertThat(e.getMessage()).contains("killed by signal 9 (SIGKILL)");
                            failed.incrementAndGet();
                        }
                    }));
                    if (i == 50) {
                        ProcessHandle.of(pids.get(0)).orElseThrow().destroyForcibly();
                    }
                }
                for (Future<?> f : calls) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(ok.get() + failed.get()).isEqualTo(200);
            assertThat(failed.get()).isLessThanOrEqualTo(1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (model.workerPids().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(model.workerPids()).hasSize(2).doesNotContain(pids.get(0));
        }
    }

    @Test
    void close_stopsEveryWorker() {
        PythonModel model = PythonModels.start("echo", Map.of(PythonSettings.WORKERS, "3"), null, PythonModels.log());
        List<Long> pids = model.workerPids();
        assertThat(pids).hasSize(3);
        model.close();
        assertThat(pids)
                .noneMatch(
                        pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertThat(model.ready()).isFalse();
    }

    /** The worker's answer once a replacement is ready (restarts happen in the background). */
    private static Object awaitAnswer(PythonModel model, String seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return model.predict(Payload.ofString(seconds)).json();
            } catch (ModelException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }
}
