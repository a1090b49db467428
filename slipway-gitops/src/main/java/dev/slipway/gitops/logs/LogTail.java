package dev.slipway.gitops.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads log files as people want them: every source's lines with its prefix, interleaved by time (a line's own leading
 * ISO-8601 time, else the time in a replica's {@code --- … start #N at TIME} header, else the time of the line before
 * it in the same file), only those at or after {@code since}; with {@code follow}, then polls for new lines (and new
 * files: a restarted replica logs to a new one) until the sink stops. Only whole lines are passed on.
 */
public final class LogTail {

    private static final Logger LOG = LoggerFactory.getLogger(LogTail.class);

    /** A leading ISO-8601 time with an offset, as Slipway's logging writes it ({@code 2026-12-05T05:41:25.123+00:00}). */
    private static final Pattern LEADING_TIME =
            Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?(?:Z|[+-]\\d\\d:\\d\\d))");
    /** A replica log's header line: {@code --- NS/NAME/PREDICTOR/NODE#ID start #N at INSTANT (revision …)}. */
    private static final Pattern HEADER_TIME = Pattern.compile("^--- \\S+ start #\\d+ at (\\S+)");

    /** One file and the prefix its lines get ({@code [classifier/replica-0]}; empty for none). */
    public record Source(Path file, String prefix) {
        public Source {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(prefix, "prefix");
        }
    }

    /** Where lines go. */
    public interface Sink {
        /** Takes one line (prefix included, no line break); false when the reader is gone and reading should stop. */
        boolean line(String line);

        /** False once the reader is gone (asked between polls, when no line came). */
        default boolean open() {
            return true;
        }
    }

    private final Duration poll;

    /** @param poll how often followed files are checked for new lines */
    public LogTail(Duration poll) {
        this.poll = Objects.requireNonNull(poll, "poll");
    }

    /** Polls every 200 ms. */
    public LogTail() {
        this(Duration.ofMillis(200));
    }

    /**
     * Passes the lines of {@code sources} (asked again at every poll when following) to {@code sink}: what is there now,
     * interleaved by time, then with {@code follow} what comes, until the sink stops or the thread is interrupted.
     */
    public void run(Supplier<List<Source>> sources, @Nullable Instant since, boolean follow, Sink sink)
            throws InterruptedException {
        final Map<Path, Cursor> cursors = new HashMap<>();
        final List<Line> now = new ArrayList<>();
        for (final Source s : sources.get()) {
            final Cursor c = new Cursor(s);
            cursors.put(s.file(), c);
            now.addAll(c.read());
        }
        now.sort(Comparator.comparing(Line::order)); // stable: a file's lines keep their order
        for (final Line l : now) {
            if (l.after(since) && !sink.line(l.text())) {
                return;
            }
        }
        while (follow && sink.open()) {
            Thread.sleep(poll.toMillis());
            for (final Source s : sources.get()) {
                final Cursor c = cursors.computeIfAbsent(s.file(), f -> new Cursor(s));
                for (final Line l : c.read()) {
                    if (l.after(since) && !sink.line(l.text())) {
                        return;
                    }
                }
            }
        }
    }

    /** A line read, with the time it is sorted by. */
    private record Line(@Nullable Instant time, String text) {
        Instant order() {
            return time == null ? Instant.MIN : time;
        }

        boolean after(@Nullable Instant since) {
            return since == null || time != null && !time.isBefore(since);
        }
    }

    /** How far one file has been read. */
    private static final class Cursor {
        private final Source source;
        private long offset;
        private @Nullable Instant last;

        Cursor(Source source) {
            this.source = source;
        }

        /** The whole lines added since the last read (all of them after a truncation). */
        List<Line> read() {
            final List<Line> out = new ArrayList<>();
            final Path file = source.file();
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return out;
            }
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                final long length = raf.length();
                if (length < offset) {
                    offset = 0; // truncated or replaced
                }
                if (length == offset) {
                    return out;
                }
                final byte[] bytes = new byte[(int) Math.min(length - offset, 64L * 1024 * 1024)];
                raf.seek(offset);
                raf.readFully(bytes);
                int start = 0;
                for (int i = 0; i < bytes.length; i++) {
                    if (bytes[i] == '\n') {
                        final int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                        final String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
                        last = timeOf(text, last);
                        out.add(new Line(last, source.prefix().isEmpty() ? text : source.prefix() + " " + text));
                        start = i + 1;
                    }
                }
                offset += start;
            } catch (IOException e) {
                LOG.debug("cannot read {}: {}", file, e.toString());
            }
            return out;
        }
    }

    /** The time a line carries (its leading time, or a replica header's), else {@code previous}. */
    static @Nullable Instant timeOf(String line, @Nullable Instant previous) {
        Matcher m = LEADING_TIME.matcher(line);
        try {
            if (m.find()) {
                return OffsetDateTime.parse(m.group(1)).toInstant();
            }
            m = HEADER_TIME.matcher(line);
            if (m.find()) {
                return Instant.parse(m.group(1));
            }
        } catch (DateTimeParseException e) {
            LOG.trace("not a time at the start of a log line: {}", e.getMessage());
        }
        return previous;
    }
}
