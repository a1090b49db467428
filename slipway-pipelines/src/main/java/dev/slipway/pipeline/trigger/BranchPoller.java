package dev.slipway.pipeline.trigger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.support.AtomicFiles;
import dev.slipway.support.Mappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Polls a remote's branches ({@code git ls-remote --heads}) and reports every branch whose commit changed
 * since the last poll (new branches included). The last seen commits are remembered in a state file, so a
 * restart does not re-run what already ran. The very first poll of a remote only records what is there.
 * A failing poll is reported to the error handler and changes nothing.
 */
public final class BranchPoller {

    /** Reads a remote's branch heads: branch name to commit id. */
    @FunctionalInterface
    public interface RemoteHeads {
        Map<String, String> heads(String remote);
    }

    /** A branch that moved. {@code previous} is empty for a new branch. */
    public record Change(String remote, String branch, String commit, String previous) {}

    private static final ObjectMapper JSON = Mappers.json();

    private final String remote;
    private final RemoteHeads heads;
    private final Path stateFile;
    private final Consumer<Change> onChange;
    private Map<String, String> seen;

    /**
     * @param remote the remote (URL or path)
     * @param heads how to read its heads
     * @param stateFile where the last seen commits are kept (JSON), or null to keep them in memory only
     * @param onChange called once per moved branch, in branch-name order
     */
    public BranchPoller(String remote, RemoteHeads heads, Path stateFile, Consumer<Change> onChange) {
        this.remote = remote;
        this.heads = heads;
        this.stateFile = stateFile;
        this.onChange = onChange;
        this.seen = load();
    }

    /** One poll: returns (and reports) the branches that moved. */
    public synchronized List<Change> poll() {
        Map<String, String> now = new TreeMap<>(heads.heads(remote));
        List<Change> changes = new ArrayList<>();
        if (seen != null) {
            now.forEach((branch, commit) -> {
                String before = seen.getOrDefault(branch, "");
                if (!commit.equals(before)) {
                    changes.add(new Change(remote, branch, commit, before));
                }
            });
        }
        seen = now;
        save();
        changes.forEach(onChange);
        return changes;
    }

    /** Polls every {@code interval} on the scheduler until the returned future is cancelled. */
    public ScheduledFuture<?> start(
            ScheduledExecutorService scheduler, Duration interval, Consumer<RuntimeException> onError) {
        return scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        poll();
                    } catch (RuntimeException e) {
                        onError.accept(e);
                    }
                },
                0,
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private Map<String, String> load() {
        if (stateFile == null || !Files.exists(stateFile)) {
            return null;
        }
        try {
            return new TreeMap<>(JSON.readValue(stateFile.toFile(), new TypeReference<Map<String, String>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read poller state " + stateFile, e);
        }
    }

    private void save() {
        if (stateFile == null) {
            return;
        }
        try {
            AtomicFiles.write(stateFile, JSON.writeValueAsBytes(seen));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write poller state " + stateFile, e);
        }
    }
}
