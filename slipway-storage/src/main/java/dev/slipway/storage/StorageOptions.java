package dev.slipway.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and timeouts of {@link ModelStorage}: every network call has a connect and a read timeout
 * and every download a total deadline, so nothing hangs; every model has a byte and a file budget.
 *
 * @param maxBytes the most bytes one model may occupy once downloaded and unpacked
 * @param maxFiles the most files one model may hold
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long one read may block
 * @param downloadTimeout how long one whole fetch may take
 */
public record StorageOptions(
        long maxBytes, int maxFiles, Duration connectTimeout, Duration readTimeout, Duration downloadTimeout) {

    /** Defaults: 8 GiB, 100,000 files, 10 s to connect, 60 s per read, 30 min per fetch. */
    public static final StorageOptions DEFAULTS = new StorageOptions(
            8L << 30, 100_000, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(30));

    public StorageOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(downloadTimeout, "downloadTimeout");
        if (maxBytes <= 0 || maxFiles <= 0) {
            throw new IllegalArgumentException("maxBytes and maxFiles must be positive");
        }
        if (connectTimeout.isNegative()
                || connectTimeout.isZero()
                || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive (zero would mean wait forever)");
        }
    }

    public StorageOptions withMaxBytes(long value) {
        return new StorageOptions(value, maxFiles, connectTimeout, readTimeout, downloadTimeout);
    }

    public StorageOptions withMaxFiles(int value) {
        return new StorageOptions(maxBytes, value, connectTimeout, readTimeout, downloadTimeout);
    }

    public StorageOptions withConnectTimeout(Duration value) {
        return new StorageOptions(maxBytes, maxFiles, value, readTimeout, downloadTimeout);
    }

    public StorageOptions withReadTimeout(Duration value) {
        return new StorageOptions(maxBytes, maxFiles, connectTimeout, value, downloadTimeout);
    }

    public StorageOptions withDownloadTimeout(Duration value) {
        return new StorageOptions(maxBytes, maxFiles, connectTimeout, readTimeout, value);
    }
}
