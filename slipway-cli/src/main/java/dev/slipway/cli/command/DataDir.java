package dev.slipway.cli.command;

import dev.slipway.cli.backend.Settings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option shared by the commands that keep state (runs, credentials). */
public final class DataDir {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where Slipway keeps runs and credentials. Default: $SLIPWAY_DATA_DIR or $HOME/.slipway.")
    Path dir;

    /** True when {@code --data-dir} was given. */
    boolean isSet() {
        return dir != null;
    }

    /** The data folder: {@code --data-dir}, else {@code SLIPWAY_DATA_DIR}, else {@code $HOME/.slipway}. */
    public Path path() {
        return Settings.fromEnvironment().dataDir(dir, "");
    }

    public Path runs() {
        return path().resolve("runs");
    }
}
