package dev.slipway.cli.command;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option shared by the commands that keep state (runs, credentials). */
public final class DataDir {

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where Slipway keeps runs and credentials. Default: $SLIPWAY_DATA_DIR or ~/.slipway.")
  Path dir;

  /** The data folder. */
  public Path path() {
    if (dir != null) {
      return dir.toAbsolutePath();
    }
    String env = System.getenv("SLIPWAY_DATA_DIR");
    return env != null && !env.isBlank() ? Path.of(env).toAbsolutePath() : Path.of(System.getProperty("user.home"), ".slipway");
  }

  public Path runs() {
    return path().resolve("runs");
  }
}
