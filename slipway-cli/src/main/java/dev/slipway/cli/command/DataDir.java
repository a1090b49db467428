package dev.slipway.cli.command;

import dev.slipway.cli.backend.Settings;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --data-dir}, the one option naming the data folder of {@code slipway up} (state, runs, credentials, tokens,
 * logs), shared by {@code up} and every command that reads or writes that folder on this machine.
 */
public final class DataDir {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "The data folder of slipway up (state, runs, credentials, tokens, logs). Default:"
                    + " $SLIPWAY_DATA_DIR, else $HOME/.slipway/data.")
    @Nullable
    Path dir;

    /** True when {@code --data-dir} was given. */
    boolean isSet() {
        return dir != null;
    }

    /** The data folder: {@code --data-dir}, else {@code SLIPWAY_DATA_DIR}, else {@code $HOME/.slipway/data}. */
    public Path path() {
        return path(Settings.fromEnvironment());
    }

    Path path(Settings settings) {
        return settings.dataDir(dir, Settings.DATA);
    }
}
