package dev.slipway.cli.backend;

import dev.slipway.api.LogQuery;
import java.util.function.Predicate;

/**
 * Logs, wherever they are: a data folder on this machine ({@link LocalLogs}) or a {@code slipway up} API
 * ({@link RemoteLogs}). Lines go to {@code lines} until it returns false or, without follow, the end.
 */
public interface LogsBackend {

    /** A deployment's model-server output, replicas interleaved by time, each line prefixed {@code [NODE/replica-ID]}. */
    void deployment(String namespace, String name, LogQuery query, Predicate<String> lines) throws InterruptedException;

    /** The control plane's own log ({@code node} and {@code replica} of the query are not used). */
    void controlPlane(LogQuery query, Predicate<String> lines) throws InterruptedException;
}
