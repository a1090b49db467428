package dev.slipway.gitops.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link LogTail}. */
class LogTailTest {

    @TempDir
    Path dir;

    private List<String> read(List<LogTail.Source> sources, Instant since) throws Exception {
        final List<String> out = new ArrayList<>();
        new LogTail(Duration.ofMillis(10)).run(() -> sources, since, false, out::add);
        return out;
    }

    @Test
    void run_twoReplicas_interleavedByTimeWithPrefixes() throws Exception {
        final Path a = Files.writeString(dir.resolve("a.log"), """
        --- default/iris/main/classifier#0 start #1 at 2026-12-05T10:00:00Z (revision abc)
        2026-12-05T10:00:01.000+00:00 INFO a first
        2026-12-05T10:00:03.000+00:00 INFO a second
        a continuation without a time
        """);
        final Path b = Files.writeString(dir.resolve("b.log"), """
        2026-12-05T10:00:02.000Z INFO b first
        2026-12-05T11:00:04.000+01:00 INFO b second
        """);
        assertThat(read(
                        List.of(
                                new LogTail.Source(a, "[classifier/replica-0]"),
                                new LogTail.Source(b, "[x/replica-1]")),
                        null))
                .containsExactly(
                        "[classifier/replica-0] --- default/iris/main/classifier#0 start #1 at 2026-12-05T10:00:00Z (revision abc)",
                        "[classifier/replica-0] 2026-12-05T10:00:01.000+00:00 INFO a first",
                        "[x/replica-1] 2026-12-05T10:00:02.000Z INFO b first",
                        "[classifier/replica-0] 2026-12-05T10:00:03.000+00:00 INFO a second",
                        "[classifier/replica-0] a continuation without a time",
                        "[x/replica-1] 2026-12-05T11:00:04.000+01:00 INFO b second");
    }

    @Test
    void run_since_keepsLinesAtOrAfterIt_andTheirContinuations() throws Exception {
        final Path a = Files.writeString(dir.resolve("a.log"), """
        no time at all
        2026-12-05T10:00:01Z old
        2026-12-05T10:00:05Z new
        continued
        """);
        assertThat(read(List.of(new LogTail.Source(a, "")), Instant.parse("2026-12-05T10:00:05Z")))
                .containsExactly("2026-12-05T10:00:05Z new", "continued");
    }

    @Test
    void run_partLine_waitsForItsEnd() throws Exception {
        final Path a = Files.writeString(dir.resolve("a.log"), "whole\r\nhalf a li");
        assertThat(read(List.of(new LogTail.Source(a, "")), null)).containsExactly("whole");
    }

    @Test
    void run_follow_passesNewLinesAndNewFiles_untilTheSinkStops() throws Exception {
        final Path a = Files.writeString(dir.resolve("a.log"), "one\n");
        final Path b = dir.resolve("b.log");
        final List<LogTail.Source> sources = new CopyOnWriteArrayList<>(List.of(new LogTail.Source(a, "[a]")));
        final List<String> seen = new CopyOnWriteArrayList<>();
        final CountDownLatch first = new CountDownLatch(1);
        final Thread reader = new Thread(() -> {
            try {
                new LogTail(Duration.ofMillis(10)).run(() -> sources, null, true, line -> {
                    seen.add(line);
                    first.countDown();
                    return !line.endsWith("stop");
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        reader.start();
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
        Files.writeString(a, "two\n", StandardOpenOption.APPEND);
        Files.writeString(b, "three\nstop\nafter\n");
        sources.add(new LogTail.Source(b, "[b]"));
        reader.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(reader.isAlive())
                .as("the reader stopped when the sink said so")
                .isFalse();
        assertThat(seen).containsExactly("[a] one", "[a] two", "[b] three", "[b] stop");
    }

    @Test
    void timeOf_readsLeadingTimesAndHeaders_elseKeepsThePrevious() {
        final Instant before = Instant.parse("2020-01-01T00:00:00Z");
        assertThat(LogTail.timeOf("2026-12-05T05:41:25.123+00:00 INFO x", before))
                .isEqualTo(Instant.parse("2026-12-05T05:41:25.123Z"));
        assertThat(LogTail.timeOf("--- a/b/c/d#0 start #2 at 2026-12-05T05:41:25.5Z (revision r)", before))
                .isEqualTo(Instant.parse("2026-12-05T05:41:25.5Z"));
        assertThat(LogTail.timeOf("\tat java.lang.Thread.run", before)).isEqualTo(before);
        assertThat(LogTail.timeOf("2026-13-45T99:00:00Z garbage", before)).isEqualTo(before);
    }
}
