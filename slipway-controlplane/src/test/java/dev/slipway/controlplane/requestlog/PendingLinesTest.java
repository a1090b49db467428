package dev.slipway.controlplane.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link PendingLines} through {@link RequestLogStore#takeLines}: lines taken in batches and written later
 * leave exactly the files that writing each line at once leaves, whatever the batches, the rotations by events or by
 * bytes, and the deployments in between; what was taken is read before it is written; and the memory it holds is
 * bounded.
 */
class PendingLinesTest {

    @TempDir
    Path dir;

    private static RequestLogStore.Line line(String deployment, int i, int padding) {
        final String text = "{\"time\":\"" + Instant.EPOCH.plusSeconds(i) + "\",\"id\":\"p" + i
                + "\",\"type\":\"request\",\"predictor\":\"default\",\"node\":\"m\",\"payload\":\""
                + "x".repeat(padding)
                + "\"}\n";
        return new RequestLogStore.Line("staging", deployment, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String file(Path root, String deployment, String name) throws Exception {
        final Path f = root.resolve("staging").resolve(deployment).resolve(name);
        return Files.exists(f) ? Files.readString(f) : "<none>";
    }

    private static void assertSameFiles(Path one, Path other) throws Exception {
        for (final String deployment : List.of("iris", "wine")) {
            for (final String name : List.of("current.jsonl", "previous.jsonl")) {
                assertThat(file(other, deployment, name))
                        .as("%s %s", deployment, name)
                        .isEqualTo(file(one, deployment, name));
            }
        }
    }

    /** The two files as the rule says, line by line: a new current file at 5 events or when the next passes 700. */
    private static final class Files2 {
        final StringBuilder current = new StringBuilder();
        String previous = "<none>";
        int events;
        int bytes;

        void add(RequestLogStore.Line l) {
            if (events >= 5 || bytes + l.length() > 700 && events > 0) {
                previous = current.toString();
                current.setLength(0);
                events = 0;
                bytes = 0;
            }
            current.append(new String(l.bytes(), l.offset(), l.length(), StandardCharsets.UTF_8));
            events++;
            bytes += l.length();
        }
    }

    private static void assertAsTheRuleSays(java.util.Map<String, Files2> model, Path root) throws Exception {
        for (final var e : model.entrySet()) {
            assertThat(file(root, e.getKey(), "current.jsonl"))
                    .isEqualTo(e.getValue().current.toString());
            assertThat(file(root, e.getKey(), "previous.jsonl")).isEqualTo(e.getValue().previous);
        }
    }

    @Test
    void linesTakenInBatches_leaveTheFilesThatWritingEachAtOnceLeaves() throws Exception {
        final Random random = new Random(42);
        for (int trial = 0; trial < 40; trial++) {
            // rotations by events (5 a file) and by bytes (700 a file: lines of 110 to 400 bytes)
            final RequestLogStore.Limits limits = new RequestLogStore.Limits(5, 700, 1024, 10);
            final Path oneByOne = dir.resolve(trial + "-a");
            final Path batched = dir.resolve(trial + "-b");
            final RequestLogStore a = new RequestLogStore(oneByOne, limits);
            final RequestLogStore b = new RequestLogStore(batched, limits);
            final java.util.Map<String, Files2> model = new java.util.HashMap<>();
            int i = 0;
            while (i < 300) {
                final int n = 1 + random.nextInt(random.nextBoolean() ? 4 : 40);
                final List<RequestLogStore.Line> batch = new ArrayList<>();
                for (int k = 0; k < n; k++, i++) {
                    final RequestLogStore.Line l =
                            line(random.nextInt(4) == 0 ? "wine" : "iris", i, random.nextInt(290));
                    batch.add(l);
                    model.computeIfAbsent(l.deployment(), d -> new Files2()).add(l);
                    assertThat(a.appendLines(List.of(l))).containsOnlyNulls();
                }
                final int how = random.nextInt(4);
                if (how == 0) {
                    assertThat(b.appendLines(batch)).containsOnlyNulls();
                } else {
                    assertThat(b.takeLines(batch)).containsOnlyNulls();
                    if (how == 1) {
                        b.flush();
                    }
                }
                if (how < 2) {
                    assertSameFiles(oneByOne, batched);
                    assertAsTheRuleSays(model, batched);
                }
            }
            b.flush();
            assertSameFiles(oneByOne, batched);
            assertThat(b.events("staging", "iris")).isEqualTo(a.events("staging", "iris"));
        }
    }

    @Test
    void manyEventsTaken_onlyWhatTheFilesKeepIsHeld_andReadBeforeItIsWritten() throws Exception {
        final RequestLogStore store = new RequestLogStore(dir, new RequestLogStore.Limits(100, 1 << 20, 1024, 10));
        final List<RequestLogStore.Line> batch = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            batch.add(line("iris", i, 10));
        }
        assertThat(store.takeLines(batch)).containsOnlyNulls();
        assertThat(dir.resolve("staging/iris/current.jsonl")).doesNotExist(); // taken, not written yet
        final List<RequestLogStore.Event> kept = store.events("staging", "iris");
        assertThat(kept).hasSize(200);
        assertThat(kept.get(0).id()).isEqualTo("p9800");
        assertThat(kept.get(199).id()).isEqualTo("p9999");
        assertThat(Files.readAllLines(dir.resolve("staging/iris/previous.jsonl")))
                .hasSize(100);
    }

    @Test
    void moreThanTheBoundTaken_isWrittenWithoutAFlush() throws Exception {
        // 8 MiB a file: each deployment can hold two files' worth; four of them pass the store's bound
        final RequestLogStore store = new RequestLogStore(dir, new RequestLogStore.Limits(100_000, 8 << 20, 1024, 10));
        final int perDeployment = (int) (RequestLogStore.PENDING_BYTES / 3 / 1100);
        for (final String deployment : List.of("a", "b", "c", "d")) {
            final List<RequestLogStore.Line> batch = new ArrayList<>();
            for (int i = 0; i < perDeployment; i++) {
                batch.add(line(deployment, i, 1000));
            }
            assertThat(store.takeLines(batch)).containsOnlyNulls();
        }
        assertThat(dir.resolve("staging/a/current.jsonl")).exists();
    }
}
