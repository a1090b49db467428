package dev.slipway.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one fetch may still write: bytes, files and time. Every write is charged here, whatever the
 * headers or listings announced, so a lying server or a zip bomb stops at the limit with a clear error.
 */
public final class Budget {

    private final String uri;
    private final long maxBytes;
    private final int maxFiles;
    private final Instant deadline;
    private final Clock clock;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger files = new AtomicInteger();

    Budget(String uri, StorageOptions options, Clock clock) {
        this.uri = uri;
        this.maxBytes = options.maxBytes();
        this.maxFiles = options.maxFiles();
        this.clock = clock;
        this.deadline = clock.instant().plus(options.downloadTimeout());
    }

    /** A budget for {@code uri} under {@code options}, starting now. */
    public static Budget of(String uri, StorageOptions options) {
        return new Budget(uri, options, Clock.systemUTC());
    }

    /** The URI this budget is for (used in messages). */
    public String uri() {
        return uri;
    }

    /** Checks up front that {@code total} bytes in {@code count} files would fit. */
    public void checkPlanned(long total, int count) throws StorageException {
        if (count > maxFiles) {
            throw tooManyFiles(count);
        }
        if (total > maxBytes) {
            throw tooLarge(total);
        }
    }

    /** Charges {@code n} more bytes. */
    public void addBytes(long n) throws StorageException {
        long now = bytes.addAndGet(n);
        if (now > maxBytes) {
            throw tooLarge(now);
        }
        checkDeadline();
    }

    /** Charges one more file. */
    public void addFile() throws StorageException {
        int now = files.incrementAndGet();
        if (now > maxFiles) {
            throw tooManyFiles(now);
        }
    }

    /** Fails when the fetch has taken longer than its download timeout. */
    public void checkDeadline() throws StorageException {
        if (clock.instant().isAfter(deadline)) {
            throw new StorageException(
                    StorageException.Reason.UNREACHABLE,
                    "model URI '" + uri + "': download did not finish within its timeout");
        }
    }

    /** Time left before the deadline (at least one millisecond). */
    public Duration remaining() {
        Duration d = Duration.between(clock.instant(), deadline);
        return d.isNegative() || d.isZero() ? Duration.ofMillis(1) : d;
    }

    public long bytes() {
        return bytes.get();
    }

    public int files() {
        return files.get();
    }

    private StorageException tooLarge(long n) {
        return new StorageException(
                StorageException.Reason.TOO_LARGE,
                "model URI '" + uri + "' is too large: " + n + " bytes exceed the limit of " + maxBytes + " bytes");
    }

    private StorageException tooManyFiles(int n) {
        return new StorageException(
                StorageException.Reason.TOO_LARGE,
                "model URI '" + uri + "' holds too many files: " + n + " exceed the limit of " + maxFiles);
    }
}
